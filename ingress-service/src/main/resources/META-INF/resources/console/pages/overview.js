// What an operator looks at first: is delivery running, what waits on the dead-letter topics, what the
// archive has still to take, and what restores are under way. Refreshed every few seconds.

import { html, render } from '/_static/lit-html/lit-html.js';
import { archive, bridge, delivery, ingress } from '../api.js';
import { announce, badge, confirmAction, problem, progress } from '../view.js';

const REFRESH_MS = 10000;
const SECOND_INTAKE_READING_MS = 2000;

/** Accepted writes a second between two readings of the intake count, or undefined without both. */
const rateBetween = (previous, current) => (previous && current
  ? (current.acceptedWrites - previous.acceptedWrites)
    / Math.max(1, (new Date(current.at) - new Date(previous.at)) / 1000)
  : undefined);

// Checking the archive against every topic lists S3: once a minute is enough for a lag figure.
const ARCHIVE_EVERY = 6;

async function settle(promise) {
  try {
    return { value: await promise };
  } catch (error) {
    return { error };
  }
}

export default {
  path: 'overview',
  title: 'Overview',

  mount(container, params, { attempt, lost }) {
    let state = {};
    let acting = false;
    let loads = 0;

    const load = async () => {
      const checkArchive = loads % ARCHIVE_EVERY === 0;
      loads += 1;
      const [intake, subscriptions, publishing, deliveryState, deadLetters, deadEvents, restores, verify] = await Promise.all([
        settle(ingress('/v1/admin/intake')),
        settle(bridge('/v1/admin/bridge/subscriptions')),
        settle(bridge('/v1/admin/bridge/publishing')),
        settle(delivery('/v1/admin/delivery')),
        settle(delivery('/v1/admin/dead-letters/count')),
        settle(bridge('/v1/admin/dead-events/count')),
        settle(archive('/v1/admin/archive/restores')),
        checkArchive ? settle(archive('/v1/admin/archive/verify')) : Promise.resolve(state.verify),
      ]);
      const all = [intake, subscriptions, publishing, deliveryState, deadLetters, deadEvents, restores, verify];
      if (all.some((r) => r?.error && lost(r.error))) {
        return;
      }
      const rate = rateBetween(state.intake?.value, intake.value) ?? state.rate;
      state = { intake, rate, subscriptions, publishing, deliveryState, deadLetters, deadEvents, restores, verify };
      draw();
    };

    // The rate needs two readings; the second of them comes soon after the first, not a refresh later.
    const readIntakeAgain = async () => {
      const intake = await settle(ingress('/v1/admin/intake'));
      if (!state.intake?.value || (intake.error && lost(intake.error))) {
        return;
      }
      state = { ...state, intake, rate: rateBetween(state.intake.value, intake.value) ?? state.rate };
      draw();
    };

    const act = async (verb) => {
      if (verb === 'pause' && !await confirmAction('Pause delivery?',
        'Delivery stops taking records and retries; Kafka keeps the backlog and batches in flight finish.',
        'Pause delivery')) {
        return;
      }
      acting = true;
      draw();
      const error = await attempt(async () => {
        const answer = await delivery(`/v1/admin/delivery/${verb}`, { method: 'POST' });
        // the answer says the new pause state; the figures beside it are kept until the next reading
        state.deliveryState = { value: { ...state.deliveryState?.value, ...answer,
          backlog: state.deliveryState?.value?.backlog, budget: state.deliveryState?.value?.budget } };
        announce(verb === 'pause' ? 'Delivery paused' : 'Delivery resumed');
      });
      if (error) {
        state.deliveryState = { error };
      }
      acting = false;
      draw();
    };

    const deliveryCard = ({ value, error }) => {
      if (error) {
        return problem(error);
      }
      if (!value) {
        return html`<p>Loading…</p>`;
      }
      const operatorPaused = value.reasons.includes('OPERATOR');
      return html`
        <p id="delivery-state">${value.paused ? badge('Paused', 'warn') : badge('Delivering', 'good')}
          ${value.reasons.length ? html`<span>(${value.reasons.join(', ').toLowerCase().replace(/_/g, ' ')})</span>` : ''}</p>
        ${value.heldBecause ? html`<p>Writes held: ${value.heldBecause}</p>` : ''}
        ${operatorPaused
    ? html`<button type="button" class="primary" ?disabled=${acting} @click=${() => act('resume')}>Resume delivery</button>`
    : html`<button type="button" ?disabled=${acting} @click=${() => act('pause')}>Pause delivery</button>`}`;
    };

    const ready = (result, draw) => {
      if (result?.error) {
        return problem(result.error);
      }
      return result?.value ? draw(result.value) : html`<p>Loading…</p>`;
    };

    const intakeCard = () => ready(state.intake, (value) => html`
      <p class="figure" id="intake-rate">${state.rate === undefined ? '…' : state.rate.toFixed(1)} writes/s</p>
      <p>${value.acceptedWrites} accepted in all</p>`);

    const backlogCard = () => ready(state.deliveryState, (value) => html`
      <p class="figure" id="backlog">${value.backlog ?? '—'}</p><p>writes waiting for delivery</p>`);

    const budgetCard = () => ready(state.deliveryState, (value) => {
      const budget = value.budget;
      if (!budget) {
        return html`<p>Salesforce has not reported the org's usage yet.</p>`;
      }
      const held = budget.used >= budget.stopsAt;
      return html`
        ${progress(budget.used / budget.max, 'Daily API calls used')}
        <p id="budget">${budget.used} of ${budget.max} calls today</p>
        <p>Governor stops at ${budget.stopsAt}, leaving ${Math.round(budget.reserveRatio * 100)} % to others
          ${held ? badge('Reserve reached', 'bad') : budget.used / budget.max > 0.8 ? badge('Past 80 %', 'warn') : ''}</p>`;
    });

    const eventsCard = () => html`
      ${ready(state.subscriptions, (subscriptions) => {
    const relaying = subscriptions.filter((s) => s.relayedBy).length;
    const behind = Math.max(0, ...subscriptions.map((s) => s.secondsBehind ?? 0));
    return html`<p><strong>Salesforce → Kafka:</strong> ${relaying} of ${subscriptions.length} subscription(s)
          relayed${subscriptions.length ? html`, furthest checkpoint ${behind} s ago` : ''}</p>`;
  })}
      ${ready(state.publishing, (publishing) => html`<p><strong>→ Salesforce:</strong> ${publishing.published}
        Platform Events published in the last ${Math.round(publishing.windowSeconds / 60)} min, of ${publishing.allowed}
        allowed</p>`)}`;

    const count = ({ value, error }, unit, link) => {
      if (error) {
        return problem(error);
      }
      if (!value) {
        return html`<p>Loading…</p>`;
      }
      const n = value.capped ? `${value.count} or more` : value.count;
      return html`<p class="figure"><a href=${link}>${n}</a> ${unit}</p>`;
    };

    const archiveCard = ({ value, error }) => {
      if (error) {
        return problem(error);
      }
      if (!value) {
        return html`<p>Loading…</p>`;
      }
      const pending = value.topics.flatMap((t) => t.partitions).reduce((sum, p) => sum + p.pending, 0);
      return html`<p class="figure">${pending}</p><p>records on ${value.topics.length} topic(s) not archived yet</p>
        <p>${value.ok ? badge('No holes', 'good') : badge('Holes or overlaps', 'bad')}</p>`;
    };

    const restoresCard = ({ value, error }) => {
      if (error) {
        return problem(error);
      }
      if (!value) {
        return html`<p>Loading…</p>`;
      }
      const running = value.filter((j) => j.state === 'RUNNING').length;
      return html`<p class="figure"><a href="#/archive">${running}</a> running</p><p>${value.length} in all</p>`;
    };

    const draw = () => render(html`
      <h1 tabindex="-1">Overview</h1>
      <div class="cards">
        <section class="card" aria-labelledby="intake-heading">
          <h2 id="intake-heading">Intake</h2>${intakeCard()}</section>
        <section class="card" aria-labelledby="delivery-heading">
          <h2 id="delivery-heading">Delivery</h2>${deliveryCard(state.deliveryState ?? {})}</section>
        <section class="card" aria-labelledby="backlog-heading">
          <h2 id="backlog-heading">Backlog</h2>${backlogCard()}</section>
        <section class="card" aria-labelledby="budget-heading">
          <h2 id="budget-heading">API budget</h2>${budgetCard()}</section>
        <section class="card" aria-labelledby="events-heading">
          <h2 id="events-heading">Events each way</h2>${eventsCard()}</section>
        <section class="card" aria-labelledby="dead-letters-heading">
          <h2 id="dead-letters-heading">Dead letters</h2>
          ${count(state.deadLetters ?? {}, 'record writes not yet replayed', '#/dead-letters')}</section>
        <section class="card" aria-labelledby="dead-events-heading">
          <h2 id="dead-events-heading">Dead events</h2>
          ${count(state.deadEvents ?? {}, 'events not yet replayed', '#/bridge')}</section>
        <section class="card" aria-labelledby="archive-heading">
          <h2 id="archive-heading">Archive lag</h2>${archiveCard(state.verify ?? {})}</section>
        <section class="card" aria-labelledby="restores-heading">
          <h2 id="restores-heading">Restores</h2>${restoresCard(state.restores ?? {})}</section>
      </div>`, container);

    draw();
    load();
    const soon = setTimeout(readIntakeAgain, SECOND_INTAKE_READING_MS);
    const timer = setInterval(load, REFRESH_MS);
    return () => {
      clearTimeout(soon);
      clearInterval(timer);
    };
  },
};
