#include "shared/dto/money_list.h"

#include "shared/domain/campaign_terms.h"

#include <string>

namespace alpes::dto {

json::Json toJson(const std::vector<Money>& amounts)
{
    json::Json list = json::Json::array();
    for (const auto& amount : amounts)
        list.push_back(domain::toJson(amount));
    return list;
}

std::optional<std::vector<Money>> readMoneyList(json::ObjectReader& reader, std::string_view key, bool required,
                                                json::FieldErrors& errors)
{
    const json::Json* list = reader.raw(key);
    if (!list || list->is_null()) {
        if (required)
            reader.fail(key, "Is required");
        return std::nullopt;
    }
    if (!list->is_array()) {
        reader.fail(key, "Must be an array of money values");
        return std::nullopt;
    }
    std::vector<Money> amounts;
    bool valid = true;
    for (size_t i = 0; i < list->size(); ++i) {
        // Each item read as the member "[i]" of the list, so that its errors carry its path.
        const std::string slot = "[" + std::to_string(i) + "]";
        const json::Json holder{{slot, (*list)[i]}};
        json::ObjectReader item(holder, reader.pathOf(key), errors);
        if (auto money = item.money(slot, true))
            amounts.push_back(*money);
        else
            valid = false;
    }
    if (!valid)
        return std::nullopt;
    return amounts;
}

}  // namespace alpes::dto
