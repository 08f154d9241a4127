#pragma once

#include <core/protocol/frame.h>

#include <QCborValue>
#include <QCoreApplication>
#include <QString>

namespace daffi::ui {

// Turns one retained frame into text a person can read: JSON and msgpack pretty-printed, errors
// as their type/message/traceback, opaque bytes as text (when they are text) and a hex dump,
// pickle as an opcode listing. Called only for the row someone selected.
class PayloadDecoder
{
    Q_DECLARE_TR_FUNCTIONS(PayloadDecoder)

public:
    static QString decode(const Frame &frame);
    static QString pretty(const QCborValue &value, int indent = 0);
    static QString hexDump(QByteArrayView data, qsizetype maxBytes = 64 * 1024);
};

} // namespace daffi::ui
