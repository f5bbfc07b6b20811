#include "bff/gateway/secrets.h"

#include <QtTest>

#include <string>
#include <vector>

using namespace alpes::gateway;

namespace {

// Cheap enough for a unit test; the stored form records it, whatever it is.
constexpr KdfCost kTestCost{.log2N = 10, .r = 8, .p = 1};

std::vector<std::string> fieldsOf(const std::string& stored)
{
    std::vector<std::string> fields;
    size_t start = 0;
    for (size_t dollar; (dollar = stored.find('$', start)) != std::string::npos; start = dollar + 1)
        fields.push_back(stored.substr(start, dollar - start));
    fields.push_back(stored.substr(start));
    return fields;
}

}  // namespace

class TestSecrets : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void verifiesTheRightPasswordOnlyWithTheCostStoredBesideTheHash()
    {
        const std::string stored = hashPassword("correct horse", kTestCost);
        const auto fields = fieldsOf(stored);
        QCOMPARE(fields.size(), size_t{6});
        QCOMPARE(fields[0], std::string("scrypt"));
        QCOMPARE(fields[1] + "$" + fields[2] + "$" + fields[3], std::string("10$8$1"));
        QVERIFY(verifyPassword("correct horse", stored));
        QVERIFY(!verifyPassword("correct horsE", stored));
        QVERIFY(!verifyPassword("", stored));
        // A fresh salt each time: the same password never gives the same stored value.
        QVERIFY(hashPassword("correct horse", kTestCost) != stored);
    }

    void refusesMalformedStoredValues()
    {
        const std::string stored = hashPassword("pw", kTestCost);
        QVERIFY(!verifyPassword("pw", ""));
        QVERIFY(!verifyPassword("pw", "bcrypt" + stored.substr(6)));
        QVERIFY(!verifyPassword("pw", stored.substr(0, stored.size() - 4)));  // a hash cut short
        QVERIFY(!verifyPassword("pw", "scrypt$99$8$1$" + fieldsOf(stored)[4] + "$" + fieldsOf(stored)[5]));
    }

    void anUnmatchableHashIsWellFormedWithTheAskedCostAndNoPasswordMatchesIt()
    {
        const std::string decoy = unmatchableHash(kTestCost);
        const auto fields = fieldsOf(decoy);
        const auto real = fieldsOf(hashPassword("decoy", kTestCost));
        // Shaped as a real hash of that cost, so verifying against it runs the same KDF...
        QCOMPARE(fields.size(), size_t{6});
        QCOMPARE(fields[0] + "$" + fields[1] + "$" + fields[2] + "$" + fields[3], std::string("scrypt$10$8$1"));
        QCOMPARE(fields[4].size(), real[4].size());
        QCOMPARE(fields[5].size(), real[5].size());
        // ...and matched by nothing: its hash is random bytes, and random again each time.
        for (const char* attempt : {"decoy", "", "password", "admin"})
            QVERIFY(!verifyPassword(attempt, decoy));
        QVERIFY(unmatchableHash(kTestCost) != decoy);
    }
};

QTEST_APPLESS_MAIN(TestSecrets)
#include "tst_secrets.moc"
