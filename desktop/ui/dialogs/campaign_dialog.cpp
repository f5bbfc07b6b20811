#include "desktop/ui/dialogs/campaign_dialog.h"

#include "desktop/models/display_format.h"
#include "desktop/net/console_api.h"
#include "desktop/ui/widgets/field_error_labels.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <cmath>

namespace alpes::console {

namespace {

UtcTime fromDateTime(const QDateTime& time) { return fromEpochMillis(time.toMSecsSinceEpoch()); }

template <typename E, size_t N>
void fillCombo(QComboBox* combo, const domain::EnumNames<E, N>& names)
{
    for (const auto& [value, wire] : names.entries)
        combo->addItem(wireText(wire), qs(wire));
}

}  // namespace

CampaignDialog::CampaignDialog(ConsoleApi& api, std::optional<dto::Campaign> existing, QWidget* parent)
    : QDialog(parent), m_api(api), m_existing(std::move(existing))
{
    setWindowTitle(m_existing ? tr("Edit campaign") : tr("New campaign"));
    setMinimumWidth(520);
    auto* form = new QFormLayout();
    m_general = new QLabel(this);
    m_errors = std::make_unique<FieldErrorLabels>(*form, *m_general);

    m_name = new QLineEdit(this);
    m_description = new QPlainTextEdit(this);
    m_description->setMaximumHeight(70);
    m_brand = new QLineEdit(this);
    m_kind = new QComboBox(this);
    m_kind->addItem(tr("Influencer"), QStringLiteral("influencer"));
    m_kind->addItem(tr("Affiliate"), QStringLiteral("affiliate"));
    m_kind->addItem(tr("Mixed"), QStringLiteral("mixed"));
    m_startsAt = new QDateTimeEdit(QDateTime::currentDateTime(), this);
    m_endsAt = new QDateTimeEdit(QDateTime::currentDateTime().addDays(30), this);
    for (QDateTimeEdit* edit : {m_startsAt, m_endsAt}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
    }
    m_budget = new QDoubleSpinBox(this);
    m_budget->setRange(0, 1e10);
    m_budget->setDecimals(2);
    m_budget->setValue(1000);
    m_currency = new QComboBox(this);
    m_currency->setEditable(true);
    m_currency->addItems({QStringLiteral("USD"), QStringLiteral("EUR"), QStringLiteral("COP"), QStringLiteral("MXN")});
    auto* budgetRow = new QWidget(this);
    auto* budgetLayout = new QHBoxLayout(budgetRow);
    budgetLayout->setContentsMargins(0, 0, 0, 0);
    budgetLayout->addWidget(m_budget, 1);
    budgetLayout->addWidget(m_currency);
    m_commissionType = new QComboBox(this);
    m_commissionType->addItem(tr("Percent of the order"), QStringLiteral("percent"));
    m_commissionType->addItem(tr("Fixed per conversion"), QStringLiteral("fixed"));
    m_commissionValue = new QDoubleSpinBox(this);
    m_commissionValue->setRange(0, 1e9);
    m_commissionValue->setValue(10);
    auto* commissionRow = new QWidget(this);
    auto* commissionLayout = new QHBoxLayout(commissionRow);
    commissionLayout->setContentsMargins(0, 0, 0, 0);
    commissionLayout->addWidget(m_commissionType);
    commissionLayout->addWidget(m_commissionValue, 1);
    m_model = new QComboBox(this);
    fillCombo(m_model, domain::kAttributionModels);
    m_windowDays = new QSpinBox(this);
    m_windowDays->setRange(0, 365);
    m_windowDays->setValue(30);
    m_holdSeconds = new QSpinBox(this);
    m_holdSeconds->setRange(0, 90 * 24 * 3600);
    m_holdSeconds->setValue(static_cast<int>(dto::kDefaultHoldPeriodSeconds));
    m_holdSeconds->setSuffix(tr(" s"));

    m_errors->addRow(tr("Name"), m_name, QStringLiteral("name"));
    m_errors->addRow(tr("Description"), m_description, QStringLiteral("description"));
    m_errors->addRow(tr("Brand"), m_brand, QStringLiteral("brand"));
    m_errors->addRow(tr("Kind"), m_kind, QStringLiteral("kind"));
    m_errors->addRow(tr("Starts"), m_startsAt, QStringLiteral("startsAt"));
    m_errors->addRow(tr("Ends"), m_endsAt, QStringLiteral("endsAt"));
    m_errors->addRow(tr("Budget"), budgetRow, QStringLiteral("budget"));
    m_errors->addRow(tr("Commission"), commissionRow, QStringLiteral("commission"));
    m_errors->addRow(tr("Attribution model"), m_model, QStringLiteral("attribution"));
    m_errors->addRow(tr("Attribution window (days)"), m_windowDays, QStringLiteral("attribution.windowDays"));
    m_errors->addRow(tr("Hold period"), m_holdSeconds, QStringLiteral("holdPeriodSeconds"));

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &CampaignDialog::submit);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_general);
    layout->addWidget(m_buttons);

    if (m_existing) {
        dto::CampaignDraft current;
        current.name = m_existing->name;
        current.description = m_existing->description;
        current.brand = m_existing->brand;
        current.kind = m_existing->kind;
        current.startsAt = m_existing->startsAt;
        current.endsAt = m_existing->endsAt;
        current.budget = m_existing->budget;
        current.commission = m_existing->commission;
        current.attribution = m_existing->attribution;
        current.holdPeriodSeconds = m_existing->holdPeriodSeconds;
        setDraft(current);
    }
}

CampaignDialog::~CampaignDialog() = default;

void CampaignDialog::setDraft(const dto::CampaignDraft& draft)
{
    m_name->setText(qs(draft.name));
    m_description->setPlainText(qs(draft.description));
    m_brand->setText(qs(draft.brand.name));
    m_kind->setCurrentIndex(m_kind->findData(qs(domain::kCampaignKinds.name(draft.kind))));
    m_startsAt->setDateTime(toDateTime(draft.startsAt).toLocalTime());
    m_endsAt->setDateTime(toDateTime(draft.endsAt).toLocalTime());
    m_budget->setValue(static_cast<double>(draft.budget.amount()) / 100.0);
    m_currency->setCurrentText(qs(draft.budget.currency()));
    const bool percent = draft.commission.type == domain::CommissionType::Percent;
    m_commissionType->setCurrentIndex(percent ? 0 : 1);
    m_commissionValue->setValue(percent ? static_cast<double>(draft.commission.ratePpm) / 10'000.0
                                        : static_cast<double>(draft.commission.fixedAmount.value_or(Money()).amount()) / 100.0);
    m_model->setCurrentIndex(m_model->findData(qs(domain::kAttributionModels.name(draft.attribution.model))));
    m_windowDays->setValue(draft.attribution.windowDays);
    m_holdSeconds->setValue(static_cast<int>(draft.holdPeriodSeconds));
}

dto::CampaignDraft CampaignDialog::draft() const
{
    dto::CampaignDraft draft;
    draft.name = m_name->text().trimmed().toStdString();
    draft.description = m_description->toPlainText().toStdString();
    draft.brand.name = m_brand->text().trimmed().toStdString();
    if (m_existing && m_existing->brand.name == draft.brand.name)
        draft.brand.id = m_existing->brand.id;
    draft.kind = domain::kCampaignKinds.parse(m_kind->currentData().toString().toStdString()).value_or(draft.kind);
    draft.startsAt = fromDateTime(m_startsAt->dateTime());
    draft.endsAt = fromDateTime(m_endsAt->dateTime());
    const std::string currency = m_currency->currentText().trimmed().toUpper().toStdString();
    const auto minor = static_cast<std::int64_t>(std::llround(m_budget->value() * 100.0));
    // A currency the server will refuse still goes out, so its error shows under the field.
    draft.budget = Money::of(minor, Money::isCurrencyCode(currency) ? currency : "XXX").value();
    if (m_commissionType->currentData().toString() == QStringLiteral("percent")) {
        draft.commission.type = domain::CommissionType::Percent;
        draft.commission.ratePpm = std::llround(m_commissionValue->value() * 10'000.0);
    } else {
        draft.commission.type = domain::CommissionType::Fixed;
        draft.commission.fixedAmount = Money::of(std::llround(m_commissionValue->value() * 100.0), draft.budget.currency()).value();
    }
    draft.attribution.model =
        domain::kAttributionModels.parse(m_model->currentData().toString().toStdString()).value_or(draft.attribution.model);
    draft.attribution.windowDays = m_windowDays->value();
    draft.holdPeriodSeconds = m_holdSeconds->value();
    return draft;
}

void CampaignDialog::submit()
{
    m_errors->clear();
    const dto::CampaignDraft values = draft();
    const std::string currency = m_currency->currentText().trimmed().toUpper().toStdString();
    if (!Money::isCurrencyCode(currency)) {
        m_errors->show(Error::validation("budget.currency", tr("Must be a three-letter ISO 4217 code").toStdString()));
        return;
    }
    m_buttons->setEnabled(false);
    auto done = [this](Result<json::Json> answer) { handleAnswer(std::move(answer)); };
    if (!m_existing) {
        m_api.send(BffRequest::post(QStringLiteral("/campaigns"), dto::toJson(values)), this, done);
        return;
    }
    dto::CampaignPatch patch;
    if (values.name != m_existing->name) patch.name = values.name;
    if (values.description != m_existing->description) patch.description = values.description;
    if (values.brand.name != m_existing->brand.name) patch.brand = values.brand;
    if (values.kind != m_existing->kind) patch.kind = values.kind;
    if (values.startsAt != m_existing->startsAt) patch.startsAt = values.startsAt;
    if (values.endsAt != m_existing->endsAt) patch.endsAt = values.endsAt;
    if (!(values.budget == m_existing->budget)) patch.budget = values.budget;
    if (!(values.commission == m_existing->commission)) patch.commission = values.commission;
    if (!(values.attribution == m_existing->attribution)) patch.attribution = values.attribution;
    if (values.holdPeriodSeconds != m_existing->holdPeriodSeconds) patch.holdPeriodSeconds = values.holdPeriodSeconds;
    m_api.send(BffRequest::patch(QStringLiteral("/campaigns/") + qs(m_existing->id.str()), dto::toJson(patch)), this,
               done);
}

void CampaignDialog::handleAnswer(Result<json::Json> answer)
{
    m_buttons->setEnabled(true);
    if (!answer) {
        m_errors->show(answer.error());
        return;
    }
    auto campaign = dto::decodeCampaign(*answer);
    if (!campaign) {
        m_errors->show(campaign.error());
        return;
    }
    Q_EMIT saved(*campaign);
    accept();
}

}  // namespace alpes::console
