#include "callresult.h"

#include <QMetaEnum>

namespace daffi {

QString CallResult::statusName(Status status)
{
    return QString::fromLatin1(QMetaEnum::fromType<Status>().valueToKey(int(status)));
}

QString CallResult::reasonName(Reason reason)
{
    return QString::fromLatin1(QMetaEnum::fromType<Reason>().valueToKey(int(reason)));
}

} // namespace daffi
