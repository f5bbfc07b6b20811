#include "shared/dto/affiliate.h"

#include "tests/support/test_printing.h"

#include <QtTest>

using namespace alpes;
using alpes::json::Json;

class TestAffiliateDto : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void decodesAValidRegistrationAndLowercasesTheEmail()
    {
        const auto decoded = dto::decodeAffiliateRegistration(Json::parse(
            R"({"name": "Ana Ruiz", "email": "Ana@Example.COM", "kind": "influencer", "platform": "tiktok",
                "followers": 120000, "category": "fitness", "userId": "u-ana"})"));
        QVERIFY(decoded.ok());
        QCOMPARE(decoded->email, std::string("ana@example.com"));
        QCOMPARE(decoded->platform, std::optional(domain::Platform::TikTok));
        QCOMPARE(decoded->followers, 120000);
    }

    void reportsEveryInvalidField()
    {
        const auto decoded = dto::decodeAffiliateRegistration(Json::parse(
            R"({"name": "A", "email": "not-an-email", "kind": "influencer", "followers": -3,
                "category": "0123456789012345678901234567890123456789012345678901234567890", "nickname": "x"})"));
        QVERIFY(!decoded.ok());
        std::vector<std::string> fields;
        for (const auto& error : decoded.error().fields)
            fields.push_back(error.field);
        // platform is required for influencers
        const std::vector<std::string> expected{"name", "email", "platform", "followers", "category", "nickname"};
        QCOMPARE(fields, expected);
    }

    void emailRules_data()
    {
        QTest::addColumn<QString>("email");
        QTest::addColumn<bool>("valid");
        QTest::newRow("plain") << QStringLiteral("a@b.co") << true;
        QTest::newRow("plus") << QStringLiteral("first.last+tag@shop.example") << true;
        QTest::newRow("no at") << QStringLiteral("ab.co") << false;
        QTest::newRow("two ats") << QStringLiteral("a@b@c.co") << false;
        QTest::newRow("no domain dot") << QStringLiteral("a@localhost") << false;
        QTest::newRow("space") << QStringLiteral("a b@c.co") << false;
        QTest::newRow("trailing dot") << QStringLiteral("a@c.co.") << false;
    }
    void emailRules()
    {
        QFETCH(QString, email);
        QFETCH(bool, valid);
        QCOMPARE(dto::isValidEmail(email.toStdString()), valid);
    }

    void affiliateRoundTripsThroughJson()
    {
        dto::Affiliate affiliate;
        affiliate.id = AffiliateId("a-1");
        affiliate.name = "Ana";
        affiliate.email = "ana@example.com";
        affiliate.kind = domain::AffiliateKind::Influencer;
        affiliate.platform = domain::Platform::YouTube;
        affiliate.state = domain::AffiliateState::Suspended;
        affiliate.suspensionReason = "spam";
        affiliate.createdAt = fromEpochMillis(1000);
        affiliate.updatedAt = fromEpochMillis(2000);
        const auto decoded = dto::decodeAffiliate(dto::toJson(affiliate));
        QVERIFY(decoded.ok());
        QCOMPARE(dto::toJson(decoded.value()), dto::toJson(affiliate));
    }
};

QTEST_APPLESS_MAIN(TestAffiliateDto)
#include "tst_affiliate_dto.moc"
