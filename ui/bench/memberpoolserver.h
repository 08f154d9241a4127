#pragma once

namespace daffi::ui::bench {

// The member pool's own process: `daffi-console-bench --member-pool <port> <files>` (started by
// MemberPoolProcess, not by hand). Raises its descriptor limit to <files>, runs a MemberPool
// against the router on 127.0.0.1:<port> and takes its commands on stdin (memberpoolwire.h)
// until stdin ends. No QCoreApplication and no event loop: the pool has its own thread and this
// one only reads commands and answers them. Returns the exit status; a bad command line or bad
// input is said on stderr with status 2.
int serveMemberPool(int argc, char *argv[]);

} // namespace daffi::ui::bench
