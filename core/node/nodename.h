#pragma once

#include <QByteArray>

namespace daffi {

// The name a node takes when it is given none: "<hostname>-0x<8 random hex digits>", the
// reference's form (PYTHON_API.md: app_name defaults to it).
QByteArray defaultNodeName();

} // namespace daffi
