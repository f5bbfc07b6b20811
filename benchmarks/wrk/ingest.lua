-- Ingest with the API key in ALPES_BENCH_KEY for ALPES_BENCH_CAMPAIGN / ALPES_BENCH_AFFILIATE, each
-- interaction with its own user id. ALPES_BENCH_ITEMS=1: POST /api/v1/interactions, one view per
-- request; ALPES_BENCH_ITEMS=N: POST /api/v1/interactions/batch with N views and clicks, where a
-- refused item counts as an error (the batch answers 202 even when it refuses some).
dofile(os.getenv("ALPES_WRK_DIR") .. "/report.lua")

local campaign = os.getenv("ALPES_BENCH_CAMPAIGN")
local affiliate = os.getenv("ALPES_BENCH_AFFILIATE")
local items = tonumber(os.getenv("ALPES_BENCH_ITEMS") or "1")
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("ALPES_BENCH_KEY")
local sent = 0
refused = 0

local function interaction()
  sent = sent + 1
  local type = (items > 1 and sent % 4 == 0) and "click" or "view"
  return string.format(
    '{"type":"%s","campaignId":"%s","affiliateId":"%s","userId":"wrk-%d-%d","context":{"url":"https://shop.example/p/%d"}}',
    type, campaign, affiliate, id, sent, sent % 1000)
end

function request()
  if items == 1 then
    return wrk.format(nil, "/api/v1/interactions", nil, interaction())
  end
  local batch = {}
  for i = 1, items do
    batch[i] = interaction()
  end
  return wrk.format(nil, "/api/v1/interactions/batch", nil, "[" .. table.concat(batch, ",") .. "]")
end

if items > 1 then
  function response(status, headers, body)
    if status ~= 202 or not string.find(body, '"rejected":[]', 1, true) then
      refused = refused + 1
    end
  end
end
