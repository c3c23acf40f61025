// Small pieces every page draws with: times, states, problems, progress and the confirmation dialog.

import { html, nothing } from '/_static/lit-html/lit-html.js';
import { ApiError } from './api.js';

export function when(instant) {
  if (!instant) {
    return '—';
  }
  const date = new Date(instant);
  return html`<time datetime=${date.toISOString()}>${date.toLocaleString()}</time>`;
}

/** A state as a labelled badge: the word carries the meaning, the colour only repeats it. */
export function badge(text, tone = 'neutral') {
  return html`<span class="badge badge-${tone}">${text}</span>`;
}

/** What went wrong, as the service said it. */
export function problem(error) {
  if (!error) {
    return nothing;
  }
  if (error instanceof ApiError && error.status === 403) {
    return html`<div class="problem" role="alert"><strong>Not allowed (403):</strong> this sign-in lacks the
      <code>governor:admin</code> scope, so the console shows nothing here and can do nothing.</div>`;
  }
  const status = error instanceof ApiError ? ` (${error.status})` : '';
  const type = error instanceof ApiError && error.problem?.type ? html` <code>${error.problem.type}</code>` : nothing;
  return html`<div class="problem" role="alert"><strong>Could not load${status}:</strong> ${error.message}${type}</div>`;
}

export function progress(fraction, label) {
  const percent = Math.round((fraction ?? 0) * 100);
  return html`<label class="progress">
    <span class="visually-hidden">${label}</span>
    <progress max="100" value=${percent}>${percent} %</progress>
    <span aria-hidden="true">${percent} %</span>
  </label>`;
}

/**
 * Asks before an action that changes something, saying what and how many; resolves true only when the
 * operator confirms. Keyboard: the dialog takes focus, Escape cancels.
 */
export function confirmAction(question, detail, action) {
  return new Promise((resolve) => {
    const dialog = document.createElement('dialog');
    dialog.className = 'confirm';
    dialog.setAttribute('aria-labelledby', 'confirm-question');
    const heading = document.createElement('h2');
    heading.id = 'confirm-question';
    heading.textContent = question;
    const text = document.createElement('p');
    text.textContent = detail;
    const yes = document.createElement('button');
    yes.textContent = action;
    yes.className = 'primary';
    const no = document.createElement('button');
    no.textContent = 'Cancel';
    const buttons = document.createElement('div');
    buttons.className = 'buttons';
    buttons.append(yes, no);
    dialog.append(heading, text, buttons);
    document.body.append(dialog);
    const close = (answer) => {
      dialog.close();
      dialog.remove();
      resolve(answer);
    };
    yes.addEventListener('click', () => close(true));
    no.addEventListener('click', () => close(false));
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      close(false);
    });
    dialog.showModal();
    no.focus();
  });
}

/** Tells screen readers what just happened (the page also shows it). */
export function announce(text) {
  const announcer = document.getElementById('announcer');
  if (announcer) {
    announcer.textContent = text;
  }
}
