#pragma once

#include "callspec.h"

namespace daffi::ui {

// The composed call as a program a person can paste: Python (daffi 3.0 API) or JavaScript
// (daffi.js in a page, over the router's WebSocket). `address` is "host:port".
QString pythonSnippet(const CallSpec &spec, const QString &host, quint16 port);
QString javascriptSnippet(const CallSpec &spec, const QString &host, quint16 port);

} // namespace daffi::ui
