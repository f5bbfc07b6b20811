-- POST /api/v1/interactions/batch: 1,000 views and clicks per request, each with its own user id.
-- The batch answers 202 even when it refuses items: any refusal counts as an error.
dofile(os.getenv("ALPES_WRK_DIR") .. "/report.lua")

local campaign = os.getenv("ALPES_BENCH_CAMPAIGN")
local affiliate = os.getenv("ALPES_BENCH_AFFILIATE")
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("ALPES_BENCH_KEY")
local sent = 0
refused = 0

function request()
  local items = {}
  for i = 1, 1000 do
    sent = sent + 1
    items[i] = string.format(
      '{"type":"%s","campaignId":"%s","affiliateId":"%s","userId":"wrk-%d-%d","context":{"url":"https://shop.example/p/%d"}}',
      (sent % 4 == 0) and "click" or "view", campaign, affiliate, id, sent, sent % 1000)
  end
  return wrk.format(nil, "/api/v1/interactions/batch", nil, "[" .. table.concat(items, ",") .. "]")
end

function response(status, headers, body)
  if status ~= 202 or not string.find(body, '"rejected":[]', 1, true) then
    refused = refused + 1
  end
end
