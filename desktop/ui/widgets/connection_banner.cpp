#include "desktop/ui/widgets/connection_banner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace alpes::console {

ConnectionBanner::ConnectionBanner(QWidget* parent) : QFrame(parent)
{
    setObjectName(QStringLiteral("connectionBanner"));
    setAutoFillBackground(true);
    QPalette pal = palette();
    pal.setColor(QPalette::Window, QColor(0xB4, 0x3A, 0x2E));
    pal.setColor(QPalette::WindowText, Qt::white);
    setPalette(pal);
    m_text = new QLabel(this);
    m_text->setWordWrap(true);
    m_retry = new QPushButton(tr("Retry now"), this);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 6, 12, 6);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_retry);
    connect(m_retry, &QPushButton::clicked, this, &ConnectionBanner::retryRequested);
    hide();
}

void ConnectionBanner::showMessage(const QString& text)
{
    m_text->setText(text);
    show();
}

QString ConnectionBanner::text() const { return m_text->text(); }

}  // namespace alpes::console
