-- Prints one machine-readable line when a wrk run ends; bench/run parses it.
--   BENCH rps=… p50_ms=… p99_ms=… requests=… bad_status=… socket_errors=…
-- wrk counts every status outside 2xx/3xx in errors.status ("bad_status").
function bench_report(summary, latency, extra)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    "BENCH rps=%.1f p50_ms=%.3f p99_ms=%.3f max_ms=%.3f requests=%d bad_status=%d socket_errors=%d%s\n",
    summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.requests, e.status, e.connect + e.read + e.write + e.timeout, extra or ""))
end

done = function(summary, latency, requests)
  bench_report(summary, latency, "")
end
