#include "consolesettings.h"

#include <QSettings>
#include <QStandardPaths>

namespace daffi::ui {

namespace {
QString &overridePath()
{
    static QString path;
    return path;
}
}

void ConsoleSettings::setFile(const QString &path)
{
    overridePath() = path;
}

QString ConsoleSettings::file()
{
    return open()->fileName();
}

std::unique_ptr<QSettings> ConsoleSettings::open()
{
    if (!overridePath().isEmpty())
        return std::make_unique<QSettings>(overridePath(), QSettings::IniFormat);
    if (QStandardPaths::isTestModeEnabled()) {
        const QString dir = QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation);
        return std::make_unique<QSettings>(dir + QStringLiteral("/daffi/daffi-console.conf"), QSettings::IniFormat);
    }
    return std::make_unique<QSettings>(QSettings::IniFormat, QSettings::UserScope, QStringLiteral("daffi"),
                                       QStringLiteral("daffi-console"));
}

} // namespace daffi::ui
