#pragma once

// How QCOMPARE prints the project's and the standard library's types when a comparison fails.
// QTest finds toString() by argument-dependent lookup, so the overloads live beside the types.

#include "shared/core/error.h"

#include <QtTest>

#include <optional>
#include <string>
#include <vector>

namespace alpes {

inline char* toString(ErrorCode code)
{
    return qstrdup(std::string(alpes::errorCodeName(code)).c_str());
}

}  // namespace alpes

namespace std {

inline char* toString(const std::string& text)
{
    return QTest::toPrettyCString(text.data(), static_cast<qsizetype>(text.size()));
}

inline char* toString(const std::vector<std::string>& items)
{
    std::string joined = "[";
    for (const auto& item : items)
        joined += (joined.size() > 1 ? ", \"" : "\"") + item + "\"";
    return qstrdup((joined + "]").c_str());
}

}  // namespace std
