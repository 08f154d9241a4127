#pragma once

#include <QByteArrayView>
#include <QString>

namespace daffi::ui {

// A listing of a pickle's opcodes in the style of Python's pickletools.dis: offset, opcode,
// argument, indented by MARK depth. It only reads bytes: nothing is ever constructed, imported
// or called, so a hostile pickle is as safe to look at as any other bytes. Stops at STOP, at the
// first malformed opcode (saying where and why) or after maxLines.
QString disassemblePickle(QByteArrayView data, int maxLines = 4000);

} // namespace daffi::ui
