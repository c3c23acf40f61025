// Accepted record writes, found by tracking id (#/requests/<id>) or by the record's external id
// (#/requests/record/<object>/<field>/<id>): where each is now, what Salesforce said, and every state it
// passed through. Followed every two seconds until all shown are final.

import { html, render } from '/_static/lit-html/lit-html.js';
import { ingress, query } from '../api.js';
import { badge, problem, when } from '../view.js';

const FOLLOW_MS = 2000;
const FINAL = new Set(['DELIVERED', 'DEAD_LETTERED', 'SUPERSEDED']);
const TONE = { DELIVERED: 'good', DEAD_LETTERED: 'bad', RETRYING: 'warn', ACCEPTED: 'neutral', SUPERSEDED: 'neutral' };
const BY_RECORD = 'record';

function state(status) {
  return badge(status, TONE[status]);
}

function history(steps) {
  return html`<ol class="history">${steps.map((s) => html`<li>${state(s.status)} ${when(s.at)}
    ${s.attempts ? html`<span>attempt ${s.attempts}</span>` : ''}
    ${s.errorCode ? html`<code>${s.errorCode}</code>` : ''}</li>`)}</ol>`;
}

function facts(status) {
  return html`<dl class="facts" id="request-status">
    <dt>Status</dt><dd>${state(status.status)}</dd>
    <dt>Operation</dt><dd>${status.operation ?? '—'}</dd>
    <dt>Record</dt><dd>${status.sobject} <code>${status.externalIdField}</code> = ${status.externalId}</dd>
    <dt>Caller</dt><dd>${status.caller ?? '—'}</dd>
    <dt>Accepted</dt><dd>${when(status.acceptedAt)}</dd>
    <dt>Last change</dt><dd>${when(status.updatedAt)}</dd>
    <dt>Salesforce id</dt><dd>${status.salesforceId ?? '—'}</dd>
    <dt>Attempts</dt><dd>${status.attempts ?? '—'}</dd>
    ${status.error ? html`<dt>Error</dt><dd>${status.error.statusCode}: ${status.error.message}
      ${status.error.fields?.length ? html`(${status.error.fields.join(', ')})` : ''}</dd>` : ''}
    <dt>History</dt><dd>${history(status.history ?? [])}</dd>
  </dl>`;
}

function writesTable(writes) {
  if (!writes.length) {
    return html`<p id="record-writes">No accepted write of this record is held (status is kept for the
      status TTL after its last change).</p>`;
  }
  return html`<table id="record-writes">
    <caption>${writes.length} write(s) of this record, newest first</caption>
    <thead><tr><th scope="col">Tracking id</th><th scope="col">Status</th><th scope="col">Caller</th>
      <th scope="col">External id as sent</th><th scope="col">Accepted</th><th scope="col">History</th></tr></thead>
    <tbody>${writes.map((w) => html`<tr>
      <td><a href="#/requests/${encodeURIComponent(w.trackingId)}"><code>${w.trackingId}</code></a></td>
      <td>${state(w.status)}${w.error ? html` <code>${w.error.statusCode}</code>` : ''}</td>
      <td>${w.caller ?? '—'}</td>
      <td>${w.externalId}</td>
      <td>${when(w.acceptedAt)}</td>
      <td>${history(w.history ?? [])}</td>
    </tr>`)}</tbody>
  </table>`;
}

export default {
  path: 'requests',
  title: 'Requests',

  mount(container, params, { attempt }) {
    const byRecord = params[0] === BY_RECORD;
    const trackingId = byRecord ? '' : (params[0] ?? '');
    const [sobject = '', externalIdField = '', externalId = ''] = byRecord ? params.slice(1) : [];
    let found = null;
    let error = null;
    let timer = null;

    const fetchShown = async () => (byRecord
      ? (await ingress(`/v1/records${query({ sobject, externalIdField, externalId })}`)).writes
      : [await ingress(`/v1/records/${encodeURIComponent(trackingId)}`)]);

    const load = async () => {
      if (!trackingId && !externalId) {
        return;
      }
      error = await attempt(async () => {
        found = await fetchShown();
      });
      draw();
      if (found && found.some((w) => !FINAL.has(w.status))) {
        timer = setTimeout(load, FOLLOW_MS);
      }
    };

    const onFindId = (event) => {
      event.preventDefault();
      const id = new FormData(event.target).get('trackingId').trim();
      if (id) {
        location.hash = `#/requests/${encodeURIComponent(id)}`;
      }
    };

    const onFindRecord = (event) => {
      event.preventDefault();
      const form = new FormData(event.target);
      const parts = ['sobject', 'externalIdField', 'externalId'].map((name) => form.get(name).trim());
      if (parts.every(Boolean)) {
        location.hash = `#/requests/${BY_RECORD}/${parts.map(encodeURIComponent).join('/')}`;
      }
    };

    const shown = () => {
      if (!found) {
        return (trackingId || externalId) && !error ? html`<p>Loading…</p>` : '';
      }
      return byRecord ? writesTable(found) : facts(found[0]);
    };

    const draw = () => render(html`
      <h1 tabindex="-1">Requests</h1>
      <form class="filters" id="tracking-search" @submit=${onFindId}>
        <label>Tracking id <input name="trackingId" .value=${trackingId} size="40" required></label>
        <button type="submit">Find</button>
      </form>
      <form class="filters" id="record-search" @submit=${onFindRecord} aria-label="Find a record's writes">
        <label>Object <input name="sobject" .value=${sobject} size="16" required></label>
        <label>External id field <input name="externalIdField" .value=${externalIdField} size="20" required></label>
        <label>External id <input name="externalId" .value=${externalId} size="24" required></label>
        <button type="submit">Find writes</button>
      </form>
      ${problem(error)}
      ${shown()}`, container);

    draw();
    load();
    return () => clearTimeout(timer);
  },
};
