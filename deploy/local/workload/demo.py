#!/usr/bin/env python3
"""The demo's workload: a realistic mix of writes through the ingress of a running local stack, then a
summary a person can read at a glance. Standard library only.

    demo.py ingress=URL simulator=URL issuer=URL webhook-secret=FILE oidc-clients=FILE [records=300] [summary=FILE]
            [bridge-metrics=URL kafka=HOST:PORT kafka-classpath=FILE mqtt-port=PORT events=100] [archive=URL]

With the bridge's settings, order events also go out through the event bridge (a Kafka topic and MQTT into
Salesforce as Platform Events) and come back in (Platform Events and the workload's change events into Kafka).
With archive=URL, the summary says what the archive holds once it has caught up, and whether verify found it whole.
"""
import os
import subprocess
import concurrent.futures
import hashlib
import hmac
import json
import re
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from datetime import datetime

args = dict(a.split("=", 1) for a in sys.argv[1:])
INGRESS, SIMULATOR, ISSUER = args["ingress"], args["simulator"], args["issuer"]
RECORDS = int(args.get("records", "300"))
RUN = "DEMO-" + uuid.uuid4().hex[:6].upper()
TRACKING = re.compile(r'"trackingId"\s*:\s*"([^"]+)"')

lock = threading.Lock()
counts = {"requests": 0, "accepted": 0, "replayed": 0, "refused at the door": 0, "webhooks": 0}
tracked = {}  # tracking id -> {"sent": epoch seconds, "kind": ...}


def count(name, n=1):
    with lock:
        counts[name] = counts.get(name, 0) + n


def http(method, url, body=None, headers=None, form=None):
    data = None
    headers = dict(headers or {})
    if form is not None:
        data = urllib.parse.urlencode(form).encode()
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    elif body is not None:
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        headers.setdefault("Content-Type", "application/json")
    request = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def token(client):
    """A caller's token, with the secret the stack made for it (client=secret lines)."""
    with open(args["oidc-clients"]) as f:
        secret = dict(line.strip().split("=", 1) for line in f if "=" in line)[client]
    status, _, body = http("POST", ISSUER + "/token", form={"grant_type": "client_credentials", "client_id": client,
                                                             "client_secret": secret})
    return json.loads(body)["access_token"]


WRITER, OPERATOR = token("crm-sync"), token("operator")


def answered(status, headers, text, sent, kind):
    """Counts one answer to a write: accepted (remembering each tracking id), replayed, or refused."""
    count("requests")
    if status == 202:
        if headers.get("Idempotent-Replayed") == "true":
            count("replayed")
            return
        ids = TRACKING.findall(text)
        count("accepted", len(ids))
        with lock:
            for tracking_id in ids:
                tracked[tracking_id] = {"sent": sent, "answered": time.time(), "kind": kind}
    elif 400 <= status < 500:
        count("refused at the door")


def submit(path, body, key=None, kind="record"):
    """One write request with the writer's token and an Idempotency-Key."""
    key = key or str(uuid.uuid4())
    sent = time.time()
    status, headers, text = http("POST", INGRESS + path, body, {"Authorization": "Bearer " + WRITER, "Idempotency-Key": key})
    answered(status, headers, text, sent, kind)
    return status, key, body


def account(i, version, **extra):
    fields = {"Name": f"{RUN} account {i} v{version}", "Industry": "Energy"}
    fields.update(extra)
    return {"externalIdField": "External_Id__c", "externalId": f"{RUN}-{i}", "fields": fields}


TTY = sys.stderr.isatty()


def show(line):
    """Progress: rewritten in place on a terminal, a line every few seconds in a log."""
    print(("\r  " if TTY else "  ") + line + "   ", end="" if TTY else "\n", file=sys.stderr, flush=True)


def progress(stop):
    while not stop.is_set():
        with lock:
            show(", ".join(f"{k} {v}" for k, v in counts.items()))
        stop.wait(1 if TTY else 5)


def workload():
    pool = concurrent.futures.ThreadPoolExecutor(16)
    # New records: batches of 50, and single writes.
    batches = [list(range(start, min(start + 50, RECORDS // 2))) for start in range(0, RECORDS // 2, 50)]
    jobs = [pool.submit(submit, "/v1/records/Account/batch", {"records": [account(i, 1) for i in batch]}) for batch in batches]
    jobs += [pool.submit(submit, "/v1/records/Account", account(i, 1)) for i in range(RECORDS // 2, RECORDS)]
    concurrent.futures.wait(jobs)
    # Updates to the same records: a second version of every third record.
    updates = [pool.submit(submit, "/v1/records/Account", account(i, 2, Phone="+1 555 0100")) for i in range(0, RECORDS, 3)]
    # Callers retrying: the same request with the same Idempotency-Key is answered from the key store.
    retried = [f.result() for f in concurrent.futures.as_completed(updates)][:40]
    jobs = [pool.submit(submit, "/v1/records/Account", body, key) for _, key, body in retried]
    # Invalid records: refused at the door (a field name that is no API name; text longer than the org's field
    # allows, checked against the org's own description of Account), or refused by Salesforce (a new account
    # without the Name it requires: only the org knows the record is new).
    jobs += [pool.submit(submit, "/v1/records/Account", {"externalIdField": "External_Id__c", "externalId": f"{RUN}-bad-{i}",
                                                           "fields": {"Name; DROP": "x"}}) for i in range(10)]
    jobs += [pool.submit(submit, "/v1/records/Account", account(f"long-{i}", 1, AccountNumber="9" * 60)) for i in range(10)]
    jobs += [pool.submit(submit, "/v1/records/Account", {"externalIdField": "External_Id__c", "externalId": f"{RUN}-noname-{i}",
                                                           "fields": {"Industry": "Energy"}}, kind="invalid") for i in range(20)]
    # Signed webhooks (GitHub style): each delivery becomes a Case; one re-delivery of each is a duplicate.
    with open(args["webhook-secret"]) as f:
        secret = f.read().strip().encode()
    for i in range(20):
        body = json.dumps({"action": "opened", "issue": {"title": f"{RUN} issue {i}", "body": "Opened from the demo"}}).encode()
        signature = "sha256=" + hmac.new(secret, body, hashlib.sha256).hexdigest()
        jobs.append(pool.submit(deliver_twice, body, signature, str(uuid.uuid4())))
    concurrent.futures.wait(jobs)
    pool.shutdown()


def deliver_twice(body, signature, delivery):
    """A webhook delivery, and the sender's re-delivery of it (as after a lost acknowledgement)."""
    webhook(body, signature, delivery)
    webhook(body, signature, delivery)


def webhook(body, signature, delivery):
    sent = time.time()
    status, headers, text = http("POST", INGRESS + "/v1/webhooks/github", body,
                                 {"X-Hub-Signature-256": signature, "X-GitHub-Delivery": delivery})
    count("webhooks")
    answered(status, headers, text, sent, "webhook")


def settle(timeout=300):
    """Polls each write's status until it is final; answers {tracking id: status document}."""
    final, deadline = {}, time.time() + timeout
    pool = concurrent.futures.ThreadPoolExecutor(8)
    while len(final) < len(tracked) and time.time() < deadline:
        pending = [t for t in tracked if t not in final]
        for tracking_id, (status, _, text) in zip(pending, pool.map(
                lambda t: http("GET", f"{INGRESS}/v1/records/{t}", headers={"Authorization": "Bearer " + OPERATOR}), pending)):
            if status == 200:
                document = json.loads(text)
                if document["status"] not in ("ACCEPTED", "RETRYING"):
                    final[tracking_id] = document
        show(f"settled {len(final)} of {len(tracked)}")
        if len(final) < len(tracked):
            time.sleep(1 if TTY else 3)
    pool.shutdown()
    if TTY:
        print(file=sys.stderr)
    return final


EVENTS = int(args.get("events", "100"))


def bridge_metrics():
    """The bridge's counters that the summary compares: relayed per subscription, settled per route and outcome."""
    values = {}
    text = http("GET", args["bridge-metrics"])[2]
    for line in text.splitlines():
        match = re.match(r'(governor_bridge_(?:inbound_relayed|outbound_events_total))\{([^}]*)\} ([0-9.eE+-]+)', line)
        if match:
            labels = dict(re.findall(r'(\w+)="([^"]*)"', match.group(2)))
            key = (match.group(1), labels.get("subscription") or labels.get("route"), labels.get("outcome"))
            values[key] = float(match.group(3))
    return values


def send_events():
    """Order events from an ERP (a Kafka topic) and from devices (MQTT): some sent twice, some the org refuses."""
    kafka_lines, mqtt_lines, ids = [], [], []
    for i in range(EVENTS):
        source_id = f"{RUN}-erp-{i}"
        amount = '"n/a"' if i % 20 == 7 else str(100 + i)  # text where the event takes a number: dead-lettered
        line = f'ce_id:{source_id}\t{{"orderNumber": "{RUN}-O{i}", "status": "Open", "amount": {amount}}}'
        kafka_lines += [line, line] if i % 10 == 0 else [line]  # an at-least-once source sends some twice
        if i % 20 != 7:
            ids.append(source_id)
        device_id = f"{RUN}-device-{i}"
        message = json.dumps({"id": device_id, "order": f"{RUN}-D{i}"})
        mqtt_lines += [message, message] if i % 10 == 0 else [message]
        ids.append(device_id)
    subprocess.run(["java", "-cp", open(args["kafka-classpath"]).read().strip(), "org.apache.kafka.tools.ConsoleProducer",
                    "--bootstrap-server", args["kafka"], "--topic", "governor.demo.orders.v1",
                    "--property", "parse.headers=true"], input="\n".join(kafka_lines) + "\n", text=True, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    subprocess.run(["mosquitto_pub", "-p", args["mqtt-port"], "-q", "1", "-t", "governor/demo/orders/line-1", "-l"],
                   input="\n".join(mqtt_lines) + "\n", text=True, check=True)
    return ids, len(kafka_lines) + len(mqtt_lines)


def published_source_ids():
    status, _, text = http("GET", SIMULATOR + "/simulator/events/Order_Event__e?limit=100000")
    ids = {}
    for event in json.loads(text)["events"]:
        source_id = (event.get("payload") or {}).get("Source_Event_Id__c") or ""
        if source_id.startswith(RUN):
            ids[source_id] = ids.get(source_id, 0) + 1
    return ids


def archived(timeout=90):
    """What the archive holds once it has caught up with every topic: objects, records, and verify's word."""
    deadline, report = time.time() + timeout, None
    while time.time() < deadline:
        status, _, body = http("GET", ARCHIVE + "/v1/admin/archive/verify", headers={"Authorization": "Bearer " + OPERATOR})
        if status == 200:
            report = json.loads(body)
            pending = sum(p["pending"] for t in report["topics"] for p in t["partitions"])
            show(f"archive: {pending} records still to archive")
            if pending == 0:
                break
        time.sleep(2)
    if TTY:
        print(file=sys.stderr)
    if report is None:
        return {"topics": 0, "objects": 0, "records": 0, "ok": False}
    partitions = [p for t in report["topics"] for p in t["partitions"]]
    return {"topics": sum(1 for t in report["topics"] if any(p["records"] for p in t["partitions"])),
            "objects": sum(p["objects"] for p in partitions), "records": sum(p["records"] for p in partitions),
            "pending": sum(p["pending"] for p in partitions), "ok": report["ok"]}


def snapshot(timeout=120):
    """A full org snapshot taken through the archive (Bulk API 2.0 into S3), once it is done."""
    status, _, body = http("POST", ARCHIVE + "/v1/admin/archive/snapshots?kind=full",
                           headers={"Authorization": "Bearer " + OPERATOR})
    if status != 202:
        return {"state": f"refused ({status})", "records": 0, "apiCalls": 0, "objects": {}}
    snapshot_id, deadline, manifest = json.loads(body)["id"], time.time() + timeout, {}
    while time.time() < deadline:
        manifest = json.loads(http("GET", ARCHIVE + "/v1/admin/archive/snapshots/" + snapshot_id,
                                   headers={"Authorization": "Bearer " + OPERATOR})[2])
        show(f"snapshot {snapshot_id}: {manifest['state']}")
        if manifest["state"] != "RUNNING":
            break
        time.sleep(1)
    if TTY:
        print(file=sys.stderr)
    objects = {name: o["records"] for name, o in manifest.get("objects", {}).items()}
    calls = sum(o["apiCalls"] for o in manifest.get("objects", {}).values())
    return {"id": snapshot_id, "state": manifest.get("state"), "records": sum(objects.values()), "apiCalls": calls,
            "objects": objects}


def header(headers, name):
    return next((v for k, v in headers.items() if k.lower() == name.lower()), None)


def reads():
    """Reads through the ingress's cache: 50 of the run's accounts read ten times each by a dashboard, a named
    query, and (with the bridge relaying the org's change events) one change made in the org by another
    client, timed until the ingress serves it."""
    auth = {"Authorization": "Bearer " + token("dashboard")}
    accounts = [r for r in json.loads(http("GET", SIMULATOR + "/simulator/records/Account")[2])["records"]
                if str(r["fields"].get("External_Id__c", "")).startswith(RUN + "-")][:50]
    sources = {}

    def read(path):
        status, headers, body = http("GET", INGRESS + path, headers=auth)
        source = header(headers, "X-Governor-Cache") or str(status)
        with lock:
            sources[source] = sources.get(source, 0) + 1
        return body

    before = stats()["callsByEndpoint"]
    paths = [f"/v1/sobjects/Account/External_Id__c/{a['fields']['External_Id__c']}" for a in accounts] * 10
    paths += ["/v1/queries/accounts-by-industry?industry=Energy"] * 20
    with concurrent.futures.ThreadPoolExecutor(16) as pool:
        list(pool.map(read, paths))
    after = stats()["callsByEndpoint"]
    calls = sum(after.get(g, 0) - before.get(g, 0) for g in ("sobjects", "query"))
    phase = dict(sources)  # the freshness check below reads too; it is not part of the counted reads
    fresh_ms = query_fresh_ms = None
    if BRIDGE and accounts:
        # one account the cached query lists, changed by another client of the org: its record and the query
        # over its object are both cached first, then timed until each is served with the change
        query = "/v1/queries/accounts-by-industry?industry=Energy"
        listed = json.loads(read(query)).get("records", [])
        target = listed[0]["Id"] if listed else accounts[0]["id"]
        record = f"/v1/sobjects/Account/{target}?fields=Website"
        read(record)
        site, name = f"https://{RUN.lower()}.example.com", f"{RUN} renamed in the org"
        org = json.loads(http("POST", SIMULATOR + "/services/oauth2/token", form={
            "grant_type": "client_credentials", "client_id": "governor-local-consumer-key",
            "client_secret": "governor-local-consumer-secret"})[2])["access_token"]
        changed = time.time()
        http("PATCH", SIMULATOR + f"/services/data/v63.0/sobjects/Account/{target}", {"Website": site, "Name": name},
             {"Authorization": "Bearer " + org})
        while time.time() - changed < 30 and (fresh_ms is None or (listed and query_fresh_ms is None)):
            if fresh_ms is None and json.loads(read(record)).get("Website") == site:
                fresh_ms = round(1000 * (time.time() - changed))
            if listed and query_fresh_ms is None and any(
                    r.get("Name") == name for r in json.loads(read(query)).get("records", [])):
                query_fresh_ms = round(1000 * (time.time() - changed))
            time.sleep(0.02)
    served = len(paths)
    return {"served": served, "hits": phase.get("HIT", 0), "misses": phase.get("MISS", 0),
            "apiCalls": calls, "callsSaved": served - calls, "freshAfterChangeMs": fresh_ms,
            "queryFreshAfterChangeMs": query_fresh_ms}


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(p / 100 * len(values)))] if values else float("nan")


def stats():
    return json.loads(http("GET", SIMULATOR + "/simulator/stats")[2])


BRIDGE = "bridge-metrics" in args
ARCHIVE = args.get("archive")
before = stats()
bridge_before = bridge_metrics() if BRIDGE else {}
started = time.time()
print(f"demo run {RUN}: {RECORDS} accounts, updates, retries, invalid records and signed webhooks through {INGRESS}", file=sys.stderr)
stop = threading.Event()
threading.Thread(target=progress, args=(stop,), daemon=True).start()
workload()
expected_events, sent_events = send_events() if BRIDGE else ([], 0)
stop.set()
if TTY:
    print(file=sys.stderr)
final = settle()
published = {}
if BRIDGE:
    deadline = time.time() + 120
    while time.time() < deadline:
        published = published_source_ids()
        show(f"events published {len(published)} of {len(expected_events)}")
        if len(published) >= len(expected_events):
            break
        time.sleep(1)
    time.sleep(2)  # the inbound relay's last commit
    if TTY:
        print(file=sys.stderr)
after = stats()
bridge_after = bridge_metrics() if BRIDGE else {}
cached_reads = reads()
archive = archived() if ARCHIVE else None
org_snapshot = snapshot() if ARCHIVE else None


def bridge_delta(name, key, outcome=None):
    return round(sum(v - bridge_before.get(k, 0) for k, v in bridge_after.items()
                     if k[0] == name and (key is None or k[1] == key) and k[2] == outcome))

by_status, reasons, latencies, answers = {}, {}, [], []
for tracking_id, document in final.items():
    by_status[document["status"]] = by_status.get(document["status"], 0) + 1
    if document["status"] == "DEAD_LETTERED":
        code = document.get("error", {}).get("statusCode", "?")
        reasons[code] = reasons.get(code, 0) + 1
    if document["status"] == "DELIVERED" and document.get("updatedAt"):
        settled_at = datetime.fromisoformat(document["updatedAt"].replace("Z", "+00:00")).timestamp()
        accepted_at = datetime.fromisoformat(document["acceptedAt"].replace("Z", "+00:00")).timestamp()
        latencies.append(1000 * (settled_at - accepted_at))
        answers.append(1000 * (tracked[tracking_id]["answered"] - tracked[tracking_id]["sent"]))
calls = after["apiCalls"] - before["apiCalls"]
collection_calls = after["callsByEndpoint"].get("collections", 0) - before["callsByEndpoint"].get("collections", 0)
delivered = by_status.get("DELIVERED", 0) + by_status.get("SUPERSEDED", 0)
budget = after["limits"]["dailyApiRequests"]
summary = {
    "run": RUN,
    "requests": counts["requests"],
    "accepted": counts["accepted"],
    "refusedAtTheDoor": counts["refused at the door"],
    "duplicatesPrevented": counts["replayed"],
    "delivered": by_status.get("DELIVERED", 0),
    "superseded": by_status.get("SUPERSEDED", 0),
    "deadLettered": by_status.get("DEAD_LETTERED", 0),
    "deadLetteredByReason": reasons,
    "unsettled": len(tracked) - len(final),
    "apiCalls": calls,
    "collectionCalls": collection_calls,
    "budget": {"used": budget["used"], "max": budget["max"]},
    "recordsPerCall": round(delivered / collection_calls, 1) if collection_calls else None,
    "latencyMs": {p: round(percentile(latencies, p)) for p in (50, 90, 99)} if latencies else {},
    "answerMs": {p: round(percentile(answers, p)) for p in (50, 90, 99)} if answers else {},
    "seconds": round(time.time() - started, 1),
}
if BRIDGE:
    summary["events"] = {
        "sentOut": sent_events,
        "publishedOnce": sum(1 for n in published.values() if n == 1),
        "publishedMoreThanOnce": sum(1 for n in published.values() if n > 1),
        "missing": len(set(expected_events) - set(published)),
        "duplicatesSkipped": bridge_delta("governor_bridge_outbound_events_total", None, "duplicate"),
        "deadLettered": bridge_delta("governor_bridge_outbound_events_total", None, "dead"),
        "platformEventsIn": bridge_delta("governor_bridge_inbound_relayed", "order-events"),
        "changeEventsIn": bridge_delta("governor_bridge_inbound_relayed", "changes"),
    }
summary["reads"] = cached_reads
if archive:
    summary["archive"] = archive
if org_snapshot:
    summary["snapshot"] = org_snapshot
events_text = ""
if BRIDGE:
    e = summary["events"]
    events_text = f"""  events out              {e['sentOut']} sent (Kafka topic and MQTT) -> {e['publishedOnce']} Platform Events, each once; {e['duplicatesSkipped']} copies skipped, {e['deadLettered']} dead-lettered (text where a number belongs){f", {e['missing']} MISSING" if e['missing'] else ''}{f", {e['publishedMoreThanOnce']} DOUBLED" if e['publishedMoreThanOnce'] else ''}
  events in               {e['platformEventsIn']} Platform Events and {e['changeEventsIn']} change events relayed into Kafka, exactly once, in replay order
"""
r = summary["reads"]
reads_text = f"""  reads                   {r['served']} served by the ingress ({r['hits']} from its cache) with {r['apiCalls']} API calls: {r['callsSaved']} saved{f"; a change made in the org served fresh after {r['freshAfterChangeMs']} ms, and by a query over its object after {r['queryFreshAfterChangeMs']} ms (its change event evicted the cached copies)" if r['freshAfterChangeMs'] is not None else ''}
"""
archive_text = ""
if archive:
    archive_text = f"""  archived                {archive['records']} records of {archive['topics']} topics in {archive['objects']} S3 objects (gzip JSON Lines); verify: {'no hole, no overlap' if archive['ok'] else 'PROBLEMS FOUND'}{f", {archive['pending']} still pending" if archive['pending'] else ''}
"""
if org_snapshot:
    archive_text += f"""  org snapshot            {org_snapshot.get('id')} {org_snapshot['state']}: {org_snapshot['records']} records ({', '.join(f'{n} {o}' for o, n in org_snapshot['objects'].items())}) in {org_snapshot['apiCalls']} API calls (Bulk API 2.0, gzip CSV in the snapshot bucket)
"""
print(f"""
Governor demo {RUN} — done in {summary['seconds']} s
  requests sent           {summary['requests']} ({counts['webhooks']} of them signed webhooks)
  writes accepted (202)   {summary['accepted']}
  refused at the door     {summary['refusedAtTheDoor']} (invalid names, values the org would refuse: problem+json 400, nothing buffered)
  duplicates prevented    {summary['duplicatesPrevented']} (same Idempotency-Key or webhook delivery id: answered from the key store)
  delivered               {summary['delivered']} written to Salesforce{f", {summary['superseded']} superseded by a newer version" if summary['superseded'] else ''}
  dead-lettered           {summary['deadLettered']}{''.join(f'  {code} {n}' for code, n in sorted(reasons.items()))}
  not settled             {summary['unsettled']}
  API calls               {calls} ({collection_calls} collection upserts); org budget {budget['used']} of {budget['max']} used today
  records per call        {summary['recordsPerCall']}
  answered                p50 {summary['answerMs'].get(50)} ms  p90 {summary['answerMs'].get(90)} ms  p99 {summary['answerMs'].get(99)} ms (request sent to its 202, as the caller waited)
  end-to-end latency      p50 {summary['latencyMs'].get(50)} ms  p90 {summary['latencyMs'].get(90)} ms  p99 {summary['latencyMs'].get(99)} ms (202 to DELIVERED, the ingress's clock)
{events_text}{reads_text}{archive_text}""")
if "summary" in args:
    with open(args["summary"], "w") as f:
        json.dump(summary, f, indent=2)
failed = summary["unsettled"] or (BRIDGE and (summary["events"]["missing"] or summary["events"]["publishedMoreThanOnce"])) \
    or (archive is not None and not archive["ok"]) or (org_snapshot is not None and org_snapshot["state"] != "DONE")
sys.exit(1 if failed else 0)
