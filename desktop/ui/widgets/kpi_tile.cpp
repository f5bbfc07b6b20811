#include "desktop/ui/widgets/kpi_tile.h"

#include <QLabel>
#include <QVBoxLayout>

namespace alpes::console {

KpiTile::KpiTile(const QString& caption, QWidget* parent) : QFrame(parent)
{
    setObjectName(QStringLiteral("kpiTile"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Base);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(14, 10, 14, 10);
    layout->setSpacing(2);
    m_caption = new QLabel(caption, this);
    m_caption->setForegroundRole(QPalette::PlaceholderText);
    m_value = new QLabel(QStringLiteral("–"), this);
    QFont big = m_value->font();
    big.setPointSizeF(big.pointSizeF() * 1.8);
    big.setBold(true);
    m_value->setFont(big);
    m_note = new QLabel(this);
    m_note->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_caption);
    layout->addWidget(m_value);
    layout->addWidget(m_note);
    layout->addStretch();
}

void KpiTile::setValue(const QString& value, const QString& note)
{
    m_value->setText(value);
    m_note->setText(note);
}

QString KpiTile::value() const { return m_value->text(); }

}  // namespace alpes::console
