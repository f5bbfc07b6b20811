#pragma once

#include <QPalette>
#include <QString>

class QApplication;

namespace alpes::console {

// Light and dark themes. Qt 6.4 has no colour-scheme hint, so "system" means the palette the
// platform gave at start: dark when its window is darker than its text. GUI thread only.
enum class ThemeChoice { System, Light, Dark };

ThemeChoice themeFromName(const QString& name);
QString themeName(ThemeChoice choice);
bool isDarkPalette(const QPalette& palette);
QPalette lightPalette();
QPalette darkPalette();

// Applies `choice` to the application (Fusion style, so the palette is honoured everywhere).
// `systemPalette` is the palette from before any theme was applied.
void applyTheme(QApplication& application, ThemeChoice choice, const QPalette& systemPalette);

}  // namespace alpes::console
