#pragma once

#include "desktop/charts/saga_timeline.h"

#include <QRectF>
#include <QStringList>
#include <QWidget>

#include <utility>

namespace alpes::console {

// One saga as lanes over time: one lane per service in order of first use, each started step a
// bar from its start to its end (a running step reaches "now"). Forward actions are solid, in the
// upper rows of their lane with the label above; compensations are hatched with a dashed outline,
// in the lower rows with the label below, so the undo reads right-to-left against the actions it
// undoes. A step whose bar or label would overlap the previous one of its kind in that lane (two
// steps of one millisecond start together) takes another row, and the lane grows: nothing is
// drawn over anything else. Failed steps have a red outline, retried steps show "×n", every label
// shows its duration. Clicking a bar emits stepClicked. GUI thread only.
class SagaTimelineView : public QWidget {
    Q_OBJECT

public:
    // Where one step was drawn: for hit-testing and for tests that check the picture.
    struct DrawnStep {
        int stepIndex = 0;
        int lane = 0;
        QRectF rect;
        QRectF labelRect;
        bool compensation = false;
        bool failed = false;
    };

    explicit SagaTimelineView(QWidget* parent = nullptr);

    void setTimeline(SagaTimeline timeline);
    const SagaTimeline& timeline() const { return m_timeline; }
    void setNowMs(qint64 nowMs);  // the right edge for running steps
    const QStringList& lanes() const { return m_lanes; }
    std::vector<DrawnStep> drawnSteps() const;
    // The time axis's tick labels, left to right, as drawn ("+0.5 ms", "+1.2 s"); none before a step started.
    QStringList axisLabels() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void stepClicked(int stepIndex);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;

private:
    struct Layout {
        std::vector<DrawnStep> steps;
        std::vector<double> laneTops;  // one per lane, then the bottom of the last
    };

    Layout layout() const;
    QFont labelFont() const;
    // The plot's horizontal extent; its top is the first lane's.
    double plotLeft() const;
    double plotRight() const;
    // The earliest start and the latest end of the started steps; first > last when none started.
    std::pair<qint64, qint64> timeSpan() const;

    SagaTimeline m_timeline;
    QStringList m_lanes;
    qint64 m_nowMs = 0;
    int m_selected = -1;
};

}  // namespace alpes::console
