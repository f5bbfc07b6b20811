#pragma once

#include "shared/dto/affiliate.h"

#include <QDialog>

#include <memory>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace alpes::console {

class ConsoleApi;
class FieldErrorLabels;

// Registers a partner (POST /affiliates); the API's field errors appear next to the fields.
// GUI thread only.
class PartnerDialog : public QDialog {
    Q_OBJECT

public:
    explicit PartnerDialog(ConsoleApi& api, QWidget* parent = nullptr);
    ~PartnerDialog() override;

    const FieldErrorLabels& fieldErrors() const { return *m_errors; }
    void setRegistration(const dto::AffiliateRegistration& registration);
    dto::AffiliateRegistration registration() const;
    void submit();

Q_SIGNALS:
    void registered(const alpes::dto::Affiliate& affiliate);

private:
    ConsoleApi& m_api;
    QLineEdit* m_name = nullptr;
    QLineEdit* m_email = nullptr;
    QComboBox* m_kind = nullptr;
    QComboBox* m_platform = nullptr;
    QSpinBox* m_followers = nullptr;
    QLineEdit* m_category = nullptr;
    QLineEdit* m_userId = nullptr;
    QLabel* m_general = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    std::unique_ptr<FieldErrorLabels> m_errors;
};

}  // namespace alpes::console
