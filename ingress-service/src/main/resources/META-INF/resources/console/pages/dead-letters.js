// Record writes Salesforce refused for good, with its error and the record, filtered by object, error code
// and time; replayed one at a time, a selection, or all that match the filter, after a confirmation.

import { html, render } from '/_static/lit-html/lit-html.js';
import { delivery, query } from '../api.js';
import { Selection, replayConfirmed } from '../replay.js';
import { badge, problem, when } from '../view.js';

const LIMIT = 1000;

function instant(local) {
  return local ? new Date(local).toISOString() : '';
}

export default {
  path: 'dead-letters',
  title: 'Dead letters',

  mount(container, params, { attempt }) {
    const filter = { sobject: '', errorCode: '', from: '', to: '', includeReplayed: false };
    let letters = null;
    let error = null;
    let message = '';
    const selected = new Selection(() => draw());
    let busy = false;

    const load = async () => {
      error = await attempt(async () => {
        letters = await delivery(`/v1/admin/dead-letters${query({
          limit: LIMIT,
          includeReplayed: filter.includeReplayed,
          sobject: filter.sobject,
          errorCode: filter.errorCode,
          from: instant(filter.from),
          to: instant(filter.to),
        })}`);
        selected.keepListed(letters);
      });
      draw();
    };

    const replay = async (ids, what) => {
      busy = true;
      draw();
      error = await attempt(async () => {
        const said = await replayConfirmed(ids, what,
          'record write(s) go back on the records topic with their tracking ids and original versions;'
            + ' a newer version written since wins over a replayed one.',
          (request) => delivery('/v1/admin/dead-letters/replay', request));
        if (said) {
          message = said;
          selected.clear();
        }
      });
      busy = false;
      await load();
    };

    const onFilter = (event) => {
      event.preventDefault();
      const form = new FormData(event.target);
      filter.sobject = form.get('sobject').trim();
      filter.errorCode = form.get('errorCode').trim();
      filter.from = form.get('from');
      filter.to = form.get('to');
      filter.includeReplayed = form.get('includeReplayed') === 'on';
      message = '';
      load();
    };

    const row = (letter) => html`<tr>
      <td><input type="checkbox" aria-label=${`Select dead letter ${letter.id}`} .checked=${selected.has(letter.id)}
        ?disabled=${letter.replayed} @change=${(e) => selected.toggle(letter.id, e.target.checked)}></td>
      <td>${letter.sobject}</td>
      <td><code>${letter.externalIdField}</code> = ${letter.externalId}</td>
      <td>${badge(letter.errorCode ?? 'unknown', 'bad')}</td>
      <td>
        <details>
          <summary>${letter.reason}</summary>
          <dl>
            ${letter.fields?.length ? html`<dt>Fields named</dt><dd>${letter.fields.join(', ')}</dd>` : ''}
            <dt>Attempts</dt><dd>${letter.attempts ?? '—'}</dd>
            <dt>Tracking id</dt><dd><a href=${`#/requests/${encodeURIComponent(letter.trackingId)}`}>${letter.trackingId}</a></dd>
            <dt>Record</dt><dd><pre>${JSON.stringify(letter.record ?? {}, null, 2)}</pre></dd>
            <dt>Topic position</dt><dd><code>${letter.id}</code></dd>
          </dl>
        </details>
      </td>
      <td>${when(letter.deadLetteredAt)}</td>
      <td>${letter.replayed ? badge('Replayed', 'neutral')
    : html`<button type="button" ?disabled=${busy} @click=${() => replay([letter.id], `dead letter ${letter.id}`)}>Replay</button>`}</td>
    </tr>`;

    const table = () => {
      if (!letters) {
        return html`<p>Loading…</p>`;
      }
      if (!letters.length) {
        return html`<p id="dead-letter-count">No dead letters match.</p>`;
      }
      const open = letters.filter((l) => !l.replayed).map((l) => l.id);
      return html`
        <p id="dead-letter-count">${letters.length} dead letter(s) match${letters.length >= LIMIT ? ' (the first 1000)' : ''}.</p>
        <div class="buttons">
          <button type="button" ?disabled=${busy || !selected.size}
            @click=${() => replay(selected.all(), 'the selected dead letters')}>Replay selected (${selected.size})</button>
          <button type="button" ?disabled=${busy || !open.length}
            @click=${() => replay(open, 'every dead letter that matches')}>Replay all ${open.length} that match</button>
        </div>
        <table>
          <caption class="visually-hidden">Dead letters</caption>
          <thead><tr><th scope="col"><span class="visually-hidden">Select</span></th><th scope="col">Object</th>
            <th scope="col">Record</th><th scope="col">Error</th><th scope="col">Salesforce said</th>
            <th scope="col">Dead-lettered</th><th scope="col"><span class="visually-hidden">Action</span></th></tr></thead>
          <tbody>${letters.map(row)}</tbody>
        </table>`;
    };

    const draw = () => render(html`
      <h1 tabindex="-1">Dead letters</h1>
      <form class="filters" @submit=${onFilter}>
        <label>Object <input name="sobject" .value=${filter.sobject} placeholder="Account"></label>
        <label>Error code <input name="errorCode" .value=${filter.errorCode} placeholder="REQUIRED_FIELD_MISSING"></label>
        <label>From <input type="datetime-local" name="from" .value=${filter.from}></label>
        <label>To <input type="datetime-local" name="to" .value=${filter.to}></label>
        <label class="inline"><input type="checkbox" name="includeReplayed" .checked=${filter.includeReplayed}> Include replayed</label>
        <button type="submit">Filter</button>
      </form>
      ${message ? html`<p class="note" id="dead-letter-message">${message}</p>` : ''}
      ${problem(error)}
      ${table()}`, container);

    draw();
    load();
    return () => {};
  },
};
