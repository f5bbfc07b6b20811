#pragma once

#include <QWidget>

namespace alpes::console {

// A campaign's budget as a half-ring gauge: spent over total, green to amber to red as it fills.
// GUI thread only.
class BudgetGauge : public QWidget {
    Q_OBJECT

public:
    explicit BudgetGauge(QWidget* parent = nullptr);

    void setBudget(double fraction, const QString& spentText, const QString& totalText);
    QSize sizeHint() const override { return {220, 140}; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    double m_fraction = 0;
    QString m_spent;
    QString m_total;
};

}  // namespace alpes::console
