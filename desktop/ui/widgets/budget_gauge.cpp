#include "desktop/ui/widgets/budget_gauge.h"

#include <QPainter>

#include <algorithm>

namespace alpes::console {

BudgetGauge::BudgetGauge(QWidget* parent) : QWidget(parent) { setMinimumSize(180, 120); }

void BudgetGauge::setBudget(double fraction, const QString& spentText, const QString& totalText)
{
    m_fraction = std::clamp(fraction, 0.0, 1.0);
    m_spent = spentText;
    m_total = totalText;
    update();
}

void BudgetGauge::paintEvent(QPaintEvent* /*event*/)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const double side = std::min(width() - 20.0, (height() - 30.0) * 2);
    const QRectF ring((width() - side) / 2, 10, side, side);
    const double thickness = side * 0.12;
    const QRectF arcRect = ring.adjusted(thickness / 2, thickness / 2, -thickness / 2, -thickness / 2);
    QPen track(palette().color(QPalette::Mid), thickness, Qt::SolidLine, Qt::FlatCap);
    painter.setPen(track);
    painter.drawArc(arcRect, 180 * 16, -180 * 16);
    const QColor fill = m_fraction < 0.7 ? QColor(0x2E, 0xB8, 0x8A)
                        : m_fraction < 0.9 ? QColor(0xF2, 0xA5, 0x3A)
                                           : QColor(0xD9, 0x3A, 0x3A);
    painter.setPen(QPen(fill, thickness, Qt::SolidLine, Qt::FlatCap));
    painter.drawArc(arcRect, 180 * 16, -static_cast<int>(180 * 16 * m_fraction));
    painter.setPen(palette().color(QPalette::WindowText));
    QFont big = font();
    big.setPointSizeF(big.pointSizeF() * 1.6);
    big.setBold(true);
    painter.setFont(big);
    const QRectF centre(ring.left(), ring.center().y() - side * 0.22, ring.width(), side * 0.22);
    painter.drawText(centre, Qt::AlignHCenter | Qt::AlignBottom, QStringLiteral("%1 %").arg(qRound(m_fraction * 100)));
    painter.setFont(font());
    painter.drawText(QRectF(0, ring.center().y() + 2, width(), 20), Qt::AlignHCenter | Qt::AlignTop,
                     tr("%1 of %2").arg(m_spent, m_total));
}

}  // namespace alpes::console
