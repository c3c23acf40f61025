-- wrk script: sObject Collections upserts of a full batch of Accounts. Each connection cycles through
-- its own key space, half of each batch overlapping the previous one (creates at first, then mostly
-- updates). Counts calls whose answer reports a failed record, and prints a summary at the end.
--   wrk -s simulator.lua <url> -- <token> [records=200] [keys=5000]
local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  token = args[1]
  records = tonumber(args[2] or "200")
  keys = tonumber(args[3] or "5000")
  batch = 0
  failed_records = 0
end

function request()
  batch = batch + 1
  local parts = {}
  for i = 0, records - 1 do
    local key = (batch * math.floor(records / 2) + i) % keys
    parts[#parts + 1] = '{"attributes":{"type":"Account"},"External_Id__c":"B' .. id .. '-' .. key
      .. '","Name":"Account ' .. key .. ' v' .. batch .. '","NumberOfEmployees":' .. key .. '}'
  end
  return wrk.format("PATCH", "/services/data/v63.0/composite/sobjects/Account/External_Id__c",
    { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token },
    '{"allOrNone":false,"records":[' .. table.concat(parts, ",") .. ']}')
end

function response(status, headers, body)
  if status == 200 and string.find(body, '"success":false', 1, true) then
    failed_records = failed_records + 1
  end
end

function done(summary, latency, requests)
  local failed = 0
  for _, thread in ipairs(threads) do
    failed = failed + (thread:get("failed_records") or 0)
  end
  local seconds = summary.duration / 1e6
  local per_call = tonumber(threads[1]:get("records"))
  io.write(string.format("  API calls/s      %10.0f\n", summary.requests / seconds))
  io.write(string.format("  records/s        %10.0f\n", summary.requests * per_call / seconds))
  io.write(string.format("  latency ms       p50 %.1f  p90 %.1f  p99 %.1f  max %.1f\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  io.write(string.format("  calls            %d (HTTP errors %d, calls with a failed record %d)\n",
    summary.requests, summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.timeout, failed))
end
