#pragma once

#include "callspec.h"

namespace daffi::ui {

// The composed call as a program a person can paste: Python (daffi 3.0 API) or JavaScript
// (daffi.js in a page, over the router's WebSocket). `address` is "host:port".
QString pythonSnippet(const CallSpec &spec, const QString &host, quint16 port);
QString javascriptSnippet(const CallSpec &spec, const QString &host, quint16 port);

// Where a program reaches a router: its TCP host and port (a wildcard host is reached on
// 127.0.0.1 from the same machine), or a Unix socket when it has no TCP address.
struct RouterAddress
{
    QString host;
    quint16 port = 0;
    QString unixPath;
    bool tls = false;
};

// First programs for an empty router: a Python worker exposing hello(), and callers of it in
// Python and in a browser page (daffi.js over the router's WebSocket).
QString pythonWorkerSnippet(const RouterAddress &address);
QString pythonCallerSnippet(const RouterAddress &address);
QString javascriptCallerSnippet(const RouterAddress &address);

} // namespace daffi::ui
