#!/usr/bin/env python3
"""Watches delivery drain a backlog: polls its Prometheus metrics, the simulator's stats and the process's
RSS, then prints throughput, API calls per record, the share of the allowed call rate used, refusals and RSS.

    delivery.py delivery=URL[,URL...] simulator=URL pid=PID[,PID...] records=N rate=CALLS_PER_SECOND [timeout=SECONDS]

With several replicas (their management URLs and pids, comma-separated), it also prints each one's share.
"""
import json
import re
import sys
import time
import urllib.request

args = dict(a.split("=", 1) for a in sys.argv[1:])
records, rate = int(args["records"]), float(args["rate"])
timeout = float(args.get("timeout", "600"))
SETTLED = re.compile(r'^governor_delivery_records_total\{outcome="(\w+)"[^}]*\}\s+([0-9.eE+]+)', re.M)


def get(url):
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode()


REPLICAS, PIDS = args["delivery"].split(","), args["pid"].split(",")


def settled_by(replica):
    counts = {k: float(v) for k, v in SETTLED.findall(get(replica + "/q/metrics"))}
    return sum(v for k, v in counts.items() if k != "retrying"), counts


def settled():
    total, counts = 0, {}
    for replica in REPLICAS:
        done, mine = settled_by(replica)
        total += done
        for k, v in mine.items():
            counts[k] = counts.get(k, 0) + v
    return total, counts


def stats():
    return json.loads(get(args["simulator"] + "/simulator/stats"))


def rss_mib():
    """The largest RSS among the replicas."""
    sizes = []
    for pid in PIDS:
        with open(f"/proc/{pid}/status") as status:
            sizes.append(next(int(line.split()[1]) // 1024 for line in status if line.startswith("VmRSS")))
    return max(sizes)


samples = []  # (seconds, settled records, collection calls)
started, peak_rss = time.monotonic(), 0
while True:
    done, counts = settled()
    calls = stats()["callsByEndpoint"].get("collections", 0)
    now = time.monotonic() - started
    samples.append((now, done, calls))
    peak_rss = max(peak_rss, rss_mib())
    if done >= records or now > timeout:
        break
    if sys.stderr.isatty() or len(samples) % 20 == 1:
        end = "\r" if sys.stderr.isatty() else "\n"
        print(f"  {now:6.1f} s  {int(done):>8} of {records} settled, {calls} collection calls", end=end, file=sys.stderr, flush=True)
    time.sleep(0.25)
if sys.stderr.isatty():
    print(file=sys.stderr)

final = stats()


def at(index, threshold):
    """The first sample whose column (1: settled records, 2: collection calls) reached the threshold."""
    return next(s for s in samples if s[index] >= threshold)


# Steady state: from 10 % to 90 % of the backlog settled (records/s), and of the calls made (call rate).
first, last = at(1, 1), samples[-1]
low, high = at(1, 0.1 * records), at(1, 0.9 * records)
steady_records_per_second = (high[1] - low[1]) / (high[0] - low[0])
calls_low, calls_high = at(2, 0.1 * last[2]), at(2, 0.9 * last[2])
steady_calls_per_second = (calls_high[2] - calls_low[2]) / (calls_high[0] - calls_low[0])
total_calls = final["apiCalls"]
collection_calls = final["callsByEndpoint"].get("collections", 0)
refused = final.get("refused", {})
limit_refusals = refused.get("TOTAL_REQUESTS_LIMIT", 0) + refused.get("CONCURRENT_REQUESTS_LIMIT", 0)

print(f"  settled          {int(last[1])} of {records} ({', '.join(f'{k} {int(v)}' for k, v in sorted(counts.items()))})")
print(f"  records/s        {steady_records_per_second:,.0f} steady (10 %-90 % of the backlog), "
      f"{last[1] / max(0.001, last[0] - first[0]):,.0f} first-to-last")
print(f"  API calls        {total_calls} ({collection_calls} collection upserts, the rest sessions' /limits probes and the like)")
print(f"  calls per record {collection_calls / records:.5f} (1/{records / max(1, collection_calls):.1f})")
print(f"  allowed rate     {rate:g} calls/s; used {steady_calls_per_second:.2f} calls/s steady (10 %-90 % of the calls) = "
      f"{100 * steady_calls_per_second / rate:.1f} % of it")
print(f"  refusals         {limit_refusals} REQUEST_LIMIT_EXCEEDED (all refusals: {refused or 'none'})")
print(f"  most in 1 s      {final['maxCallsPerSecond']} calls; most concurrent {final['maxConcurrentRequests']}")
print(f"  delivery RSS     {rss_mib()} MiB at the end, {peak_rss} MiB peak{' (the larger replica)' if len(PIDS) > 1 else ''}")
if len(REPLICAS) > 1:
    shares = [settled_by(replica)[0] for replica in REPLICAS]
    equal = sum(shares) / len(shares)
    print(f"  replicas         {len(REPLICAS)} sharing one rate; records each: "
          + ", ".join(f"{int(n)} ({100 * n / sum(shares):.1f} %)" for n in shares)
          + f"; furthest from an equal share {100 * max(abs(n - equal) for n in shares) / equal:.1f} % (aim <= 10 %)")
