#pragma once

#include <compare>
#include <functional>
#include <string>
#include <utility>

namespace alpes {

// An opaque id that cannot be mixed up with another kind of id: AffiliateId is not a CampaignId.
template <typename Tag>
class StrongId {
public:
    StrongId() = default;
    explicit StrongId(std::string value) : m_value(std::move(value)) {}

    const std::string& str() const { return m_value; }
    bool empty() const { return m_value.empty(); }

    friend auto operator<=>(const StrongId&, const StrongId&) = default;

private:
    std::string m_value;
};

using AffiliateId = StrongId<struct AffiliateIdTag>;
using BrandId = StrongId<struct BrandIdTag>;
using CampaignId = StrongId<struct CampaignIdTag>;
using InteractionId = StrongId<struct InteractionIdTag>;
using CommissionId = StrongId<struct CommissionIdTag>;
using SagaId = StrongId<struct SagaIdTag>;
using MessageId = StrongId<struct MessageIdTag>;
using LinkCode = StrongId<struct LinkCodeTag>;
// A conversion's id is its purchase interaction's id (product.md §5.1).
using ConversionId = InteractionId;

}  // namespace alpes

template <typename Tag>
struct std::hash<alpes::StrongId<Tag>> {
    size_t operator()(const alpes::StrongId<Tag>& id) const noexcept { return std::hash<std::string>{}(id.str()); }
};
