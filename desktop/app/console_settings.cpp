#include "desktop/app/console_settings.h"

namespace alpes::console {

ConsoleSettings::ConsoleSettings() : ConsoleSettings(std::make_unique<QSettings>()) {}

ConsoleSettings::ConsoleSettings(const QString& path)
    : ConsoleSettings(std::make_unique<QSettings>(path, QSettings::IniFormat))
{
}

// m_settings is declared last but must exist before the values bind to it: build it first and
// hand it in, so each SettingValue refers to a live QSettings.
ConsoleSettings::ConsoleSettings(std::unique_ptr<QSettings> settings)
    : serverUrl(*settings, QStringLiteral("connection/serverUrl")),
      username(*settings, QStringLiteral("connection/username")),
      token(*settings, QStringLiteral("connection/token")),
      theme(*settings, QStringLiteral("appearance/theme"), QStringLiteral("system")),
      language(*settings, QStringLiteral("appearance/language"), QStringLiteral("en")),
      windowGeometry(*settings, QStringLiteral("window/geometry")),
      windowState(*settings, QStringLiteral("window/state")),
      m_settings(std::move(settings))
{
}

}  // namespace alpes::console
