#pragma once

#include <QFrame>

class QLabel;

namespace alpes::console {

// One number with a caption and an optional note, as the dashboard's tiles show it.
// GUI thread only.
class KpiTile : public QFrame {
    Q_OBJECT

public:
    KpiTile(const QString& caption, QWidget* parent = nullptr);

    void setValue(const QString& value, const QString& note = {});
    QString value() const;

private:
    QLabel* m_caption = nullptr;
    QLabel* m_value = nullptr;
    QLabel* m_note = nullptr;
};

}  // namespace alpes::console
