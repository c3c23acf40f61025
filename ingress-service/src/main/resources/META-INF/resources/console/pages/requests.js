// One accepted record write by its tracking id: where it is now, and what Salesforce said. Followed every
// two seconds until it is final.

import { html, render } from '/_static/lit-html/lit-html.js';
import { ingress } from '../api.js';
import { badge, problem, when } from '../view.js';

const FOLLOW_MS = 2000;
const FINAL = new Set(['DELIVERED', 'DEAD_LETTERED', 'SUPERSEDED']);
const TONE = { DELIVERED: 'good', DEAD_LETTERED: 'bad', RETRYING: 'warn', ACCEPTED: 'neutral', SUPERSEDED: 'neutral' };

export default {
  path: 'requests',
  title: 'Requests',

  mount(container, params, lost) {
    const trackingId = params[0] ?? '';
    let status = null;
    let error = null;
    let timer = null;

    const load = async () => {
      if (!trackingId) {
        return;
      }
      try {
        status = await ingress(`/v1/records/${encodeURIComponent(trackingId)}`);
        error = null;
      } catch (e) {
        if (lost(e)) {
          return;
        }
        error = e;
      }
      draw();
      if (status && !FINAL.has(status.status)) {
        timer = setTimeout(load, FOLLOW_MS);
      }
    };

    const onFind = (event) => {
      event.preventDefault();
      const id = new FormData(event.target).get('trackingId').trim();
      if (id) {
        location.hash = `#/requests/${encodeURIComponent(id)}`;
      }
    };

    const details = () => {
      if (!status) {
        return trackingId && !error ? html`<p>Loading…</p>` : '';
      }
      return html`<dl class="facts" id="request-status">
        <dt>Status</dt><dd>${badge(status.status, TONE[status.status])}</dd>
        <dt>Operation</dt><dd>${status.operation ?? '—'}</dd>
        <dt>Record</dt><dd>${status.sobject} <code>${status.externalIdField}</code> = ${status.externalId}</dd>
        <dt>Caller</dt><dd>${status.caller ?? '—'}</dd>
        <dt>Accepted</dt><dd>${when(status.acceptedAt)}</dd>
        <dt>Last change</dt><dd>${when(status.updatedAt)}</dd>
        <dt>Salesforce id</dt><dd>${status.salesforceId ?? '—'}</dd>
        <dt>Attempts</dt><dd>${status.attempts ?? '—'}</dd>
        ${status.error ? html`<dt>Error</dt><dd>${status.error.code}: ${status.error.message}
          ${status.error.fields?.length ? html`(${status.error.fields.join(', ')})` : ''}</dd>` : ''}
      </dl>`;
    };

    const draw = () => render(html`
      <h1 tabindex="-1">Requests</h1>
      <form class="filters" @submit=${onFind}>
        <label>Tracking id <input name="trackingId" .value=${trackingId} size="40" required></label>
        <button type="submit">Find</button>
      </form>
      ${problem(error)}
      ${details()}`, container);

    draw();
    load();
    return () => clearTimeout(timer);
  },
};
