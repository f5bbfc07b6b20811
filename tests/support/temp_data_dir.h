#pragma once

#include <QTemporaryDir>

#include <filesystem>

namespace alpes::testing {

// A fresh data directory on the real file system, removed when the test ends.
class TempDataDir {
public:
    TempDataDir() : m_dir(QDir::tempPath() + QStringLiteral("/alpes-test-XXXXXX")) {}
    std::filesystem::path path() const { return std::filesystem::path(m_dir.path().toStdString()); }
    bool isValid() const { return m_dir.isValid(); }

private:
    QTemporaryDir m_dir;
};

}  // namespace alpes::testing
