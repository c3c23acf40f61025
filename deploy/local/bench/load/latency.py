#!/usr/bin/env python3
"""Delivery latency under a steady offered load: writes new Accounts through the ingress at a fixed rate,
waits until each is settled, and prints accept -> DELIVERED percentiles overall and per records-topic
partition (from the request status: acceptedAt and the time the outcome reached the ingress), with the
collection calls the org saw and the records each carried. Standard library only.

    latency.py ingress=URL simulator=URL issuer=URL oidc-clients=FILE rate=20 seconds=60 [warmup=10] [partitions=6] [label=...]

The first warmup seconds of load are sent the same way but not measured (the JIT and the connections warm up).
"""
import concurrent.futures
import json
import sys
import threading
import time
import urllib.request
import uuid
from datetime import datetime

args = dict(a.split("=", 1) for a in sys.argv[1:])
INGRESS, SIMULATOR, ISSUER = args["ingress"], args["simulator"], args["issuer"]
RATE, SECONDS, WARMUP = float(args.get("rate", "20")), float(args.get("seconds", "60")), float(args.get("warmup", "10"))
PARTITIONS = int(args.get("partitions", "6"))
RUN = "LAT-" + uuid.uuid4().hex[:6].upper()


def http(method, url, body=None, headers=None):
    data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
    request = urllib.request.Request(url, data=data, headers=dict(headers or {}), method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def token():
    with open(args["oidc-clients"]) as f:
        secret = dict(line.strip().split("=", 1) for line in f if "=" in line)["crm-sync"]
    form = f"grant_type=client_credentials&client_id=crm-sync&client_secret={secret}".encode()
    request = urllib.request.Request(ISSUER + "/token", data=form, headers={"Content-Type": "application/x-www-form-urlencoded"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())["access_token"]


def murmur2(data):
    """Kafka's murmur2, as its default partitioner hashes a record key."""
    m, length = 0x5BD1E995, len(data)
    h = (0x9747B28C ^ length) & 0xFFFFFFFF
    for i in range(length // 4):
        k = data[4 * i] | data[4 * i + 1] << 8 | data[4 * i + 2] << 16 | data[4 * i + 3] << 24
        k = (k * m) & 0xFFFFFFFF
        k ^= k >> 24
        k = (k * m) & 0xFFFFFFFF
        h = ((h * m) & 0xFFFFFFFF) ^ k
    tail, rest = length & ~3, length % 4
    if rest == 3:
        h ^= data[tail + 2] << 16
    if rest >= 2:
        h ^= data[tail + 1] << 8
    if rest >= 1:
        h ^= data[tail]
        h = (h * m) & 0xFFFFFFFF
    h ^= h >> 13
    h = (h * m) & 0xFFFFFFFF
    return h ^ (h >> 15)


def partition_of(external_id):
    key = f"account:external_id__c:{external_id.lower()}".encode()
    return (murmur2(key) & 0x7FFFFFFF) % PARTITIONS


def stats():
    return json.loads(http("GET", SIMULATOR + "/simulator/stats")[1])


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] if ordered else float("nan")


def seconds_between(start, end):
    return (datetime.fromisoformat(end.replace("Z", "+00:00")) - datetime.fromisoformat(start.replace("Z", "+00:00"))).total_seconds()


bearer = token()
headers = {"Authorization": "Bearer " + bearer, "Content-Type": "application/json"}
tracked, lock, refused = {}, threading.Lock(), [0]


def write(i, measured):
    external_id = f"{RUN}-{i}"
    status, text = http("POST", INGRESS + "/v1/records/Account",
                        {"externalIdField": "External_Id__c", "externalId": external_id,
                         "fields": {"Name": f"Latency account {i}", "NumberOfEmployees": i % 5000}},
                        dict(headers, **{"Idempotency-Key": str(uuid.uuid4())}))
    with lock:
        if status != 202:
            refused[0] += 1
        elif measured:
            tracked[json.loads(text)["trackingId"]] = external_id


pool = concurrent.futures.ThreadPoolExecutor(32)
start, warm, total = time.monotonic(), int(RATE * WARMUP), int(RATE * SECONDS)
for i in range(warm + total):
    delay = start + i / RATE - time.monotonic()
    if delay > 0:
        time.sleep(delay)
    if i == warm:
        before, measured_from = stats(), time.monotonic()
    pool.submit(write, i, i >= warm)
pool.shutdown(wait=True)
offered_for = time.monotonic() - measured_from


def final_status(tracking_id):
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        code, text = http("GET", INGRESS + "/v1/records/" + tracking_id, headers={"Authorization": "Bearer " + bearer})
        if code == 200:
            document = json.loads(text)
            if document["status"] not in ("ACCEPTED", "RETRYING"):
                return document
        time.sleep(0.5)
    return None


with concurrent.futures.ThreadPoolExecutor(16) as statuses:
    documents = dict(zip(tracked, statuses.map(final_status, list(tracked))))
after = stats()

latencies, by_partition, unsettled, not_delivered = [], {}, 0, 0
for tracking_id, document in documents.items():
    if document is None:
        unsettled += 1
        continue
    if document["status"] != "DELIVERED":
        not_delivered += 1
        continue
    seconds = seconds_between(document["acceptedAt"], document["updatedAt"])
    latencies.append(seconds)
    by_partition.setdefault(partition_of(tracked[tracking_id]), []).append(seconds)

calls = after["apiCalls"] - before["apiCalls"]
collections = after["callsByEndpoint"].get("collections", 0) - before["callsByEndpoint"].get("collections", 0)


def line(values):
    return f"p50 {percentile(values, 50):5.2f} s  p90 {percentile(values, 90):5.2f} s  p99 {percentile(values, 99):5.2f} s  (n={len(values)})"


label = args.get("label", f"{RATE:g} records/s")
print(f"  {label}: offered {total} writes in {offered_for:.1f} s after {WARMUP:g} s of warm-up, {len(tracked)} accepted,"
      f" {refused[0]} refused;"
      f" {unsettled} unsettled, {not_delivered} not delivered")
print(f"    accept -> DELIVERED   {line(latencies)}")
p99s = {}
for partition in sorted(by_partition):
    p99s[partition] = percentile(by_partition[partition], 99)
    print(f"      partition {partition}       {line(by_partition[partition])}")
if p99s:
    spread = max(p99s.values()) / max(min(p99s.values()), 1e-9)
    print(f"    slowest partition's p99 / fastest's: {spread:.2f} (aim <= 1.5)")
print(f"    API calls {calls} ({calls / offered_for:.2f}/s over the offered time), collection calls {collections},"
      f" records per call {len(latencies) / max(collections, 1):.1f}")
sys.exit(1 if unsettled else 0)
