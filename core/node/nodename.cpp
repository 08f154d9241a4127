#include "nodename.h"

#include <QHostInfo>
#include <QRandomGenerator>

namespace daffi {

QByteArray defaultNodeName()
{
    return QHostInfo::localHostName().toUtf8() + "-0x"
           + QByteArray::number(QRandomGenerator::global()->generate(), 16).rightJustified(8, '0');
}

} // namespace daffi
