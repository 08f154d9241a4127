#pragma once

#include <chrono>

namespace daffi {

// Busy polling: after network activity the calling thread's event loop keeps polling its
// sockets (a zero-timeout poll per pass) for a short window instead of going to sleep at once.
//
// Why: a thread that sleeps must be woken by the kernel, and on virtual machines whose idle vCPUs
// halt, each such wake-up costs tens of microseconds (measured ~25 us per wake on the benchmark
// machine, against ~1 us between two running threads). A request/answer exchange crosses several
// threads and processes; keeping the loop hot while an answer is likely to arrive soon removes
// most of those wake-ups. The window restarts with every frame; an idle node costs nothing.
class BusyPoll
{
public:
    // Marks activity on the current thread (call on its event loop thread).
    static void activity();

    // The window for every thread of the process; zero turns busy polling off. The default comes
    // from DAFFI_BUSY_POLL_US (microseconds) or defaultWindow.
    static void setWindow(std::chrono::microseconds window);
    static std::chrono::microseconds window();
    static constexpr std::chrono::microseconds defaultWindow{100};
};

} // namespace daffi
