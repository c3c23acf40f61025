-- wrk script for the read benchmark. Mode "read" (default): GET a random record of the catalog
-- (External_Id__c CAT-0 … CAT-<n-1>) through the ingress's read API. Mode "live": GET /q/health/live, the
-- HTTP ceiling of the same process. Prints one summary line at the end.
--   wrk -s reads.lua <url> -- <label> <token> [read|live] [catalog size]
local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  label = args[1]
  token = args[2]
  mode = args[3] or "read"
  size = tonumber(args[4] or "500")
  math.randomseed(os.time() * 100 + id)
end

function request()
  if mode == "live" then
    return wrk.format("GET", "/q/health/live")
  end
  return wrk.format("GET", "/v1/sobjects/Account/External_Id__c/CAT-" .. math.random(0, size - 1),
    { ["Authorization"] = "Bearer " .. token })
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local failed = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("%-24s %8.0f req/s   p50 %.1f ms  p90 %.1f ms  p99 %.1f ms  max %.1f ms   (%d ok, %d failed)\n",
    threads[1]:get("label"), (summary.requests - failed) / seconds, latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, summary.requests - failed, failed))
end
