#pragma once

#include <QColor>
#include <QPalette>

#include <array>

class QChart;

namespace alpes::console {

// The colours the charts use for the five interaction types, and the chart theme that matches
// the application palette (light or dark). Only charts/ includes QtCharts.
std::array<QColor, 5> interactionTypeColors();
void applyChartTheme(QChart& chart, const QPalette& palette);

}  // namespace alpes::console
