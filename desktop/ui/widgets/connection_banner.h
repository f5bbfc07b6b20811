#pragma once

#include <QFrame>

class QLabel;
class QPushButton;

namespace alpes::console {

// The strip across the top that says the BFF cannot be reached, that the data on screen is the
// last that arrived, and that the console keeps trying. GUI thread only.
class ConnectionBanner : public QFrame {
    Q_OBJECT

public:
    explicit ConnectionBanner(QWidget* parent = nullptr);

    void showMessage(const QString& text);
    QString text() const;

Q_SIGNALS:
    void retryRequested();

private:
    QLabel* m_text = nullptr;
    QPushButton* m_retry = nullptr;
};

}  // namespace alpes::console
