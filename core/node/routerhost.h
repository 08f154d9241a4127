#pragma once

#include "router.h"

#include <core/transport/listener.h>

namespace daffi {

// A router with its listener: what daffi-router and the console's embedded router run.
// The listener can be restarted on another address while the router (and its members on other
// listeners) stays.
class RouterHost : public QObject
{
    Q_OBJECT

public:
    explicit RouterHost(const Router::Options &options = {}, QObject *parent = nullptr);

    // Starts (or restarts) listening; on failure returns false with a sentence a person can act on.
    bool listen(const Listener::Options &options, QString *error);
    void stop();

    Router *router() const { return m_router; }
    Listener *listener() const { return m_listener; }
    QStringList urls() const { return m_listener->urls(); }

private:
    Router *m_router;
    Listener *m_listener;
};

} // namespace daffi
