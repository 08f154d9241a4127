#include "session.h"

#include <QCoreApplication>
#include <QHostInfo>

#include <atomic>

namespace daffi::ui {

QByteArray Session::consoleClientName()
{
    // A session that replaces another may join the same router before the old one has left, and
    // a name held twice evicts the first holder: each session of the process has its own.
    static std::atomic<int> sessions{0};
    const int n = ++sessions;
    const QByteArray name = "console-" + QHostInfo::localHostName().toUtf8().left(40) + '-'
        + QByteArray::number(QCoreApplication::applicationPid());
    return n == 1 ? name : name + '-' + QByteArray::number(n);
}

void Session::fetchPayload(quint64, std::function<void(PayloadFetch &&)> done)
{
    done({{}, {}, tr("This session has no payloads to fetch.")});
}

} // namespace daffi::ui
