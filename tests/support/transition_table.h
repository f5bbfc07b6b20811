#pragma once

// The table test of a state machine's transition(from, action): rows of (from, action, allowed,
// to). An allowed action reaches `to`; a refused one is a Conflict whose message names the state
// it was refused in, so that the reader learns why.

#include "tests/support/test_printing.h"

#include <QtTest>

#include <string>

namespace alpes::testing {

template <typename State, typename Action>
void addTransitionColumns()
{
    QTest::addColumn<State>("from");
    QTest::addColumn<Action>("action");
    QTest::addColumn<bool>("allowed");
    QTest::addColumn<State>("to");
}

// Checks the current row. `stateNames` is the state's EnumNames (shared/domain/vocabulary.h).
template <typename State, typename Action, typename Transition, typename StateNames>
void checkTransitionRow(Transition transition, const StateNames& stateNames)
{
    QFETCH(State, from);
    QFETCH(Action, action);
    QFETCH(bool, allowed);
    QFETCH(State, to);
    const auto next = transition(from, action);
    QCOMPARE(next.ok(), allowed);
    if (allowed) {
        QVERIFY(next.value() == to);
        return;
    }
    QCOMPARE(next.error().code, ErrorCode::Conflict);
    QVERIFY2(next.error().message.find(std::string(stateNames.name(from))) != std::string::npos,
             next.error().message.c_str());
}

}  // namespace alpes::testing
