-- wrk script: each connection waits PACE_MS milliseconds before each request, so the offered load is about
-- connections * 1000 / (PACE_MS + latency) requests per second (wrk measures latency from send to answer).
-- API_KEY, when set, is sent as X-API-Key.
local pace = tonumber(os.getenv("PACE_MS") or "0")
local key = os.getenv("API_KEY")
if key and key ~= "" then
    wrk.headers["X-API-Key"] = key
end

function delay()
    return pace
end
