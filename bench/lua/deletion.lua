-- Meta's Data Deletion callback with a different signed_request on every request.
-- BENCH_SIGNED_FILE: one form body "signed_request=SIG.PAYLOAD" per line (java bench/SignInLoad.java sign …).
-- BENCH_THREADS: wrk's -t; thread k of n sends lines k, k+n, k+2n, … so no two threads share a line.
-- A thread that runs out of lines starts again from its first one; "repeats" in the report counts those
-- requests (the broker answers a repeated signed_request from its deletion_request table).
dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")

local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("tid", counter)
  table.insert(threads, thread)
end

local lines, pos, step

function init(args)
  lines = {}
  for line in io.lines(os.getenv("BENCH_SIGNED_FILE")) do
    lines[#lines + 1] = line
  end
  step = tonumber(os.getenv("BENCH_THREADS"))
  pos = tid
  repeats = 0
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
end

function request()
  if pos > #lines then
    pos = tid
  end
  if wrapped then
    repeats = repeats + 1
  end
  local body = lines[pos]
  pos = pos + step
  if pos > #lines then
    wrapped = true
  end
  return wrk.format(nil, nil, nil, body)
end

done = function(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + (thread:get("repeats") or 0)
  end
  bench_report(summary, latency, string.format(" repeats=%d", total))
end
