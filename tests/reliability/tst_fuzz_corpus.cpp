#include <QDirIterator>
#include <QFile>
#include <QtTest>

#include <cstdint>

// The fuzz target this executable is built with (fuzz/<target>.cpp, compiled here without
// libFuzzer): it aborts on what it considers a crash.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size);

// Issue 9, fuzzing: every input of a fuzz target's corpus (the seeds and every crash the fuzzers
// found, kept under fuzz/corpus/<target>/) replayed through the target in the normal suite, so a
// crash once fixed stays fixed without clang or a fuzzing run.
class TestFuzzCorpus : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void everyInputOfTheCorpusRunsClean()
    {
        QDirIterator inputs(QStringLiteral(ALPES_FUZZ_CORPUS), QDir::Files);
        int replayed = 0;
        while (inputs.hasNext()) {
            QFile file(inputs.next());
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QByteArray input = file.readAll();
            LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(input.constData()),
                                   static_cast<size_t>(input.size()));
            ++replayed;
        }
        QVERIFY(replayed > 5);
    }
};

QTEST_GUILESS_MAIN(TestFuzzCorpus)
#include "tst_fuzz_corpus.moc"
