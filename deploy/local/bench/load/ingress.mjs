// The ingress benchmark's fixed-rate phase, with autocannon: writes offered at a steady rate (each with
// its own Idempotency-Key and record) and the latency they get. Loopback only. The ceiling and the
// peak phases use wrk (ingress.lua), which takes less of the CPU the ingress shares.
//
//   node ingress.mjs url=http://127.0.0.1:8080 token=<bearer> seconds=20 connections=64 rate=2000
import autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';

const options = Object.fromEntries(process.argv.slice(2).map((a) => a.split(/=(.*)/s).slice(0, 2)));
const url = new URL(options.url ?? 'http://127.0.0.1:8080');
if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
  throw new Error(`benchmarks only target loopback, not ${url.hostname}`);
}
const seconds = Number(options.seconds ?? 20);
const connections = Number(options.connections ?? 64);
const rate = Number(options.rate ?? 2000);

let sequence = 0;
const write = {
  method: 'POST',
  path: '/v1/records/Account',
  setupRequest: (request) => {
    sequence += 1;
    const key = randomUUID();
    request.headers = {
      'content-type': 'application/json',
      authorization: `Bearer ${options.token}`,
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

const result = await autocannon({ url: url.origin, connections, duration: seconds, requests: [write], overallRate: rate });
const failed = result.non2xx + result.errors + result.timeouts;
const label = `POST at ${rate}/s`;
console.log(`${label.padEnd(24)} ${Math.round(result.requests.average).toLocaleString('en').padStart(8)} req/s   `
  + `p50 ${result.latency.p50.toFixed(1)} ms  p90 ${result.latency.p90.toFixed(1)} ms  p99 ${result.latency.p99.toFixed(1)} ms  `
  + `max ${result.latency.max.toFixed(1)} ms   (${(result.requests.total - failed).toLocaleString('en')} ok, ${failed} failed)`);
