#include "desktop/charts/saga_timeline_view.h"
#include "desktop/models/saga_timeline_mapper.h"

#include <QtTest>

using namespace alpes;
using namespace alpes::console;

namespace {

dto::SagaStep step(dto::StepName name, const std::string& service, dto::StepKind kind, std::int64_t start,
                   std::int64_t end, int attempts = 1, dto::StepState state = dto::StepState::Done)
{
    dto::SagaStep s;
    s.name = name;
    s.service = service;
    s.kind = kind;
    s.state = state;
    s.startedAt = fromEpochMillis(start);
    s.endedAt = fromEpochMillis(end);
    s.attempts = attempts;
    s.payload = json::Json{{"step", std::string(dto::kStepNames.name(name))}};
    return s;
}

// Fraud caught after the budget was reserved: three actions, then their compensations in reverse.
dto::SagaDetail compensatedSaga()
{
    using N = dto::StepName;
    using K = dto::StepKind;
    dto::SagaDetail saga;
    saga.saga.id = SagaId("s-1");
    saga.saga.state = dto::SagaState::Compensated;
    saga.saga.orderId = "A-1001";
    saga.steps = {step(N::Attribute, "tracking", K::Action, 1000, 1100),
                  step(N::ReserveCommission, "commissions", K::Action, 1100, 1250, 2),
                  step(N::ReserveBudget, "marketing", K::Action, 1250, 1300),
                  step(N::ReleaseBudget, "marketing", K::Compensation, 1400, 1450),
                  step(N::RevertCommission, "commissions", K::Compensation, 1450, 1500),
                  step(N::RevertAttribution, "tracking", K::Compensation, 1500, 1550, 3, dto::StepState::Failed)};
    return saga;
}

}  // namespace

class TestSagaTimeline : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void drawsOneLanePerServiceWithCompensationsAfterAndApartFromTheActions()
    {
        SagaTimelineView view;
        view.resize(900, 300);
        view.setTimeline(toTimeline(compensatedSaga()));
        QCOMPARE(view.lanes(), (QStringList{QStringLiteral("tracking"), QStringLiteral("commissions"),
                                            QStringLiteral("marketing")}));
        const auto drawn = view.drawnSteps();
        QCOMPARE(drawn.size(), size_t{6});
        // Lanes follow the services; time runs left to right in the order the steps ran.
        QCOMPARE(drawn[0].lane, 0);
        QCOMPARE(drawn[1].lane, 1);
        QCOMPARE(drawn[3].lane, 2);
        QCOMPARE(drawn[5].lane, 0);
        for (size_t i = 1; i < drawn.size(); ++i)
            QVERIFY(drawn[i].rect.left() >= drawn[i - 1].rect.left());
        // Compensations are marked and sit in the lower half of their lane, actions in the upper.
        for (size_t i = 0; i < drawn.size(); ++i)
            QCOMPARE(drawn[i].compensation, i >= 3);
        QVERIFY(drawn[3].rect.top() > drawn[2].rect.bottom());
        QVERIFY(drawn[5].failed);
        QVERIFY(!drawn[4].failed);
    }

    void drawsNoLabelOverAnotherLabelOrBarWhenStepsStartTogether()
    {
        // As the demo's fraud sagas run: track takes 0 ms and attribute starts the same
        // millisecond, then the journey's interactions are discarded.
        using N = dto::StepName;
        using K = dto::StepKind;
        dto::SagaDetail saga;
        saga.saga.id = SagaId("s-2");
        saga.saga.state = dto::SagaState::Compensated;
        saga.steps = {step(N::Track, "tracking", K::Action, 1000, 1000),
                      step(N::Attribute, "tracking", K::Action, 1000, 1004, 1, dto::StepState::Failed),
                      step(N::DiscardInteractions, "tracking", K::Compensation, 1004, 1006)};
        SagaTimelineView view;
        view.resize(900, 300);
        view.setTimeline(toTimeline(saga));
        const auto drawn = view.drawnSteps();
        QCOMPARE(drawn.size(), size_t{3});
        std::vector<QRectF> shapes;
        for (const auto& d : drawn) {
            shapes.push_back(d.rect);
            shapes.push_back(d.labelRect);
            QVERIFY(d.labelRect.top() >= 36);  // below the title
        }
        for (size_t i = 0; i < shapes.size(); ++i)
            for (size_t j = i + 1; j < shapes.size(); ++j)
                QVERIFY2(!shapes[i].intersects(shapes[j]), qPrintable(QStringLiteral("shapes %1 and %2 overlap").arg(i).arg(j)));
        // Both actions stay above the compensation, and the lane grew to hold the three rows.
        QVERIFY(drawn[2].rect.top() > drawn[0].rect.bottom() && drawn[2].rect.top() > drawn[1].rect.bottom());
        QVERIFY(drawn[2].labelRect.bottom() <= view.sizeHint().height());
    }

    void labelsItsTimeAxisWithoutRepeatingATickForSpansOfAFewMilliseconds()
    {
        using N = dto::StepName;
        using K = dto::StepKind;
        SagaTimelineView view;
        view.resize(900, 300);
        QVERIFY(view.axisLabels().isEmpty());
        dto::SagaDetail quick;
        quick.saga.id = SagaId("s-3");
        quick.steps = {step(N::Track, "tracking", K::Action, 1000, 1000),
                       step(N::Attribute, "tracking", K::Action, 1000, 1002)};
        view.setTimeline(toTimeline(quick));
        QCOMPARE(view.axisLabels(), (QStringList{QStringLiteral("+0.0 ms"), QStringLiteral("+0.5 ms"),
                                                 QStringLiteral("+1.0 ms"), QStringLiteral("+1.5 ms"),
                                                 QStringLiteral("+2.0 ms")}));
        view.setTimeline(toTimeline(compensatedSaga()));  // 1000 to 1550 ms
        QCOMPARE(view.axisLabels(), (QStringList{QStringLiteral("+0 ms"), QStringLiteral("+137 ms"),
                                                 QStringLiteral("+275 ms"), QStringLiteral("+412 ms"),
                                                 QStringLiteral("+550 ms")}));
    }

    void paintsActionsSolidAndCompensationsHatched()
    {
        SagaTimelineView view;
        view.resize(900, 300);
        view.setTimeline(toTimeline(compensatedSaga()));
        const QImage image = view.grab().toImage();
        const auto drawn = view.drawnSteps();
        auto colorsInside = [&](const QRectF& rect) {
            QSet<QRgb> colors;
            const QRect inner = rect.toAlignedRect().adjusted(3, 3, -3, -3);
            for (int y = inner.top(); y <= inner.bottom(); ++y)
                for (int x = inner.left(); x <= inner.right(); ++x)
                    colors.insert(image.pixel(x, y));
            return colors.size();
        };
        // An action is one solid colour; a compensation's hatching mixes at least two.
        QCOMPARE(colorsInside(drawn[0].rect), 1);
        QVERIFY(colorsInside(drawn[3].rect) >= 2);
    }

    void emitsTheClickedStepWithItsPayload()
    {
        SagaTimelineView view;
        view.resize(900, 300);
        view.setTimeline(toTimeline(compensatedSaga()));
        QSignalSpy clicked(&view, &SagaTimelineView::stepClicked);
        const auto drawn = view.drawnSteps();
        QTest::mouseClick(&view, Qt::LeftButton, {}, drawn[4].rect.center().toPoint());
        QCOMPARE(clicked.count(), 1);
        QCOMPARE(clicked.at(0).at(0).toInt(), 4);
        QVERIFY(view.timeline().steps[4].payload.contains(QStringLiteral("revert_commission")));
    }

    void followsStepEventsOfItsSagaLive()
    {
        dto::SagaDetail saga = compensatedSaga();
        saga.steps.resize(3);
        dto::StepChange other{SagaId("s-2"), dto::StepName::ReleaseBudget, dto::StepState::Running, fromEpochMillis(1400)};
        QVERIFY(!applyStepChange(saga, other));
        QVERIFY(applyStepChange(saga, {SagaId("s-1"), dto::StepName::ReleaseBudget, dto::StepState::Running,
                                       fromEpochMillis(1400)}));
        QCOMPARE(saga.steps.size(), size_t{4});
        QCOMPARE(saga.steps[3].kind, dto::StepKind::Compensation);
        QCOMPARE(saga.steps[3].service, std::string("marketing"));
        QVERIFY(!saga.steps[3].endedAt);
        QVERIFY(applyStepChange(saga, {SagaId("s-1"), dto::StepName::ReleaseBudget, dto::StepState::Done,
                                       fromEpochMillis(1460)}));
        QCOMPARE(toEpochMillis(*saga.steps[3].endedAt), 1460);
        QCOMPARE(saga.steps[3].attempts, 1);
    }
};

QTEST_MAIN(TestSagaTimeline)
#include "tst_saga_timeline.moc"
