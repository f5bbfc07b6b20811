#pragma once

#include <QDialog>
#include <QUrl>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace alpes::console {

// Where to connect: server URL, username, password, or "Demo mode (offline)". It only asks; the
// app signs in (or starts demo mode) and tells the dialog how it went. The password lives only in
// the field. GUI thread only.
class ConnectDialog : public QDialog {
    Q_OBJECT

public:
    ConnectDialog(const QUrl& server, const QString& username, QWidget* parent = nullptr);

    void setBusy(bool busy);
    void showError(const QString& text);
    QString errorText() const;

Q_SIGNALS:
    void connectRequested(const QUrl& server, const QString& username, const QString& password);
    void demoRequested();

private:
    void requestConnect();

    QLineEdit* m_server = nullptr;
    QLineEdit* m_username = nullptr;
    QLineEdit* m_password = nullptr;
    QLabel* m_error = nullptr;
    QPushButton* m_connect = nullptr;
    QPushButton* m_demo = nullptr;
};

}  // namespace alpes::console
