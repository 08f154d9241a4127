#pragma once

namespace daffi::python {

// The self-contained wheel (scripts/build_wheel.sh) carries, in qt/ next to this module, the Qt
// plugins that Qt loads at run time (the TLS backend) and the OpenSSL libraries that the TLS
// backend in turn loads by name. When that folder is there, Qt takes plugins only from it: a
// system Qt's plugin folder would bring a second, foreign Qt into the process. OpenSSL is
// loaded from it first, so that Qt's own dlopen("libssl.so.3") finds that copy already in the
// process. A module built without the folder (in-tree, or `pip install .`) uses the system's
// Qt and OpenSSL as they are. Call once, after the QCoreApplication exists and before any TLS
// socket; throws std::runtime_error when the folder is there but its libraries do not load.
void useBundledQt();

} // namespace daffi::python
