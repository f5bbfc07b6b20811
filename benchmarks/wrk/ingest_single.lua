-- POST /api/v1/interactions: one view per request, each with its own user id, sent with the
-- ingest API key in ALPES_BENCH_KEY for ALPES_BENCH_CAMPAIGN / ALPES_BENCH_AFFILIATE.
dofile(os.getenv("ALPES_WRK_DIR") .. "/report.lua")

local campaign = os.getenv("ALPES_BENCH_CAMPAIGN")
local affiliate = os.getenv("ALPES_BENCH_AFFILIATE")
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("ALPES_BENCH_KEY")
local sent = 0

function request()
  sent = sent + 1
  local body = string.format(
    '{"type":"view","campaignId":"%s","affiliateId":"%s","userId":"wrk-%d-%d","context":{"url":"https://shop.example/p/%d"}}',
    campaign, affiliate, id, sent, sent % 1000)
  return wrk.format(nil, "/api/v1/interactions", nil, body)
end
