#pragma once

// A domain service opened on a fresh data directory with an embedded bus of its own, as the
// engine opens it, for tests that exercise one service. Open it in init() and close it in
// cleanup(): closed before its directory is removed, and fresh for every test.

#include "bff/events/embedded_bus.h"
#include "bff/services/service_database.h"
#include "shared/core/time.h"
#include "tests/support/temp_data_dir.h"

#include <QtTest>

#include <filesystem>
#include <memory>
#include <string>

namespace alpes::testing {

template <typename Service>
class ServiceUnderTest {
public:
    // `name` is the database's, as in the engine ("affiliates", "marketing"...).
    [[nodiscard]] bool open(const std::string& name, const Clock& clock)
    {
        m_dir = std::make_unique<TempDataDir>();
        m_bus = std::make_unique<events::EmbeddedBus>();
        auto service = Service::open({m_dir->path(), name}, *m_bus, clock);
        if (!service)
            qWarning("cannot open the %s service: %s", name.c_str(), service.error().message.c_str());
        else
            m_service = std::move(service).value();
        return m_service != nullptr;
    }
    void close()
    {
        m_service.reset();
        m_bus.reset();
        m_dir.reset();
    }

    Service* operator->() { return m_service.get(); }
    Service& operator*() { return *m_service; }
    events::EmbeddedBus& bus() { return *m_bus; }
    std::filesystem::path dir() const { return m_dir->path(); }

private:
    std::unique_ptr<TempDataDir> m_dir;
    std::unique_ptr<events::EmbeddedBus> m_bus;
    std::unique_ptr<Service> m_service;
};

}  // namespace alpes::testing
