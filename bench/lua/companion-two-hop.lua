-- Companion's sign-in start as a browser lives it: GET /instagram/connect answers 302 to Companion's own
-- /connect/instagram (grant) and sets a session cookie; that second request answers 302 to Instagram's authorize URL.
-- Each thread keeps a queue of second hops waiting to be sent; "starts" counts the 302s that reach Instagram.
dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

local first = os.getenv("BENCH_COMPANION_PATH")
local pending

function init(args)
  pending = {}
  starts = 0
end

function request()
  local hop = table.remove(pending)
  if hop then
    return wrk.format("GET", hop.path, { ["Cookie"] = hop.cookie }, nil)
  end
  return wrk.format("GET", first, {}, nil)
end

function response(status, headers, body)
  local location = headers["Location"]
  if status ~= 302 or not location then
    return
  end
  if location:find("/connect/instagram", 1, true) then
    local path = location:gsub("^https?://[^/]+", "")
    local cookie = (headers["Set-Cookie"] or ""):match("^([^;]+)")
    table.insert(pending, { path = path, cookie = cookie or "" })
  elseif location:find("oauth/authorize", 1, true) then
    starts = starts + 1
  end
end

done = function(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + (thread:get("starts") or 0)
  end
  bench_report(summary, latency, string.format(" starts=%d starts_per_s=%.1f", total, total / (summary.duration / 1e6)))
end
