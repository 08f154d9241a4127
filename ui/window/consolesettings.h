#pragma once

#include <QString>

#include <memory>

class QSettings;

namespace daffi::ui {

// Where the console keeps its settings: the platform's place for "daffi/daffi-console", or an
// INI file chosen with --settings (tests use that, or QStandardPaths test mode).
class ConsoleSettings
{
public:
    static void setFile(const QString &path);
    static QString file();
    static std::unique_ptr<QSettings> open();
};

} // namespace daffi::ui
