#include "desktop/charts/saga_timeline_view.h"

#include <QFontMetricsF>
#include <QHash>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <limits>

namespace alpes::console {

namespace {

constexpr double kLabelWidth = 130;
constexpr double kLaneHeight = 60;
constexpr double kAxisHeight = 28;
constexpr double kTitleHeight = 36;
constexpr double kMinBarWidth = 8;

QString durationText(qint64 millis)
{
    if (millis < 1000)
        return QStringLiteral("%1 ms").arg(millis);
    return QStringLiteral("%1 s").arg(static_cast<double>(millis) / 1000.0, 0, 'f', 1);
}

}  // namespace

SagaTimelineView::SagaTimelineView(QWidget* parent) : QWidget(parent)
{
    setMouseTracking(false);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
}

void SagaTimelineView::setTimeline(SagaTimeline timeline)
{
    m_timeline = std::move(timeline);
    m_lanes.clear();
    for (const TimelineStep& step : m_timeline.steps)
        if (!m_lanes.contains(step.service))
            m_lanes << step.service;
    if (m_selected >= static_cast<int>(m_timeline.steps.size()))
        m_selected = -1;
    updateGeometry();
    update();
}

void SagaTimelineView::setNowMs(qint64 nowMs)
{
    m_nowMs = nowMs;
    update();
}

QSize SagaTimelineView::sizeHint() const
{
    return {720, static_cast<int>(kTitleHeight + kAxisHeight + kLaneHeight * std::max<qsizetype>(4, m_lanes.size()) + 8)};
}

QSize SagaTimelineView::minimumSizeHint() const { return {360, static_cast<int>(kTitleHeight + kAxisHeight + kLaneHeight * 2)}; }

QRectF SagaTimelineView::plotArea() const
{
    return QRectF(kLabelWidth, kTitleHeight, std::max(10.0, width() - kLabelWidth - 48),
                  kLaneHeight * static_cast<double>(m_lanes.size()));
}

std::pair<qint64, qint64> SagaTimelineView::timeSpan() const
{
    qint64 first = std::numeric_limits<qint64>::max();
    qint64 last = std::numeric_limits<qint64>::min();
    for (const TimelineStep& step : m_timeline.steps) {
        if (!step.startedMs)
            continue;
        first = std::min(first, *step.startedMs);
        last = std::max(last, step.endedMs.value_or(std::max(m_nowMs, *step.startedMs)));
    }
    return {first, last};
}

std::vector<SagaTimelineView::DrawnStep> SagaTimelineView::drawnSteps() const
{
    std::vector<DrawnStep> drawn;
    const auto [first, last] = timeSpan();
    if (first > last)
        return drawn;
    const double span = static_cast<double>(std::max<qint64>(last - first, 1));
    const QRectF area = plotArea();
    for (size_t i = 0; i < m_timeline.steps.size(); ++i) {
        const TimelineStep& step = m_timeline.steps[i];
        if (!step.startedMs)
            continue;
        const qint64 end = step.endedMs.value_or(std::max(m_nowMs, *step.startedMs));
        const int lane = static_cast<int>(m_lanes.indexOf(step.service));
        const double x0 = area.left() + area.width() * static_cast<double>(*step.startedMs - first) / span;
        double x1 = area.left() + area.width() * static_cast<double>(end - first) / span;
        x1 = std::max(x1, x0 + kMinBarWidth);
        // Actions in the upper half of the lane (labels above), compensations in the lower half
        // (labels below), so an undo never hides the step it undoes.
        const double inset = step.compensation ? kLaneHeight * 0.56 : kLaneHeight * 0.22;
        const QRectF rect(x0, area.top() + lane * kLaneHeight + inset, x1 - x0, kLaneHeight * 0.26);
        drawn.push_back({static_cast<int>(i), lane, rect, step.compensation, step.state == QStringLiteral("failed")});
    }
    return drawn;
}

void SagaTimelineView::paintEvent(QPaintEvent* /*event*/)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QPalette& pal = palette();
    painter.fillRect(rect(), pal.color(QPalette::Base));
    const QRectF area = plotArea();

    QFont titleFont = font();
    titleFont.setBold(true);
    painter.setFont(titleFont);
    painter.setPen(pal.color(QPalette::Text));
    painter.drawText(QRectF(8, 0, width() - 16, 22), Qt::AlignVCenter | Qt::AlignLeft, m_timeline.title);
    painter.setFont(font());

    if (m_lanes.isEmpty()) {
        painter.drawText(rect(), Qt::AlignCenter, tr("Select a saga to see its timeline"));
        return;
    }
    // Lanes.
    for (qsizetype lane = 0; lane < m_lanes.size(); ++lane) {
        const QRectF laneRect(0, area.top() + static_cast<double>(lane) * kLaneHeight, width(), kLaneHeight);
        if (lane % 2 == 1)
            painter.fillRect(laneRect, pal.color(QPalette::AlternateBase));
        painter.setPen(pal.color(QPalette::Text));
        painter.drawText(QRectF(8, laneRect.top(), kLabelWidth - 12, kLaneHeight), Qt::AlignVCenter | Qt::AlignLeft,
                         m_lanes[lane]);
    }
    // Time axis.
    const auto drawn = drawnSteps();
    const auto [first, last] = timeSpan();
    const double axisY = area.bottom() + 4;
    painter.setPen(pal.color(QPalette::Mid));
    painter.drawLine(QPointF(area.left(), axisY), QPointF(area.right(), axisY));
    if (first <= last) {
        painter.setPen(pal.color(QPalette::PlaceholderText));
        for (int tick = 0; tick <= 4; ++tick) {
            const double x = area.left() + area.width() * tick / 4.0;
            painter.drawLine(QPointF(x, axisY), QPointF(x, axisY + 4));
            const auto at = static_cast<qint64>(static_cast<double>(last - first) * tick / 4.0);
            painter.drawText(QRectF(x - 40, axisY + 4, 80, kAxisHeight - 6), Qt::AlignHCenter | Qt::AlignTop,
                             QStringLiteral("+") + durationText(at));
        }
    }
    // Steps.
    const QColor actionColor = pal.color(QPalette::Highlight);
    const QColor compensationColor(0xE0, 0x8A, 0x1E);
    const QColor failureColor(0xD9, 0x3A, 0x3A);
    QFont small = font();
    small.setPointSizeF(std::max(7.0, small.pointSizeF() * 0.85));
    const QFontMetricsF metrics(small);
    // Per lane and kind, where the last label ended: a label that would overlap it moves one row
    // further from its bar.
    QHash<QPair<int, bool>, double> labelEnd;
    for (const DrawnStep& d : drawn) {
        const TimelineStep& step = m_timeline.steps[static_cast<size_t>(d.stepIndex)];
        QColor base = d.compensation ? compensationColor : actionColor;
        if (step.state == QStringLiteral("running"))
            base = base.lighter(130);
        QPen pen(d.failed ? failureColor : base.darker(130), d.failed || d.stepIndex == m_selected ? 2.5 : 1.2);
        if (d.compensation)
            pen.setStyle(Qt::DashLine);
        painter.setPen(pen);
        if (d.compensation) {
            QColor fill = base;
            fill.setAlpha(70);
            painter.setBrush(fill);
            painter.drawRoundedRect(d.rect, 3, 3);
            painter.setBrush(QBrush(base, Qt::BDiagPattern));
        } else {
            painter.setBrush(base);
        }
        painter.drawRoundedRect(d.rect, 3, 3);
        painter.setBrush(Qt::NoBrush);
        // Label: name, duration, attempts, failure mark.
        QString label = step.name;
        if (step.startedMs && step.endedMs)
            label += QStringLiteral(" · ") + durationText(*step.endedMs - *step.startedMs);
        if (step.attempts > 1)
            label += QStringLiteral(" · ×%1").arg(step.attempts);
        if (d.failed)
            label += QStringLiteral(" ✕");
        const double textWidth = metrics.horizontalAdvance(label) + 4;
        // Near the right edge a label ends at its bar instead of starting there.
        const double labelLeft = d.rect.left() + textWidth > width() - 4 ? d.rect.right() - textWidth : d.rect.left();
        const auto key = qMakePair(d.lane, d.compensation);
        const bool crowded = labelEnd.contains(key) && labelLeft < labelEnd.value(key);
        const double row = crowded ? 13 : 0;
        const double labelTop = d.compensation ? d.rect.bottom() + row : d.rect.top() - 14 - row;
        labelEnd.insert(key, crowded ? labelEnd.value(key) : labelLeft + textWidth);
        painter.setPen(d.failed ? failureColor : pal.color(QPalette::Text));
        painter.setFont(small);
        painter.drawText(QRectF(labelLeft, labelTop, textWidth, 14), Qt::AlignLeft | Qt::AlignVCenter, label);
        painter.setFont(font());
    }
}

void SagaTimelineView::mousePressEvent(QMouseEvent* event)
{
    for (const DrawnStep& d : drawnSteps()) {
        if (d.rect.adjusted(-2, -4, 2, 4).contains(event->position())) {
            m_selected = d.stepIndex;
            update();
            Q_EMIT stepClicked(d.stepIndex);
            return;
        }
    }
    QWidget::mousePressEvent(event);
}

}  // namespace alpes::console
