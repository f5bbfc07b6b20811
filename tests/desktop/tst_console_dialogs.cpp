#include "desktop/net/bff_client.h"
#include "desktop/net/console_api.h"
#include "desktop/ui/dialogs/campaign_dialog.h"
#include "desktop/ui/widgets/field_error_labels.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QtTest>

using namespace alpes;
using namespace alpes::console;

class TestConsoleDialogs : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void placesEachFieldErrorUnderItsFieldAndTheRestInTheGeneralLine()
    {
        QWidget form;
        auto* layout = new QFormLayout(&form);
        QLabel general;
        FieldErrorLabels errors(*layout, general);
        errors.addRow(QStringLiteral("Name"), new QLineEdit(&form), QStringLiteral("name"));
        errors.addRow(QStringLiteral("Budget"), new QLineEdit(&form), QStringLiteral("budget"));
        errors.show(Error::validation({{"name", "Must be 2 to 120 characters"},
                                       {"budget.amount", "Must be greater than 0"},
                                       {"budget.currency", "Unknown currency"},
                                       {"brand.name", "Required"}}));
        QCOMPARE(errors.errorFor(QStringLiteral("name")), QStringLiteral("Must be 2 to 120 characters"));
        QCOMPARE(errors.errorFor(QStringLiteral("budget")), QStringLiteral("Must be greater than 0\nUnknown currency"));
        QVERIFY(!general.isHidden());
        QVERIFY(general.text().contains(QStringLiteral("brand.name: Required")));
        errors.clear();
        QVERIFY(errors.errorFor(QStringLiteral("name")).isEmpty());
        QVERIFY(general.isHidden());
    }

    void campaignDialogShowsABadCurrencyUnderTheBudgetWithoutAskingTheServer()
    {
        BffClient client;
        ConsoleApi api(client);
        CampaignDialog dialog(api, std::nullopt);
        dialog.show();
        dto::CampaignDraft draft = dialog.draft();
        draft.name = "Summer";
        dialog.setDraft(draft);
        auto* currency = dialog.findChildren<QComboBox*>().at(1);
        currency->setCurrentText(QStringLiteral("US"));
        dialog.submit();
        QVERIFY(dialog.fieldErrors().errorFor(QStringLiteral("budget")).contains(QStringLiteral("ISO 4217")));
        QCOMPARE(client.pendingRequests(), 0);
    }
};

QTEST_MAIN(TestConsoleDialogs)
#include "tst_console_dialogs.moc"
