#include "bundledqt.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <dlfcn.h>

#include <stdexcept>
#include <string>

namespace daffi::python {

void useBundledQt()
{
    Dl_info self{};
    if (!dladdr(reinterpret_cast<void *>(&useBundledQt), &self) || !self.dli_fname)
        return;
    const QDir qt(QFileInfo(QFile::decodeName(self.dli_fname)).absolutePath() + QStringLiteral("/qt"));
    if (!qt.exists(QStringLiteral("plugins")))
        return;
    // libssl needs libcrypto: load ours first so that libssl's dependency resolves to it.
    for (const char *name : {"libcrypto.so.3", "libssl.so.3"}) {
        const QByteArray path = QFile::encodeName(qt.filePath(QStringLiteral("lib/") + QLatin1String(name)));
        if (!dlopen(path.constData(), RTLD_NOW | RTLD_LOCAL)) {
            throw std::runtime_error("daffi's bundled OpenSSL could not be loaded (" + std::string(dlerror())
                                     + "); reinstall the daffi wheel.");
        }
    }
    QCoreApplication::setLibraryPaths({qt.filePath(QStringLiteral("plugins"))});
}

} // namespace daffi::python
