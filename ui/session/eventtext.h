#pragma once

#include "snapshot.h"

#include <core/monitor/eventlog.h>

#include <QCoreApplication>

namespace daffi::ui {

// The line the Events list shows for one of a router's membership events. Hosted and remote
// sessions read the same EventLog::Event (the embedded Monitor's, or one from a monitor's feed),
// so both say the same thing in the same words.
class EventText
{
    Q_DECLARE_TR_FUNCTIONS(daffi::ui::EventText)

public:
    static SessionEvent describe(const EventLog::Event &event);
    // For a reader that fell behind the ring of events.
    static SessionEvent lost(quint64 count, qint64 timeMs);
};

} // namespace daffi::ui
