-- wrk script for the ingress benchmark. Mode "write" (default): POST /v1/records/Account, each request
-- with its own Idempotency-Key and record (a random prefix per thread and run, then a counter). Mode
-- "live": GET /q/health/live, the HTTP ceiling. Prints one summary line at the end.
--   wrk -s ingress.lua <url> -- <label> <token> [write|live]
local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  label = args[1]
  token = args[2]
  mode = args[3] or "write"
  math.randomseed(os.time() * 100 + id)
  prefix = string.format("%08x%04x", math.random(0, 0x7fffffff), math.random(0, 0xffff))
  sequence = 0
end

function request()
  if mode == "live" then
    return wrk.format("GET", "/q/health/live")
  end
  sequence = sequence + 1
  local key = prefix .. "-" .. id .. "-" .. sequence
  return wrk.format("POST", "/v1/records/Account",
    { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token, ["Idempotency-Key"] = key },
    '{"externalIdField":"External_Id__c","externalId":"BENCH-' .. key .. '","fields":{"Name":"Benchmark account '
      .. sequence .. '","NumberOfEmployees":' .. (sequence % 5000) .. '}}')
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local failed = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("%-24s %8.0f req/s   p50 %.1f ms  p90 %.1f ms  p99 %.1f ms  max %.1f ms   (%d ok, %d failed)\n",
    threads[1]:get("label"), (summary.requests - failed) / seconds, latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, summary.requests - failed, failed))
end
