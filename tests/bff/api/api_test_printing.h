#pragma once

// How QCOMPARE prints the aggregation's enums when a comparison fails (found by ADL).

#include "bff/api/aggregator.h"
#include "bff/api/circuit_breaker.h"

#include <QtTest>

#include <string>

namespace alpes::api {

inline char* toString(SourceStatus status)
{
    return qstrdup(std::string(sourceStatusName(status)).c_str());
}

inline char* toString(CircuitState state)
{
    return qstrdup(std::string(circuitStateName(state)).c_str());
}

}  // namespace alpes::api
