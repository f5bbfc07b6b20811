#pragma once

#include "desktop/app/setting_value.h"

#include <QByteArray>
#include <QSettings>
#include <QString>
#include <QUrl>

#include <memory>

namespace alpes::console {

// Every setting the console remembers, each key declared once here. The password is never
// stored: only the session token the server gave, which expires and can be revoked.
// GUI thread only.
class ConsoleSettings {
public:
    // The user's settings file (QSettings' defaults for the organisation and application).
    ConsoleSettings();
    // A settings file at `path` (tests use a temporary one).
    explicit ConsoleSettings(const QString& path);

    SettingValue<QUrl> serverUrl;
    SettingValue<QString> username;
    SettingValue<QString> token;
    SettingValue<QString> theme;     // "system", "light" or "dark"
    SettingValue<QString> language;  // "en" or "es"; applied at the next start
    SettingValue<QByteArray> windowGeometry;
    SettingValue<QByteArray> windowState;

private:
    explicit ConsoleSettings(std::unique_ptr<QSettings> settings);

    std::unique_ptr<QSettings> m_settings;
};

}  // namespace alpes::console
