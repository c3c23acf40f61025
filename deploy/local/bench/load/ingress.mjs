// Drives the ingress with autocannon: the HTTP ceiling (its liveness endpoint), peak accepted writes
// per second, and latency at a fixed rate — each write with its own Idempotency-Key and record — and
// reports the ingress's RSS after each phase. Loopback only.
//
//   node ingress.mjs url=http://127.0.0.1:8080 token=<bearer> pid=<ingress pid> seconds=20 connections=64 rate=2000
import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';

const options = Object.fromEntries(process.argv.slice(2).map((a) => a.split(/=(.*)/s).slice(0, 2)));
const url = new URL(options.url ?? 'http://127.0.0.1:8080');
if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
  throw new Error(`benchmarks only target loopback, not ${url.hostname}`);
}
const seconds = Number(options.seconds ?? 20);
const connections = Number(options.connections ?? 64);
const rate = Number(options.rate ?? 2000);
const token = options.token;

function rssMiB() {
  try {
    const line = readFileSync(`/proc/${options.pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
    return Math.round(Number(line.replace(/[^0-9]/g, '')) / 1024);
  } catch {
    return -1;
  }
}

let sequence = 0;
const write = {
  method: 'POST',
  path: '/v1/records/Account',
  setupRequest: (request) => {
    sequence += 1;
    const key = randomUUID();
    request.headers = {
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
      'idempotency-key': key,
    };
    request.body = JSON.stringify({
      externalIdField: 'External_Id__c',
      externalId: `BENCH-${key}`,
      fields: { Name: `Benchmark account ${sequence}`, NumberOfEmployees: sequence % 5000 },
    });
    return request;
  },
};

async function run(label, extra) {
  const result = await autocannon({ url: url.origin, connections, duration: seconds, ...extra });
  const failed = result.non2xx + result.errors + result.timeouts;
  const codes = Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => `${code}: ${s.count}`).join(', ');
  console.log(`${label.padEnd(24)} ${Math.round(result.requests.average).toLocaleString('en').padStart(8)} req/s   `
    + `p50 ${result.latency.p50.toFixed(1)} ms  p97.5 ${result.latency.p97_5.toFixed(1)} ms  p99 ${result.latency.p99.toFixed(1)} ms  `
    + `max ${result.latency.max.toFixed(1)} ms   (${(result.requests.total - failed).toLocaleString('en')} ok, ${failed} failed; ${codes})`);
  return result;
}

await autocannon({ url: url.origin, connections, duration: 5, requests: [write] }); // warm-up: JIT, connections, metadata
console.log(`ingress benchmark: ${connections} connections, ${seconds} s per phase`);
await run('GET /q/health/live', { requests: [{ method: 'GET', path: '/q/health/live' }] });
await run('POST accepted (peak)', { requests: [write] });
console.log(`  ingress RSS after peak: ${rssMiB()} MiB`);
await run(`POST at ${rate}/s`, { requests: [write], overallRate: rate });
console.log(`  ingress RSS after the fixed rate: ${rssMiB()} MiB`);
