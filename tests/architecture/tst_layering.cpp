#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QtTest>

// Keeps the layering of design/architecture.md true: who may include what. Reads the sources.
class TestLayering : public QObject {
    Q_OBJECT

private:
    struct Include {
        QString file;  // relative to the repository root
        QString target;
    };

    static QList<Include> includesUnder(const QString& folder)
    {
        static const QRegularExpression includeLine(QStringLiteral("^\\s*#\\s*include\\s*[<\"]([^>\"]+)[>\"]"),
                                                    QRegularExpression::MultilineOption);
        const QDir root(QStringLiteral(ALPES_SOURCE_DIR));
        QList<Include> found;
        QDirIterator it(root.filePath(folder), {QStringLiteral("*.h"), QStringLiteral("*.cpp")}, QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly))
                continue;
            const QString text = QString::fromUtf8(file.readAll());
            auto matches = includeLine.globalMatch(text);
            while (matches.hasNext())
                found.append({root.relativeFilePath(path), matches.next().captured(1)});
        }
        return found;
    }

    // Includes matching `forbidden`, except in files under one of `allowedFolders`.
    static QStringList violations(const QList<Include>& includes, const QRegularExpression& forbidden,
                                  const QStringList& allowedFolders = {})
    {
        QStringList bad;
        for (const Include& include : includes) {
            const bool allowed = std::any_of(allowedFolders.begin(), allowedFolders.end(),
                                             [&](const QString& folder) { return include.file.startsWith(folder); });
            if (!allowed && forbidden.match(include.target).hasMatch())
                bad << include.file + QStringLiteral(" includes ") + include.target;
        }
        return bad;
    }

private Q_SLOTS:
    void sourcesAreFound()
    {
        QVERIFY(includesUnder(QStringLiteral("shared")).size() > 10);
        QVERIFY(includesUnder(QStringLiteral("bff")).size() > 10);
    }

    void sharedIsFreeOfQtHttplibSqliteAndTheApps()
    {
        const QRegularExpression forbidden(QStringLiteral("^(Q[A-Za-z]|Qt|httplib|sqlite3|bff/|desktop/)"));
        const QStringList bad = violations(includesUnder(QStringLiteral("shared")), forbidden);
        QVERIFY2(bad.isEmpty(), qPrintable(bad.join(QLatin1Char('\n'))));
    }

    void onlyStorageIncludesSqlite()
    {
        const QRegularExpression forbidden(QStringLiteral("^sqlite3\\.h$"));
        const QStringList bad = violations(includesUnder(QStringLiteral("bff")), forbidden,
                                           {QStringLiteral("bff/storage/")});
        QVERIFY2(bad.isEmpty(), qPrintable(bad.join(QLatin1Char('\n'))));
    }

    void onlyHttpAndApiIncludeHttplib()
    {
        const QRegularExpression forbidden(QStringLiteral("^httplib\\.h$"));
        // The demo's load generator is an HTTP client of a BFF (POST /interactions/batch, GET
        // /campaigns): those two files, and no other part of the demo, speak HTTP.
        const QStringList bad = violations(includesUnder(QStringLiteral("bff")), forbidden,
                                           {QStringLiteral("bff/http/"), QStringLiteral("bff/api/"),
                                            QStringLiteral("bff/demo/http_sink.cpp"),
                                            QStringLiteral("bff/demo/target_world.cpp")});
        QVERIFY2(bad.isEmpty(), qPrintable(bad.join(QLatin1Char('\n'))));
    }

    void servicesNeverIncludeEachOtherOrTheTransport()
    {
        for (const QString& service : {QStringLiteral("affiliates"), QStringLiteral("marketing"),
                                      QStringLiteral("tracking"), QStringLiteral("commissions")}) {
            const QRegularExpression forbidden(
                QStringLiteral("^(bff/services/(?!%1/|service_database)|bff/(app|http|api|live)/|httplib)")
                    .arg(service));
            const QStringList bad = violations(includesUnder(QStringLiteral("bff/services/") + service), forbidden);
            QVERIFY2(bad.isEmpty(), qPrintable(bad.join(QLatin1Char('\n'))));
        }
    }

    void theLayersBelowTheApiNeverIncludeIt()
    {
        // http/ and api/ (routes, aggregation, metrics, limits) sit on top; what they call must
        // not reach back up, or the services could no longer run as their own processes.
        const QRegularExpression forbidden(QStringLiteral("^bff/(http|api|app)/"));
        QStringList bad;
        for (const QString& folder : {QStringLiteral("bff/storage"), QStringLiteral("bff/events"),
                                      QStringLiteral("bff/messages"), QStringLiteral("bff/services"),
                                      QStringLiteral("bff/saga")})
            bad << violations(includesUnder(folder), forbidden);
        QVERIFY2(bad.isEmpty(), qPrintable(bad.join(QLatin1Char('\n'))));
    }

    void theLiveStreamsHubAndFeedKnowNothingOfHttp()
    {
        const QRegularExpression forbidden(QStringLiteral("^(httplib|bff/(http|api)/)"));
        const QStringList bad = violations(includesUnder(QStringLiteral("bff/live")), forbidden);
        QVERIFY2(bad.isEmpty(), qPrintable(bad.join(QLatin1Char('\n'))));
    }

    void fuzzersAreFreeOfQt()
    {
        // The fuzz preset builds without Qt's test harness: its targets link shared and bff code only.
        const QStringList bad = violations(includesUnder(QStringLiteral("fuzz")),
                                           QRegularExpression(QStringLiteral("^(Q[A-Za-z]|Qt|desktop/)")));
        QVERIFY2(bad.isEmpty(), qPrintable(bad.join(QLatin1Char('\n'))));
    }

    void bffNeverIncludesTheConsole()
    {
        const QStringList bad =
            violations(includesUnder(QStringLiteral("bff")), QRegularExpression(QStringLiteral("^desktop/")));
        QVERIFY2(bad.isEmpty(), qPrintable(bad.join(QLatin1Char('\n'))));
    }

    void consoleReachesTheServerOnlyThroughTheEnginesPublicHeader()
    {
        const QRegularExpression forbidden(QStringLiteral("^bff/(?!app/bff_app\\.h$)"));
        const QStringList bad = violations(includesUnder(QStringLiteral("desktop")), forbidden);
        QVERIFY2(bad.isEmpty(), qPrintable(bad.join(QLatin1Char('\n'))));
    }

    void onlyNetTouchesTheNetwork()
    {
        const QRegularExpression forbidden(QStringLiteral("^(QtNetwork|QNetwork)"));
        const QStringList bad = violations(includesUnder(QStringLiteral("desktop")), forbidden,
                                           {QStringLiteral("desktop/net/")});
        QVERIFY2(bad.isEmpty(), qPrintable(bad.join(QLatin1Char('\n'))));
    }

    void onlyChartsIncludeQtCharts()
    {
        const QRegularExpression forbidden(QStringLiteral("^(QtCharts|QChart|QLineSeries|QAreaSeries|QValueAxis)"));
        const QStringList bad = violations(includesUnder(QStringLiteral("desktop")), forbidden,
                                           {QStringLiteral("desktop/charts/")});
        QVERIFY2(bad.isEmpty(), qPrintable(bad.join(QLatin1Char('\n'))));
    }
};

QTEST_APPLESS_MAIN(TestLayering)
#include "tst_layering.moc"
