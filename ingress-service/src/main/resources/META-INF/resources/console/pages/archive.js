// The archive: restores with their progress (followed every two seconds while one runs), starting one or
// counting what it would take, snapshots with their manifests, and the archive checked against its topics.

import { html, render } from '/_static/lit-html/lit-html.js';
import { archive } from '../api.js';
import { announce, badge, confirmAction, problem, progress, when } from '../view.js';

const FOLLOW_MS = 2000;
const TONE = { RUNNING: 'warn', DONE: 'good', FAILED: 'bad' };

function restoreRequest(form) {
  const request = { topic: form.get('topic').trim() };
  const target = form.get('target').trim();
  if (target) {
    request.target = target;
  }
  ['from', 'to'].forEach((name) => {
    if (form.get(name)) {
      request[name] = new Date(form.get(name)).toISOString();
    }
  });
  if (form.get('ratePerSecond')) {
    request.ratePerSecond = Number(form.get('ratePerSecond'));
  }
  return request;
}

export default {
  path: 'archive',
  title: 'Archive',

  mount(container, params, { attempt }) {
    let restores = null;
    let snapshots = null;
    let report = null;
    let verifying = false;
    let plan = null;
    let error = null;
    let message = '';
    let timer = null;

    const load = async () => {
      clearTimeout(timer);
      error = await attempt(async () => {
        [restores, snapshots] = await Promise.all([
          archive('/v1/admin/archive/restores'),
          archive('/v1/admin/archive/snapshots'),
        ]);
      });
      draw();
      if (restores?.some((job) => job.state === 'RUNNING') || snapshots?.some((s) => s.state === 'RUNNING')) {
        timer = setTimeout(load, FOLLOW_MS);
      }
    };

    const startRestore = async (event) => {
      event.preventDefault();
      const form = new FormData(event.target);
      const request = restoreRequest(form);
      const dryRun = event.submitter?.value === 'count';
      error = await attempt(async () => {
        if (dryRun) {
          plan = await archive('/v1/admin/archive/restores', { method: 'POST', body: { ...request, dryRun: true } });
          message = '';
        } else {
          const job = await archive('/v1/admin/archive/restores', { method: 'POST', body: request });
          plan = null;
          message = `Restore ${job.id} started: ${job.records} record(s).`;
          announce(message);
        }
      });
      await load();
    };

    const takeSnapshot = async (kind) => {
      if (!await confirmAction(`Take a${kind === 'full' ? ' full' : 'n incremental'} snapshot?`,
        kind === 'full' ? 'Every configured object is exported through Bulk API 2.0 queries, which count against the org\'s limits.'
          : 'Every record changed since the last snapshot\'s high-water mark is exported through Bulk API 2.0 queries.',
        'Take snapshot')) {
        return;
      }
      error = await attempt(async () => {
        const started = await archive(`/v1/admin/archive/snapshots?kind=${kind}`, { method: 'POST' });
        message = `Snapshot ${started.id} started.`;
        announce(message);
      });
      await load();
    };

    const verify = async () => {
      verifying = true;
      draw();
      error = await attempt(async () => {
        report = await archive('/v1/admin/archive/verify');
      });
      verifying = false;
      draw();
    };

    const restoreRows = () => (restores ?? []).map((job) => html`<tr data-restore=${job.id}>
      <td><code>${job.id.slice(0, 8)}</code></td>
      <td>${job.request.topic}${job.request.target && job.request.target !== job.request.topic
    ? html` → ${job.request.target}` : ''}</td>
      <td>${badge(job.state, TONE[job.state])}${job.error ? html`<div>${job.error}</div>` : ''}</td>
      <td>${progress(job.progress, `Restore ${job.id.slice(0, 8)}`)}
        <div>${job.recordsRestored} of ${job.records} records</div></td>
      <td>${when(job.createdAt)}</td>
      <td>${job.owner ?? '—'}</td>
    </tr>`);

    const snapshotRows = () => (snapshots ?? []).map((snapshot) => html`<tr>
      <td><code>${snapshot.id}</code></td>
      <td>${snapshot.kind}${snapshot.base ? html` on <code>${snapshot.base}</code>` : ''}</td>
      <td>${badge(snapshot.state, snapshot.state === 'DONE' ? 'good' : snapshot.state === 'FAILED' ? 'bad' : 'warn')}
        ${snapshot.reason ? html`<div>${snapshot.reason}</div>` : ''}</td>
      <td><details><summary>${Object.keys(snapshot.objects ?? {}).length} object(s)</summary>
        <table><thead><tr><th scope="col">Object</th><th scope="col">Records</th><th scope="col">Deleted</th>
          <th scope="col">High-water mark</th><th scope="col">Parts</th><th scope="col">API calls</th></tr></thead>
        <tbody>${Object.values(snapshot.objects ?? {}).map((o) => html`<tr><td>${o.object}</td><td>${o.records}</td>
          <td>${o.deleted}</td><td>${when(o.highWaterMark)}</td><td>${o.parts?.length ?? 0}</td><td>${o.apiCalls}</td></tr>`)}
        </tbody></table></details></td>
      <td>${when(snapshot.startedAt)}</td>
      <td>${when(snapshot.finishedAt)}</td>
    </tr>`);

    const reportTable = () => (report ? html`
      <p>${report.ok ? badge('The archive holds every committed record once', 'good')
    : badge('Holes, overlaps or mismatches found', 'bad')}</p>
      <table id="verify-report"><thead><tr><th scope="col">Topic</th><th scope="col">Archived records</th>
        <th scope="col">Not archived yet</th><th scope="col">Holes</th><th scope="col">Overlaps</th></tr></thead>
      <tbody>${report.topics.map((t) => html`<tr><td>${t.topic}</td>
        <td>${t.partitions.reduce((s, p) => s + p.records, 0)}</td>
        <td>${t.partitions.reduce((s, p) => s + p.pending, 0)}</td>
        <td>${t.partitions.reduce((s, p) => s + p.holes.length, 0)}</td>
        <td>${t.partitions.reduce((s, p) => s + p.overlaps.length, 0)}</td></tr>`)}</tbody></table>` : '');

    const draw = () => render(html`
      <h1 tabindex="-1">Archive</h1>
      ${problem(error)}
      ${message ? html`<p class="note" id="archive-message">${message}</p>` : ''}
      <section aria-labelledby="restores-heading">
        <h2 id="restores-heading">Restores</h2>
        <form class="filters" @submit=${startRestore}>
          <label>Topic <input name="topic" required placeholder="governor.records.v1"></label>
          <label>Into topic <input name="target" placeholder="the same topic"></label>
          <label>From <input type="datetime-local" name="from"></label>
          <label>To <input type="datetime-local" name="to"></label>
          <label>Records a second <input type="number" name="ratePerSecond" min="1" placeholder="default"></label>
          <button type="submit" value="count">Count</button>
          <button type="submit" value="start" class="primary">Start restore</button>
        </form>
        ${plan ? html`<p class="note" id="restore-plan">A restore would write ${plan.records} record(s),
          ${plan.bytes} bytes, from ${plan.objects.length} archive object(s).</p>` : ''}
        ${restores === null ? html`<p>Loading…</p>` : restores.length === 0 ? html`<p>No restores yet.</p>` : html`
          <table id="restores"><thead><tr><th scope="col">Restore</th><th scope="col">Topic</th><th scope="col">State</th>
            <th scope="col">Progress</th><th scope="col">Started</th><th scope="col">Run by</th></tr></thead>
          <tbody>${restoreRows()}</tbody></table>`}
      </section>
      <section aria-labelledby="snapshots-heading">
        <h2 id="snapshots-heading">Snapshots</h2>
        <div class="buttons">
          <button type="button" @click=${() => takeSnapshot('full')}>Take a full snapshot</button>
          <button type="button" @click=${() => takeSnapshot('incremental')}>Take an incremental snapshot</button>
        </div>
        ${snapshots === null ? html`<p>Loading…</p>` : snapshots.length === 0 ? html`<p>No snapshots yet.</p>` : html`
          <table id="snapshots"><thead><tr><th scope="col">Snapshot</th><th scope="col">Kind</th><th scope="col">State</th>
            <th scope="col">Manifest</th><th scope="col">Started</th><th scope="col">Finished</th></tr></thead>
          <tbody>${snapshotRows()}</tbody></table>`}
      </section>
      <section aria-labelledby="verify-heading">
        <h2 id="verify-heading">Archive check</h2>
        <p>Compares what S3 holds with each topic: every committed record archived once, none missing.</p>
        <button type="button" ?disabled=${verifying} @click=${verify}>${verifying ? 'Checking…' : 'Check the archive'}</button>
        ${reportTable()}
      </section>`, container);

    draw();
    load();
    return () => clearTimeout(timer);
  },
};
