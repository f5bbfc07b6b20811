#include "desktop/ui/dialogs/connect_dialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace alpes::console {

ConnectDialog::ConnectDialog(const QUrl& server, const QString& username, QWidget* parent) : QDialog(parent)
{
    setWindowTitle(tr("Connect to Alpes Partners"));
    setMinimumWidth(420);
    auto* intro = new QLabel(tr("Sign in to an Alpes Partners server, or try the console with simulated data."), this);
    intro->setWordWrap(true);
    m_server = new QLineEdit(server.isEmpty() ? QStringLiteral("http://127.0.0.1:8080") : server.toString(), this);
    m_username = new QLineEdit(username, this);
    m_password = new QLineEdit(this);
    m_password->setEchoMode(QLineEdit::Password);
    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    QPalette errorPalette = m_error->palette();
    errorPalette.setColor(QPalette::WindowText, QColor(0xD9, 0x3A, 0x3A));
    m_error->setPalette(errorPalette);
    m_error->hide();
    auto* form = new QFormLayout();
    form->addRow(tr("Server URL"), m_server);
    form->addRow(tr("Username"), m_username);
    form->addRow(tr("Password"), m_password);
    auto* buttons = new QDialogButtonBox(this);
    m_connect = buttons->addButton(tr("Connect"), QDialogButtonBox::AcceptRole);
    m_connect->setDefault(true);
    m_demo = buttons->addButton(tr("Demo mode (offline)"), QDialogButtonBox::ActionRole);
    buttons->addButton(QDialogButtonBox::Cancel);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    connect(m_connect, &QPushButton::clicked, this, &ConnectDialog::requestConnect);
    connect(m_demo, &QPushButton::clicked, this, [this] {
        m_error->hide();
        Q_EMIT demoRequested();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    if (!username.isEmpty())
        m_password->setFocus();
}

void ConnectDialog::requestConnect()
{
    const QUrl url(m_server->text().trimmed(), QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != QStringLiteral("http") && url.scheme() != QStringLiteral("https")) ||
        url.host().isEmpty()) {
        showError(tr("The server URL must look like http://host:port"));
        return;
    }
    m_error->hide();
    Q_EMIT connectRequested(url, m_username->text().trimmed(), m_password->text());
}

void ConnectDialog::setBusy(bool busy)
{
    m_connect->setEnabled(!busy);
    m_demo->setEnabled(!busy);
    m_connect->setText(busy ? tr("Connecting…") : tr("Connect"));
}

void ConnectDialog::showError(const QString& text)
{
    setBusy(false);
    m_error->setText(text);
    m_error->show();
}

QString ConnectDialog::errorText() const { return m_error->isHidden() ? QString() : m_error->text(); }

}  // namespace alpes::console
