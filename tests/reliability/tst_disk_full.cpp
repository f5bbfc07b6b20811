#include "tests/reliability/bff_child.h"
#include "tests/support/temp_data_dir.h"

#include <QtTest>

#include <sys/mount.h>
#include <sys/resource.h>

#include <cerrno>
#include <csignal>
#include <fstream>
#include <map>

using namespace alpes;
using alpes::json::Json;
using alpes::testing::BffChild;

namespace {

// Each write carries a few KB, so that the disk fills after a few hundred of them.
Json bulkyView(const std::string& campaignId, const std::string& partnerId, const std::string& userId)
{
    return Json{{"type", "view"},
                {"campaignId", campaignId},
                {"affiliateId", partnerId},
                {"userId", userId},
                {"userAgent", std::string(500, 'a')},
                {"context", {{"url", "https://shop.example/" + std::string(2000, 'p')}}}};
}

// A small tmpfs mounted over a directory for the test's lifetime (needs root and CAP_SYS_ADMIN).
class SmallTmpfs {
public:
    explicit SmallTmpfs(const std::filesystem::path& at) : m_at(at)
    {
        m_mounted = ::mount("tmpfs", at.c_str(), "tmpfs", 0, "size=48m") == 0;
    }
    ~SmallTmpfs()
    {
        if (m_mounted)
            ::umount2(m_at.c_str(), MNT_DETACH);
    }
    bool mounted() const { return m_mounted; }

    // Takes all the free space but `leave` bytes with a filler file.
    bool fillLeaving(std::uintmax_t leave)
    {
        const auto free = std::filesystem::space(m_at).available;
        if (free <= leave)
            return false;
        std::ofstream filler(m_at / "filler", std::ios::binary);
        const std::string block(64 * 1024, '\0');
        for (std::uintmax_t written = 0; written + block.size() <= free - leave; written += block.size())
            filler.write(block.data(), static_cast<std::streamsize>(block.size()));
        return static_cast<bool>(filler);
    }
    void freeSpace() { std::filesystem::remove(m_at / "filler"); }

private:
    std::filesystem::path m_at;
    bool m_mounted = false;
};

constexpr rlim_t kFileSizeLimit = 1024 * 1024;
constexpr int kMaxWritesToFill = 20000;

}  // namespace

// Issue 9, fault test: the disk fills up under alpes-bff. The server answers errors (5xx
// problem+json, never a dropped connection or a crash), keeps every interaction it acknowledged,
// and takes writes again once there is space: on a small tmpfs that the test fills and frees
// under the running server, and with a per-process file size limit (RLIMIT_FSIZE, SIGXFSZ ignored
// so writes fail with EFBIG) lifted by a restart.
class TestDiskFull : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void refusesWritesKeepsWhatItAcknowledgedAndRecovers_data()
    {
        QTest::addColumn<bool>("tmpfs");
        QTest::newRow("full tmpfs") << true;
        QTest::newRow("file size limit") << false;
    }

    void refusesWritesKeepsWhatItAcknowledgedAndRecovers()
    {
        QFETCH(bool, tmpfs);
        testing::TempDataDir dataDir;
        testing::TempDataDir logDir;
        std::optional<SmallTmpfs> disk;
        if (tmpfs) {
            disk.emplace(dataDir.path());
            if (!disk->mounted())
                QSKIP("cannot mount a tmpfs here (needs root with CAP_SYS_ADMIN); the file size limit row still runs");
        }
        BffChild server(dataDir.path(), logDir.path() / "alpes-bff.log");
        if (!tmpfs)
            server.setChildSetup([] {
                const rlimit limit{kFileSizeLimit, kFileSizeLimit};
                ::setrlimit(RLIMIT_FSIZE, &limit);
                std::signal(SIGXFSZ, SIG_IGN);
            });
        QVERIFY(server.start());
        QVERIFY(server.signIn());
        const auto [campaignId, partnerId] = server.addCampaignWithPartner();
        QVERIFY(!campaignId.empty() && !partnerId.empty());
        if (disk)
            QVERIFY(disk->fillLeaving(512 * 1024));

        // Ingest until the disk refuses a write.
        std::map<std::string, std::string> acknowledged;  // id → userId
        BffChild::Answer refused;
        int written = 0;
        for (; written < kMaxWritesToFill; ++written) {
            const auto userId = "u-" + std::to_string(written);
            const auto answer = server.call("POST", "/api/v1/interactions", bulkyView(campaignId, partnerId, userId));
            if (answer.status != 202) {
                refused = answer;
                break;
            }
            acknowledged.emplace(answer.body.value("id", ""), userId);
        }
        QVERIFY2(written < kMaxWritesToFill, "the disk never filled");
        qInfo("the disk filled after %d writes; refused with %d", written, refused.status);
        QVERIFY(!acknowledged.empty());
        QVERIFY2(refused.status >= 500 && refused.status < 600, qPrintable(QString::number(refused.status)));
        QCOMPARE(refused.contentType, std::string("application/problem+json"));
        QCOMPARE(refused.body.value("status", 0), refused.status);
        // While full it keeps answering (errors, or an odd success where SQLite found room) and serving.
        for (int i = 0; i < 20; ++i) {
            const auto userId = "full-" + std::to_string(i);
            const auto answer = server.call("POST", "/api/v1/interactions", bulkyView(campaignId, partnerId, userId));
            QVERIFY2(answer.status == 202 || (answer.status >= 500 && answer.contentType == "application/problem+json"),
                     qPrintable(QString::number(answer.status)));
            if (answer.status == 202)
                acknowledged.emplace(answer.body.value("id", ""), userId);
        }
        QVERIFY(server.running());
        QCOMPARE(server.call("GET", "/health").status, 200);

        // Space returns: freed under the running server, or the limit lifted by a restart.
        if (disk) {
            disk->freeSpace();
        } else {
            server.kill();
            server.setChildSetup({});
            QVERIFY(server.start());
            QVERIFY(server.signIn());
        }
        int attempts = 0;
        int accepted = 0;
        for (; attempts < 200 && accepted < 10; ++attempts) {
            const auto userId = "after-" + std::to_string(attempts);
            const auto answer = server.call("POST", "/api/v1/interactions", bulkyView(campaignId, partnerId, userId));
            if (answer.status == 202) {
                acknowledged.emplace(answer.body.value("id", ""), userId);
                ++accepted;
            }
        }
        QVERIFY2(accepted == 10, "the server did not take writes again once there was space");

        // Everything acknowledged, before, during and after, is stored once, also after a restart.
        for (int restart = 0; restart < 2; ++restart) {
            if (restart > 0) {
                server.kill();
                QVERIFY(server.start());
                QVERIFY(server.signIn());
            }
            std::map<std::string, int> times;
            for (const auto& [id, userId] : server.interactionsOf(campaignId))
                ++times[id];
            for (const auto& [id, userId] : acknowledged)
                QVERIFY2(times[id] == 1, qPrintable(QString::fromStdString(userId)));
        }
    }
};

QTEST_GUILESS_MAIN(TestDiskFull)
#include "tst_disk_full.moc"
