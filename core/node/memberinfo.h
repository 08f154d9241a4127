#pragma once

#include <core/transport/connection.h>

#include <QByteArrayList>
#include <QDateTime>
#include <QMetaType>

namespace daffi {

// What an observer knows about a member of a router (or of a client's view of the network).
struct MemberInfo
{
    QByteArray name;
    QByteArrayList methods;
    bool hasMethodList = false;     // false: the member sent "methods": null
    quint64 connectionId = 0;
    Connection::Transport transport = Connection::Transport::Tcp;
    QString address;
    QDateTime connectedAt;
};

} // namespace daffi

Q_DECLARE_METATYPE(daffi::MemberInfo)
