#pragma once

#include "result.h"

#include <QByteArray>
#include <QCborValue>

// msgpack <-> QCborValue. msgpack-cxx is used only inside the .cpp so no public header drags
// it (and Boost) into other translation units or into lupdate.
namespace daffi::msgpack {

QByteArray encode(const QCborValue &value);

struct DecodeLimits
{
    int maxDepth = 64;
};

// The input must hold exactly one msgpack object. Extension types are refused. Memory grows
// with the elements actually present, never with the counts a header claims.
Result<QCborValue> decode(QByteArrayView bytes, const DecodeLimits &limits = {});

} // namespace daffi::msgpack
