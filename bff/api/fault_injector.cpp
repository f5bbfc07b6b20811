#include "bff/api/fault_injector.h"

namespace alpes::api {

void FaultInjector::set(std::string source, Fault fault)
{
    std::lock_guard lock(m_mutex);
    m_faults.insert_or_assign(std::move(source), std::move(fault));
}

void FaultInjector::clear(std::string_view source)
{
    std::lock_guard lock(m_mutex);
    if (const auto found = m_faults.find(source); found != m_faults.end())
        m_faults.erase(found);
}

std::optional<FaultInjector::Fault> FaultInjector::faultFor(std::string_view source) const
{
    std::lock_guard lock(m_mutex);
    const auto found = m_faults.find(source);
    if (found == m_faults.end())
        return std::nullopt;
    return found->second;
}

}  // namespace alpes::api
