#pragma once

#include <QSettings>
#include <QString>
#include <QVariant>

namespace alpes::console {

// One settings key declared once with its type and default (after qBittorrent's SettingValue):
// callers never spell a key or convert a QVariant themselves. Reads and writes go to the QSettings
// the owner passes in. GUI thread only, like the QSettings it wraps.
template <typename T>
class SettingValue {
public:
    SettingValue(QSettings& settings, QString key, T defaultValue = T{})
        : m_settings(settings), m_key(std::move(key)), m_default(std::move(defaultValue))
    {
    }

    T get() const { return m_settings.value(m_key, QVariant::fromValue(m_default)).template value<T>(); }
    void set(const T& value) { m_settings.setValue(m_key, QVariant::fromValue(value)); }
    void clear() { m_settings.remove(m_key); }

private:
    QSettings& m_settings;
    QString m_key;
    T m_default;
};

}  // namespace alpes::console
