#!/usr/bin/env python3
"""The demo's workload: a realistic mix of writes through the ingress of a running local stack, then a
summary a person can read at a glance. Standard library only.

    demo.py ingress=URL simulator=URL issuer=URL webhook-secret=FILE oidc-clients=FILE [records=300] [summary=FILE]
"""
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


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(p / 100 * len(values)))] if values else float("nan")


def stats():
    return json.loads(http("GET", SIMULATOR + "/simulator/stats")[2])


before = stats()
started = time.time()
print(f"demo run {RUN}: {RECORDS} accounts, updates, retries, invalid records and signed webhooks through {INGRESS}", file=sys.stderr)
stop = threading.Event()
threading.Thread(target=progress, args=(stop,), daemon=True).start()
workload()
stop.set()
if TTY:
    print(file=sys.stderr)
final = settle()
after = stats()

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
""")
if "summary" in args:
    with open(args["summary"], "w") as f:
        json.dump(summary, f, indent=2)
sys.exit(1 if summary["unsettled"] else 0)
