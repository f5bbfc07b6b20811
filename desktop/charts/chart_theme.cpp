#include "desktop/charts/chart_theme.h"

#include "desktop/app/theme.h"

#include <QtCharts/QChart>

namespace alpes::console {

std::array<QColor, 5> interactionTypeColors()
{
    return {QColor(0x5B, 0x8D, 0xEF), QColor(0x2E, 0xB8, 0x8A), QColor(0xE8, 0x6A, 0xA8), QColor(0xF2, 0xA5, 0x3A),
            QColor(0x9B, 0x6C, 0xF0)};
}

void applyChartTheme(QChart& chart, const QPalette& palette)
{
    // setTheme() resets series colours; callers re-apply theirs afterwards.
    chart.setTheme(isDarkPalette(palette) ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    chart.setBackgroundBrush(palette.color(QPalette::Base));
    chart.setTitleBrush(palette.color(QPalette::Text));
    chart.legend()->setLabelColor(palette.color(QPalette::Text));
    chart.setAnimationOptions(QChart::NoAnimation);
}

}  // namespace alpes::console
