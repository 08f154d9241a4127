#include "pickledisassembler.h"

#include <QtEndian>

#include <cstring>

namespace daffi::ui {

namespace {

enum class Arg {
    None, Uint1, Uint2, Int4, Uint4, Uint8, Float8, Long1, Long4,
    Line, LinePair, Bytes1, Bytes4, Bytes8, Unicode1, Unicode4, Unicode8,
};

struct Opcode
{
    char code;
    const char *name;
    Arg arg;
    int markDelta;   // +1 pushes a mark, -1 pops to one
};

constexpr Opcode Opcodes[] = {
    {'(', "MARK", Arg::None, 1}, {'.', "STOP", Arg::None, 0}, {'0', "POP", Arg::None, 0},
    {'2', "DUP", Arg::None, 0}, {'1', "POP_MARK", Arg::None, -1}, {'F', "FLOAT", Arg::Line, 0},
    {'I', "INT", Arg::Line, 0}, {'J', "BININT", Arg::Int4, 0}, {'K', "BININT1", Arg::Uint1, 0},
    {'L', "LONG", Arg::Line, 0}, {'M', "BININT2", Arg::Uint2, 0}, {'N', "NONE", Arg::None, 0},
    {'P', "PERSID", Arg::Line, 0}, {'Q', "BINPERSID", Arg::None, 0}, {'R', "REDUCE", Arg::None, 0},
    {'S', "STRING", Arg::Line, 0}, {'T', "BINSTRING", Arg::Bytes4, 0}, {'U', "SHORT_BINSTRING", Arg::Bytes1, 0},
    {'V', "UNICODE", Arg::Line, 0}, {'X', "BINUNICODE", Arg::Unicode4, 0}, {'a', "APPEND", Arg::None, 0},
    {'b', "BUILD", Arg::None, 0}, {'c', "GLOBAL", Arg::LinePair, 0}, {'d', "DICT", Arg::None, -1},
    {'}', "EMPTY_DICT", Arg::None, 0}, {'e', "APPENDS", Arg::None, -1}, {'g', "GET", Arg::Line, 0},
    {'h', "BINGET", Arg::Uint1, 0}, {'i', "INST", Arg::LinePair, -1}, {'j', "LONG_BINGET", Arg::Uint4, 0},
    {'l', "LIST", Arg::None, -1}, {']', "EMPTY_LIST", Arg::None, 0}, {'o', "OBJ", Arg::None, -1},
    {'p', "PUT", Arg::Line, 0}, {'q', "BINPUT", Arg::Uint1, 0}, {'r', "LONG_BINPUT", Arg::Uint4, 0},
    {'s', "SETITEM", Arg::None, 0}, {'t', "TUPLE", Arg::None, -1}, {')', "EMPTY_TUPLE", Arg::None, 0},
    {'u', "SETITEMS", Arg::None, -1}, {'G', "BINFLOAT", Arg::Float8, 0},
    {'\x80', "PROTO", Arg::Uint1, 0}, {'\x81', "NEWOBJ", Arg::None, 0}, {'\x82', "EXT1", Arg::Uint1, 0},
    {'\x83', "EXT2", Arg::Uint2, 0}, {'\x84', "EXT4", Arg::Int4, 0}, {'\x85', "TUPLE1", Arg::None, 0},
    {'\x86', "TUPLE2", Arg::None, 0}, {'\x87', "TUPLE3", Arg::None, 0}, {'\x88', "NEWTRUE", Arg::None, 0},
    {'\x89', "NEWFALSE", Arg::None, 0}, {'\x8a', "LONG1", Arg::Long1, 0}, {'\x8b', "LONG4", Arg::Long4, 0},
    {'B', "BINBYTES", Arg::Bytes4, 0}, {'C', "SHORT_BINBYTES", Arg::Bytes1, 0},
    {'\x8c', "SHORT_BINUNICODE", Arg::Unicode1, 0}, {'\x8d', "BINUNICODE8", Arg::Unicode8, 0},
    {'\x8e', "BINBYTES8", Arg::Bytes8, 0}, {'\x8f', "EMPTY_SET", Arg::None, 0},
    {'\x90', "ADDITEMS", Arg::None, -1}, {'\x91', "FROZENSET", Arg::None, -1}, {'\x92', "NEWOBJ_EX", Arg::None, 0},
    {'\x93', "STACK_GLOBAL", Arg::None, 0}, {'\x94', "MEMOIZE", Arg::None, 0}, {'\x95', "FRAME", Arg::Uint8, 0},
    {'\x96', "BYTEARRAY8", Arg::Bytes8, 0}, {'\x97', "NEXT_BUFFER", Arg::None, 0},
    {'\x98', "READONLY_BUFFER", Arg::None, 0},
};

const Opcode *lookup(char c)
{
    for (const Opcode &op : Opcodes) {
        if (op.code == c)
            return &op;
    }
    return nullptr;
}

constexpr qsizetype MaxShown = 200;   // characters of a string argument

QString bytesRepr(QByteArrayView b)
{
    QString out = QStringLiteral("b'");
    for (qsizetype i = 0; i < b.size() && i < MaxShown; ++i) {
        const auto c = static_cast<unsigned char>(b[i]);
        if (c == '\\' || c == '\'')
            out += u'\\' + QChar(char16_t(c));
        else if (c >= 0x20 && c < 0x7f)
            out += QChar(char16_t(c));
        else
            out += QStringLiteral("\\x%1").arg(c, 2, 16, QLatin1Char('0'));
    }
    out += u'\'';
    if (b.size() > MaxShown)
        out += QStringLiteral("… (%1 bytes)").arg(b.size());
    return out;
}

QString textRepr(QByteArrayView utf8)
{
    QString s = QString::fromUtf8(utf8.first(std::min(utf8.size(), MaxShown * 4)));
    const bool cut = s.size() > MaxShown;
    s.truncate(MaxShown);
    s.replace(u'\\', QStringLiteral("\\\\")).replace(u'\'', QStringLiteral("\\'")).replace(u'\n', QStringLiteral("\\n"));
    return u'\'' + s + u'\'' + (cut ? QStringLiteral("…") : QString());
}

QString longRepr(QByteArrayView b)
{
    if (b.isEmpty())
        return QStringLiteral("0");
    if (b.size() <= 8) {
        quint64 v = 0;
        for (qsizetype i = b.size(); i-- > 0;)
            v = (v << 8) | static_cast<unsigned char>(b[i]);
        if (static_cast<unsigned char>(b[b.size() - 1]) & 0x80) {
            if (b.size() < 8)
                v |= ~quint64(0) << (8 * b.size());
            return QString::number(qint64(v));
        }
        return QString::number(v);
    }
    return QStringLiteral("<%1-byte integer>").arg(b.size());
}

} // namespace

QString disassemblePickle(QByteArrayView data, int maxLines)
{
    QString out;
    qsizetype pos = 0;
    int depth = 0;
    int lines = 0;
    auto fail = [&](qsizetype at, const QString &why) {
        out += QStringLiteral("%1: ** %2\n").arg(at, 5).arg(why);
    };
    while (pos < data.size()) {
        if (++lines > maxLines) {
            out += QStringLiteral("… listing stopped after %1 opcodes\n").arg(maxLines);
            return out;
        }
        const qsizetype at = pos;
        const Opcode *op = lookup(data[pos]);
        if (!op) {
            fail(at, QStringLiteral("unknown opcode 0x%1: not a pickle, or a newer protocol")
                         .arg(static_cast<unsigned char>(data[pos]), 2, 16, QLatin1Char('0')));
            return out;
        }
        ++pos;
        auto need = [&](qsizetype n) {
            if (n < 0 || data.size() - pos < n) {
                fail(at, QStringLiteral("%1 needs %2 more bytes, only %3 left").arg(QLatin1String(op->name)).arg(n).arg(data.size() - pos));
                return false;
            }
            return true;
        };
        auto line = [&](QByteArrayView *result) {
            const qsizetype nl = data.sliced(pos).indexOf('\n');
            if (nl < 0) {
                fail(at, QStringLiteral("%1 argument has no end of line").arg(QLatin1String(op->name)));
                return false;
            }
            *result = data.sliced(pos, nl);
            pos += nl + 1;
            return true;
        };
        auto uintLE = [&](int n) {
            quint64 v = 0;
            for (int i = n; i-- > 0;)
                v = (v << 8) | static_cast<unsigned char>(data[pos + i]);
            pos += n;
            return v;
        };
        QString arg;
        switch (op->arg) {
        case Arg::None: break;
        case Arg::Uint1: if (!need(1)) return out; arg = QString::number(uintLE(1)); break;
        case Arg::Uint2: if (!need(2)) return out; arg = QString::number(uintLE(2)); break;
        case Arg::Int4: if (!need(4)) return out; arg = QString::number(qint32(quint32(uintLE(4)))); break;
        case Arg::Uint4: if (!need(4)) return out; arg = QString::number(uintLE(4)); break;
        case Arg::Uint8: if (!need(8)) return out; arg = QString::number(uintLE(8)); break;
        case Arg::Float8: {
            if (!need(8)) return out;
            const quint64 bits = qFromBigEndian<quint64>(data.data() + pos);
            double d;
            std::memcpy(&d, &bits, sizeof d);
            pos += 8;
            arg = QString::number(d, 'g', 17);
            break;
        }
        case Arg::Long1:
        case Arg::Long4: {
            const int width = op->arg == Arg::Long1 ? 1 : 4;
            if (!need(width)) return out;
            const qint64 n = width == 1 ? qint64(uintLE(1)) : qint64(qint32(quint32(uintLE(4))));
            if (!need(n)) return out;
            arg = longRepr(data.sliced(pos, n));
            pos += n;
            break;
        }
        case Arg::Line: {
            QByteArrayView l;
            if (!line(&l)) return out;
            arg = textRepr(l);
            break;
        }
        case Arg::LinePair: {
            QByteArrayView module, name;
            if (!line(&module) || !line(&name)) return out;
            arg = textRepr(module) + u' ' + textRepr(name);
            break;
        }
        case Arg::Bytes1: case Arg::Bytes4: case Arg::Bytes8:
        case Arg::Unicode1: case Arg::Unicode4: case Arg::Unicode8: {
            const int width = (op->arg == Arg::Bytes1 || op->arg == Arg::Unicode1) ? 1
                : (op->arg == Arg::Bytes4 || op->arg == Arg::Unicode4) ? 4 : 8;
            if (!need(width)) return out;
            const quint64 n = uintLE(width);
            if (n > quint64(data.size())) {
                fail(at, QStringLiteral("%1 claims %2 bytes, more than the whole pickle").arg(QLatin1String(op->name)).arg(n));
                return out;
            }
            if (!need(qsizetype(n))) return out;
            const QByteArrayView body = data.sliced(pos, qsizetype(n));
            pos += qsizetype(n);
            const bool text = op->arg == Arg::Unicode1 || op->arg == Arg::Unicode4 || op->arg == Arg::Unicode8;
            arg = text ? textRepr(body) : bytesRepr(body);
            break;
        }
        }
        if (op->markDelta < 0)
            depth = std::max(0, depth - 1);
        const QString code = (static_cast<unsigned char>(op->code) >= 0x20 && static_cast<unsigned char>(op->code) < 0x7f)
            ? QString(QLatin1Char(op->code))
            : QStringLiteral("\\x%1").arg(static_cast<unsigned char>(op->code), 2, 16, QLatin1Char('0'));
        out += QStringLiteral("%1: %2 %3%4 %5\n")
                   .arg(at, 5)
                   .arg(code, -4)
                   .arg(QString(depth * 2, u' '))
                   .arg(QLatin1String(op->name), -16)
                   .arg(arg);
        if (op->markDelta > 0)
            ++depth;
        if (op->code == '.') {
            if (pos < data.size())
                out += QStringLiteral("… %1 bytes after STOP\n").arg(data.size() - pos);
            return out;
        }
    }
    out += QStringLiteral("** the pickle ends without STOP\n");
    return out;
}

} // namespace daffi::ui
