#pragma once

#include "shared/dto/campaign.h"

#include <QDialog>

#include <optional>

class QComboBox;
class QDateTimeEdit;
class QDialogButtonBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;

namespace alpes::console {

class ConsoleApi;
class FieldErrorLabels;

// Creates a campaign (POST /campaigns) or edits one (PATCH /campaigns/{id} with the fields that
// changed). The API validates; its field errors appear under the fields they name and the dialog
// stays open until the server accepts. GUI thread only.
class CampaignDialog : public QDialog {
    Q_OBJECT

public:
    CampaignDialog(ConsoleApi& api, std::optional<dto::Campaign> existing, QWidget* parent = nullptr);
    ~CampaignDialog() override;

    const FieldErrorLabels& fieldErrors() const { return *m_errors; }
    // Fills the form from values (tests and the edit path).
    void setDraft(const dto::CampaignDraft& draft);
    dto::CampaignDraft draft() const;
    // Sends the form; on success emits saved() and accepts.
    void submit();

Q_SIGNALS:
    void saved(const alpes::dto::Campaign& campaign);

private:
    void handleAnswer(Result<json::Json> answer);

    ConsoleApi& m_api;
    std::optional<dto::Campaign> m_existing;
    QLineEdit* m_name = nullptr;
    QPlainTextEdit* m_description = nullptr;
    QLineEdit* m_brand = nullptr;
    QComboBox* m_kind = nullptr;
    QDateTimeEdit* m_startsAt = nullptr;
    QDateTimeEdit* m_endsAt = nullptr;
    QDoubleSpinBox* m_budget = nullptr;
    QComboBox* m_currency = nullptr;
    QComboBox* m_commissionType = nullptr;
    QDoubleSpinBox* m_commissionValue = nullptr;
    QComboBox* m_model = nullptr;
    QSpinBox* m_windowDays = nullptr;
    QSpinBox* m_holdSeconds = nullptr;
    QLabel* m_general = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    std::unique_ptr<FieldErrorLabels> m_errors;
};

}  // namespace alpes::console
