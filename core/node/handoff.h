#pragma once

// Hand-offs between threads that go through Qt's event queue or thread pool. Those are properly
// synchronized inside Qt, but a system Qt is not built with ThreadSanitizer, which therefore
// cannot see the ordering and reports races that are not there. Under TSan these annotate the
// hand-off (release before posting, acquire on arrival); otherwise they compile to nothing.

#if defined(__SANITIZE_THREAD__)
#define DAFFI_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define DAFFI_TSAN 1
#endif
#endif

#ifdef DAFFI_TSAN
extern "C" void __tsan_acquire(void *addr);
extern "C" void __tsan_release(void *addr);
#endif

namespace daffi {

inline void handoffRelease([[maybe_unused]] const void *token)
{
#ifdef DAFFI_TSAN
    __tsan_release(const_cast<void *>(token));
#endif
}

inline void handoffAcquire([[maybe_unused]] const void *token)
{
#ifdef DAFFI_TSAN
    __tsan_acquire(const_cast<void *>(token));
#endif
}

} // namespace daffi
