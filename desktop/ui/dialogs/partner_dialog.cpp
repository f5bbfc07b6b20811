#include "desktop/ui/dialogs/partner_dialog.h"

#include "desktop/models/display_format.h"
#include "desktop/net/console_api.h"
#include "desktop/ui/widgets/field_error_labels.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QVBoxLayout>

namespace alpes::console {

PartnerDialog::PartnerDialog(ConsoleApi& api, QWidget* parent) : QDialog(parent), m_api(api)
{
    setWindowTitle(tr("Register partner"));
    setMinimumWidth(440);
    auto* form = new QFormLayout();
    m_general = new QLabel(this);
    m_errors = std::make_unique<FieldErrorLabels>(*form, *m_general);
    m_name = new QLineEdit(this);
    m_email = new QLineEdit(this);
    m_kind = new QComboBox(this);
    for (const auto& [kind, wire] : domain::kAffiliateKinds.entries)
        m_kind->addItem(wireText(wire), qs(wire));
    m_platform = new QComboBox(this);
    m_platform->addItem(tr("(none)"), QString());
    for (const auto& [platform, wire] : domain::kPlatforms.entries)
        m_platform->addItem(qs(wire), qs(wire));
    m_followers = new QSpinBox(this);
    m_followers->setRange(0, 2'000'000'000);
    m_category = new QLineEdit(this);
    m_userId = new QLineEdit(this);
    m_errors->addRow(tr("Name"), m_name, QStringLiteral("name"));
    m_errors->addRow(tr("Email"), m_email, QStringLiteral("email"));
    m_errors->addRow(tr("Kind"), m_kind, QStringLiteral("kind"));
    m_errors->addRow(tr("Platform"), m_platform, QStringLiteral("platform"));
    m_errors->addRow(tr("Followers"), m_followers, QStringLiteral("followers"));
    m_errors->addRow(tr("Category"), m_category, QStringLiteral("category"));
    m_errors->addRow(tr("User id"), m_userId, QStringLiteral("userId"));
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &PartnerDialog::submit);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_general);
    layout->addWidget(m_buttons);
}

PartnerDialog::~PartnerDialog() = default;

void PartnerDialog::setRegistration(const dto::AffiliateRegistration& registration)
{
    m_name->setText(qs(registration.name));
    m_email->setText(qs(registration.email));
    m_kind->setCurrentIndex(m_kind->findData(qs(domain::kAffiliateKinds.name(registration.kind))));
    m_platform->setCurrentIndex(
        registration.platform ? m_platform->findData(qs(domain::kPlatforms.name(*registration.platform))) : 0);
    m_followers->setValue(static_cast<int>(registration.followers));
    m_category->setText(qs(registration.category));
    m_userId->setText(qs(registration.userId));
}

dto::AffiliateRegistration PartnerDialog::registration() const
{
    dto::AffiliateRegistration r;
    r.name = m_name->text().trimmed().toStdString();
    r.email = m_email->text().trimmed().toStdString();
    r.kind = domain::kAffiliateKinds.parse(m_kind->currentData().toString().toStdString()).value_or(r.kind);
    r.platform = domain::kPlatforms.parse(m_platform->currentData().toString().toStdString());
    r.followers = m_followers->value();
    r.category = m_category->text().trimmed().toStdString();
    if (!m_userId->text().trimmed().isEmpty())
        r.userId = m_userId->text().trimmed().toStdString();
    return r;
}

void PartnerDialog::submit()
{
    m_errors->clear();
    m_buttons->setEnabled(false);
    m_api.send(BffRequest::post(QStringLiteral("/affiliates"), dto::toJson(registration())), this,
               [this](Result<json::Json> answer) {
                   m_buttons->setEnabled(true);
                   if (!answer)
                       return m_errors->show(answer.error());
                   auto affiliate = dto::decodeAffiliate(*answer);
                   if (!affiliate)
                       return m_errors->show(affiliate.error());
                   Q_EMIT registered(*affiliate);
                   accept();
               });
}

}  // namespace alpes::console
