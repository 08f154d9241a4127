#pragma once

#include <QLoggingCategory>

namespace daffi {
Q_DECLARE_LOGGING_CATEGORY(lcTransport)
}
