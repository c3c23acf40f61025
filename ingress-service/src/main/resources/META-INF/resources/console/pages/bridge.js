// The event bridge: the Salesforce subscriptions it relays into Kafka (checkpoint, how far behind, who
// relays, gaps), and the events it could not publish to Salesforce, with the reason, by route, replayed one
// at a time, a selection, or all shown, after a confirmation.

import { html, render } from '/_static/lit-html/lit-html.js';
import { bridge, query } from '../api.js';
import { Selection, replayConfirmed } from '../replay.js';
import { badge, problem, when } from '../view.js';

export default {
  path: 'bridge',
  title: 'Event bridge',

  mount(container, params, { attempt }) {
    let route = '';
    let subscriptions = null;
    let events = null;
    let error = null;
    let message = '';
    const selected = new Selection(() => draw());

    const load = async () => {
      error = await attempt(async () => {
        [subscriptions, events] = await Promise.all([
          bridge('/v1/admin/bridge/subscriptions'),
          bridge(`/v1/admin/dead-events${query({ limit: 1000, route })}`),
        ]);
        selected.keepListed(events);
      });
      draw();
    };

    const replay = async (ids, what) => {
      error = await attempt(async () => {
        const said = await replayConfirmed(ids, what,
          'event(s) go back through their routes; one already in Salesforce is not published twice.',
          (request) => bridge('/v1/admin/dead-events/replay', request));
        if (said) {
          message = said;
          selected.clear();
        }
      });
      await load();
    };

    const table = () => {
      if (!events) {
        return html`<p>Loading…</p>`;
      }
      if (!events.length) {
        return html`<p>No dead events${route ? ` on route ${route}` : ''}.</p>`;
      }
      return html`
        <p>${events.length} dead event(s).</p>
        <div class="buttons">
          <button type="button" ?disabled=${!selected.size}
            @click=${() => replay(selected.all(), 'the selected dead events')}>Replay selected (${selected.size})</button>
          <button type="button" @click=${() => replay(events.map((e) => e.id), 'every dead event shown')}>
            Replay all ${events.length} shown</button>
        </div>
        <table>
          <caption class="visually-hidden">Dead events</caption>
          <thead><tr><th scope="col"><span class="visually-hidden">Select</span></th><th scope="col">Route</th>
            <th scope="col">Source id</th><th scope="col">Reason</th><th scope="col">Dead since</th>
            <th scope="col"><span class="visually-hidden">Action</span></th></tr></thead>
          <tbody>${events.map((event) => html`<tr>
            <td><input type="checkbox" aria-label=${`Select dead event ${event.id}`} .checked=${selected.has(event.id)}
              @change=${(e) => selected.toggle(event.id, e.target.checked)}></td>
            <td>${event.route ?? '—'}</td>
            <td>${event.sourceId ?? '—'}</td>
            <td><details><summary>${event.reason}</summary><dl>
              <dt>From</dt><dd>${event.origin}</dd>
              <dt>Source time</dt><dd>${when(event.sourceTime)}</dd>
              <dt>Body</dt><dd><pre>${event.body ?? ''}</pre></dd></dl></details></td>
            <td>${when(event.deadAt)}</td>
            <td><button type="button" @click=${() => replay([event.id], `dead event ${event.id}`)}>Replay</button></td>
          </tr>`)}</tbody>
        </table>`;
    };

    const subscriptionTable = () => {
      if (!subscriptions) {
        return html`<p>Loading…</p>`;
      }
      if (!subscriptions.length) {
        return html`<p>No subscriptions are configured.</p>`;
      }
      return html`<table id="subscriptions"><thead><tr><th scope="col">Subscription</th><th scope="col">Channel → topic</th>
        <th scope="col">Relayed by</th><th scope="col">Checkpoint</th><th scope="col">Behind</th><th scope="col">Gaps</th></tr></thead>
        <tbody>${subscriptions.map((s) => html`<tr>
          <td>${s.name}<div>${badge(s.here.replace(/_/g, ' ').toLowerCase(), s.here === 'RELAYING' ? 'good'
    : s.here === 'STANDBY' ? 'neutral' : 'warn')} here</div></td>
          <td><code>${s.channel}</code> → <code>${s.topic}</code><div>offset ${s.topicEndOffset}</div></td>
          <td>${s.relayedBy ?? badge('No replica', 'bad')}</td>
          <td>${s.replayId ? html`<code>${s.replayId}</code><div>${when(s.checkpointAt)}</div>` : 'none yet'}</td>
          <td>${s.secondsBehind === null ? '—' : `${s.secondsBehind} s`}</td>
          <td>${s.gapCount === 0 ? badge('None', 'good') : html`<details><summary>${badge(`${s.gapCount}`, 'bad')}
            ${s.gapCount > s.gaps.length ? `(latest ${s.gaps.length})` : ''}</summary>
            <ul>${s.gaps.map((g) => html`<li><strong>${g.kind}</strong> ${when(g.detectedAt)}: ${g.reason ?? g.reconcile ?? ''}
              ${g.from ? html`(from ${when(g.from)} to ${when(g.to)})` : ''}</li>`)}</ul></details>`}</td>
        </tr>`)}</tbody></table>`;
    };

    const draw = () => render(html`
      <h1 tabindex="-1">Event bridge</h1>
      <h2>Subscriptions</h2>
      ${subscriptionTable()}
      <h2>Dead events</h2>
      <form class="filters" @submit=${(e) => { e.preventDefault(); route = new FormData(e.target).get('route').trim(); load(); }}>
        <label>Route <input name="route" .value=${route}></label>
        <button type="submit">Filter</button>
      </form>
      ${message ? html`<p class="note">${message}</p>` : ''}
      ${problem(error)}
      ${table()}`, container);

    draw();
    load();
    return () => {};
  },
};
