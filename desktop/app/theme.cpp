#include "desktop/app/theme.h"

#include <QApplication>
#include <QStyleFactory>

namespace alpes::console {

ThemeChoice themeFromName(const QString& name)
{
    if (name == QStringLiteral("light"))
        return ThemeChoice::Light;
    if (name == QStringLiteral("dark"))
        return ThemeChoice::Dark;
    return ThemeChoice::System;
}

QString themeName(ThemeChoice choice)
{
    switch (choice) {
    case ThemeChoice::Light: return QStringLiteral("light");
    case ThemeChoice::Dark: return QStringLiteral("dark");
    case ThemeChoice::System: break;
    }
    return QStringLiteral("system");
}

bool isDarkPalette(const QPalette& palette)
{
    return palette.color(QPalette::Window).lightness() < palette.color(QPalette::WindowText).lightness();
}

QPalette lightPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0xF4, 0xF5, 0xF7));
    p.setColor(QPalette::WindowText, QColor(0x1F, 0x23, 0x28));
    p.setColor(QPalette::Base, Qt::white);
    p.setColor(QPalette::AlternateBase, QColor(0xF0, 0xF2, 0xF5));
    p.setColor(QPalette::Text, QColor(0x1F, 0x23, 0x28));
    p.setColor(QPalette::Button, QColor(0xFA, 0xFB, 0xFC));
    p.setColor(QPalette::ButtonText, QColor(0x1F, 0x23, 0x28));
    p.setColor(QPalette::Highlight, QColor(0x2F, 0x6F, 0xDE));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::ToolTipBase, QColor(0xFF, 0xFF, 0xE8));
    p.setColor(QPalette::ToolTipText, Qt::black);
    p.setColor(QPalette::PlaceholderText, QColor(0x80, 0x86, 0x8E));
    p.setColor(QPalette::Link, QColor(0x2F, 0x6F, 0xDE));
    p.setColor(QPalette::Mid, QColor(0xC8, 0xCC, 0xD2));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x9A, 0x9F, 0xA6));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x9A, 0x9F, 0xA6));
    return p;
}

QPalette darkPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x1E, 0x21, 0x26));
    p.setColor(QPalette::WindowText, QColor(0xE3, 0xE6, 0xEA));
    p.setColor(QPalette::Base, QColor(0x26, 0x2A, 0x30));
    p.setColor(QPalette::AlternateBase, QColor(0x2C, 0x31, 0x38));
    p.setColor(QPalette::Text, QColor(0xE3, 0xE6, 0xEA));
    p.setColor(QPalette::Button, QColor(0x2C, 0x31, 0x38));
    p.setColor(QPalette::ButtonText, QColor(0xE3, 0xE6, 0xEA));
    p.setColor(QPalette::Highlight, QColor(0x3D, 0x7E, 0xE8));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::ToolTipBase, QColor(0x2C, 0x31, 0x38));
    p.setColor(QPalette::ToolTipText, QColor(0xE3, 0xE6, 0xEA));
    p.setColor(QPalette::PlaceholderText, QColor(0x8A, 0x90, 0x98));
    p.setColor(QPalette::Link, QColor(0x6F, 0xA3, 0xF5));
    p.setColor(QPalette::Mid, QColor(0x44, 0x4A, 0x52));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x6E, 0x74, 0x7C));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x6E, 0x74, 0x7C));
    return p;
}

void applyTheme(QApplication& application, ThemeChoice choice, const QPalette& systemPalette)
{
    application.setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    const bool dark = choice == ThemeChoice::Dark || (choice == ThemeChoice::System && isDarkPalette(systemPalette));
    QApplication::setPalette(dark ? darkPalette() : lightPalette());
}

}  // namespace alpes::console
