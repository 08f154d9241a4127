#pragma once

#include <chrono>

namespace daffi {

// Busy polling: after network activity the calling thread's event loop keeps polling its
// sockets (a zero-timeout poll per pass, yielding the CPU in between) for a short window
// instead of going to sleep at once.
//
// Why: a thread that sleeps must be woken by the kernel, and on virtual machines whose idle vCPUs
// halt, each such wake-up costs tens of microseconds (measured ~25 us per wake on the benchmark
// machine, against ~1 us between two running threads). A request/answer exchange crosses several
// threads and processes; keeping the loop hot while an answer is likely to arrive soon removes
// most of those wake-ups. An idle node costs nothing.
//
// The window adapts per thread: it doubles (up to window()) whenever a frame arrives while the
// loop polls, widens to cover the gap when a frame arrives soon after the loop went to sleep (soon
// after the last frame in or out: an answer soon after our request, a request soon after our
// answer), and
// halves (down to off) whenever it runs out with nothing received. A worker that gets a request
// every millisecond thus stops polling after its answers, where spinning would only take the CPU
// from others, while a caller waiting for answers and a busy router keep it.
class BusyPoll
{
public:
    // Call on the thread's event loop: a frame came in / went out.
    static void received();
    static void sent();

    // The longest window for every thread of the process; zero turns busy polling off. The default
    // comes from DAFFI_BUSY_POLL_US (microseconds) or defaultWindow.
    static void setWindow(std::chrono::microseconds window);
    static std::chrono::microseconds window();
    static constexpr std::chrono::microseconds defaultWindow{100};

    // The calling thread's current (adapted) window; for tests and diagnostics.
    static std::chrono::microseconds currentWindow();
};

} // namespace daffi
