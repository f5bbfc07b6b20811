#include "desktop/charts/saga_timeline_view.h"

#include <QFontMetricsF>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <array>
#include <limits>

namespace alpes::console {

namespace {

constexpr double kLabelWidth = 130;
constexpr double kAxisHeight = 28;
constexpr double kTitleHeight = 36;
constexpr double kMinBarWidth = 8;
// A row holds one step: its bar and, above (action) or below (compensation), its label.
constexpr double kBarHeight = 15;
constexpr double kLabelHeight = 14;
constexpr double kRowHeight = kBarHeight + kLabelHeight + 3;
constexpr double kLanePadding = 6;
constexpr double kMinLaneHeight = 2 * kRowHeight + 2 * kLanePadding;
constexpr double kLabelGap = 6;  // between one step's label or bar and the next one's in a row
constexpr int kAxisIntervals = 4;  // the time axis has a tick at each end and three between

QString durationText(qint64 millis)
{
    if (millis < 1000)
        return QStringLiteral("%1 ms").arg(millis);
    return QStringLiteral("%1 s").arg(static_cast<double>(millis) / 1000.0, 0, 'f', 1);
}

// A tick of the time axis; spans of a few milliseconds get tenths, or their ticks would repeat.
QString axisText(double millis, qint64 span)
{
    if (span < 10)
        return QStringLiteral("+%1 ms").arg(millis, 0, 'f', 1);
    return QStringLiteral("+") + durationText(static_cast<qint64>(millis));
}

QString stepLabel(const TimelineStep& step)
{
    QString label = step.name;
    if (step.startedMs && step.endedMs)
        label += QStringLiteral(" · ") + durationText(*step.endedMs - *step.startedMs);
    if (step.attempts > 1)
        label += QStringLiteral(" · ×%1").arg(step.attempts);
    if (step.state == QStringLiteral("failed"))
        label += QStringLiteral(" ✕");
    return label;
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
    const double lanes = layout().laneTops.back() - kTitleHeight;
    return {720, static_cast<int>(kTitleHeight + std::max(lanes, 4 * kMinLaneHeight) + kAxisHeight + 8)};
}

QSize SagaTimelineView::minimumSizeHint() const
{
    return {360, static_cast<int>(kTitleHeight + kAxisHeight + kMinLaneHeight * 2)};
}

double SagaTimelineView::plotLeft() const { return kLabelWidth; }

double SagaTimelineView::plotRight() const { return kLabelWidth + std::max(10.0, width() - kLabelWidth - 48); }

QFont SagaTimelineView::labelFont() const
{
    QFont small = font();
    small.setPointSizeF(std::max(7.0, small.pointSizeF() * 0.85));
    return small;
}

QStringList SagaTimelineView::axisLabels() const
{
    const auto [first, last] = timeSpan();
    QStringList labels;
    if (first > last)
        return labels;
    for (int tick = 0; tick <= kAxisIntervals; ++tick)
        labels << axisText(static_cast<double>(last - first) * tick / kAxisIntervals, last - first);
    return labels;
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

SagaTimelineView::Layout SagaTimelineView::layout() const
{
    Layout out;
    const auto laneCount = static_cast<size_t>(m_lanes.size());
    const auto [first, last] = timeSpan();
    // (first > last when no step started: nothing is placed, and last - first would overflow.)
    const double span = first <= last ? static_cast<double>(std::max<qint64>(last - first, 1)) : 1.0;
    const double left = plotLeft();
    const double width = plotRight() - left;
    const QFontMetricsF metrics(labelFont());
    // Horizontally first: each step's bar and label, and the row it takes in its lane and kind
    // (the first row where it starts after the previous occupant ends).
    struct Placed {
        DrawnStep step;
        double labelLeft = 0;
        double labelWidth = 0;
        size_t row = 0;
    };
    std::vector<Placed> placed;
    std::vector<std::array<std::vector<double>, 2>> rowEnds(laneCount);  // per lane, per kind
    if (first <= last) {
        for (size_t i = 0; i < m_timeline.steps.size(); ++i) {
            const TimelineStep& step = m_timeline.steps[i];
            if (!step.startedMs)
                continue;
            const qint64 end = step.endedMs.value_or(std::max(m_nowMs, *step.startedMs));
            const auto lane = static_cast<size_t>(m_lanes.indexOf(step.service));
            const double x0 = left + width * static_cast<double>(*step.startedMs - first) / span;
            const double x1 = std::max(left + width * static_cast<double>(end - first) / span, x0 + kMinBarWidth);
            const double labelWidth = metrics.horizontalAdvance(stepLabel(step)) + 4;
            // Near the right edge a label ends at its bar instead of starting there.
            const double labelLeft = x0 + labelWidth > this->width() - 4 ? x1 - labelWidth : x0;
            const double from = std::min(x0, labelLeft);
            const double to = std::max(x1, labelLeft + labelWidth) + kLabelGap;
            auto& ends = rowEnds[lane][step.compensation ? 1 : 0];
            size_t row = 0;
            while (row < ends.size() && ends[row] > from)
                ++row;
            if (row == ends.size())
                ends.push_back(to);
            ends[row] = to;
            DrawnStep drawn;
            drawn.stepIndex = static_cast<int>(i);
            drawn.lane = static_cast<int>(lane);
            drawn.rect = QRectF(x0, 0, x1 - x0, kBarHeight);
            drawn.compensation = step.compensation;
            drawn.failed = step.state == QStringLiteral("failed");
            placed.push_back({drawn, labelLeft, labelWidth, row});
        }
    }
    // Then vertically: each lane as tall as its rows, actions above compensations.
    double top = kTitleHeight;
    for (size_t lane = 0; lane < laneCount; ++lane) {
        out.laneTops.push_back(top);
        const auto rows = static_cast<double>(rowEnds[lane][0].size() + rowEnds[lane][1].size());
        top += std::max(kMinLaneHeight, rows * kRowHeight + 2 * kLanePadding);
    }
    out.laneTops.push_back(top);
    for (Placed& p : placed) {
        const auto lane = static_cast<size_t>(p.step.lane);
        const double actionRows = static_cast<double>(rowEnds[lane][0].size());
        const double laneTop = out.laneTops[lane] + kLanePadding;
        double rowTop = laneTop + static_cast<double>(p.row) * kRowHeight;
        if (p.step.compensation) {
            rowTop += actionRows * kRowHeight;
            p.step.rect.moveTop(rowTop);
            p.step.labelRect = QRectF(p.labelLeft, rowTop + kBarHeight, p.labelWidth, kLabelHeight);
        } else {
            p.step.rect.moveTop(rowTop + kLabelHeight);
            p.step.labelRect = QRectF(p.labelLeft, rowTop, p.labelWidth, kLabelHeight);
        }
        out.steps.push_back(p.step);
    }
    return out;
}

std::vector<SagaTimelineView::DrawnStep> SagaTimelineView::drawnSteps() const { return layout().steps; }

void SagaTimelineView::paintEvent(QPaintEvent* /*event*/)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QPalette& pal = palette();
    painter.fillRect(rect(), pal.color(QPalette::Base));

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
    const Layout layout = this->layout();
    // Lanes.
    for (qsizetype lane = 0; lane < m_lanes.size(); ++lane) {
        const double top = layout.laneTops[static_cast<size_t>(lane)];
        const QRectF laneRect(0, top, width(), layout.laneTops[static_cast<size_t>(lane) + 1] - top);
        if (lane % 2 == 1)
            painter.fillRect(laneRect, pal.color(QPalette::AlternateBase));
        painter.setPen(pal.color(QPalette::Text));
        painter.drawText(QRectF(8, laneRect.top(), kLabelWidth - 12, laneRect.height()), Qt::AlignVCenter | Qt::AlignLeft,
                         m_lanes[lane]);
    }
    // Time axis.
    const double axisY = layout.laneTops.back() + 4;
    const double left = plotLeft();
    const double right = plotRight();
    painter.setPen(pal.color(QPalette::Mid));
    painter.drawLine(QPointF(left, axisY), QPointF(right, axisY));
    const QStringList ticks = axisLabels();
    painter.setPen(pal.color(QPalette::PlaceholderText));
    for (qsizetype tick = 0; tick < ticks.size(); ++tick) {
        const double x = left + (right - left) * static_cast<double>(tick) / kAxisIntervals;
        painter.drawLine(QPointF(x, axisY), QPointF(x, axisY + 4));
        painter.drawText(QRectF(x - 40, axisY + 4, 80, kAxisHeight - 6), Qt::AlignHCenter | Qt::AlignTop,
                         ticks[tick]);
    }
    // Steps.
    const QColor actionColor = pal.color(QPalette::Highlight);
    const QColor compensationColor(0xE0, 0x8A, 0x1E);
    const QColor failureColor(0xD9, 0x3A, 0x3A);
    const QFont small = labelFont();
    for (const DrawnStep& d : layout.steps) {
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
        painter.setPen(d.failed ? failureColor : pal.color(QPalette::Text));
        painter.setFont(small);
        painter.drawText(d.labelRect, Qt::AlignLeft | Qt::AlignVCenter, stepLabel(step));
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
