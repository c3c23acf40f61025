// The console's shell: signing in, the page list, and drawing the page the address names (#/page/…).

import { html, render } from '/_static/lit-html/lit-html.js';
import { claims, completeSignIn, currentToken, forget, signIn } from './auth.js';
import { SignInNeeded } from './api.js';
import overview from './pages/overview.js';
import requests from './pages/requests.js';
import deadLetters from './pages/dead-letters.js';
import bridge from './pages/bridge.js';
import archive from './pages/archive.js';

const PAGES = [overview, requests, deadLetters, bridge, archive];

let stopPage = () => {};

function route() {
  const [, name, ...rest] = location.hash.split('/');
  const page = PAGES.find((p) => p.path === name) ?? overview;
  return { page, params: rest.map(decodeURIComponent) };
}

function drawShell(current) {
  render(html`<ul>${PAGES.map((p) => html`<li><a href="#/${p.path}"
      aria-current=${p === current ? 'page' : 'false'}>${p.title}</a></li>`)}</ul>`,
  document.getElementById('nav'));
  const token = currentToken();
  render(token
    ? html`<span>Signed in as <strong>${claims(token).sub ?? 'an operator'}</strong></span>
        <button type="button" @click=${() => { forget(); show(); }}>Sign out</button>`
    : html``, document.getElementById('who'));
}

function signInPage(error) {
  return html`<h1 tabindex="-1">Sign in</h1>
    ${error ? html`<div class="problem" role="alert">${error.message}</div>` : ''}
    <p>The console shows what Governor holds and acts through the same admin APIs as curl does. It needs
      a sign-in with the <code>governor:admin</code> scope.</p>
    <button type="button" class="primary" @click=${() => signIn().catch((e) => show(e))}>Sign in</button>`;
}

/** Pages report a lost sign-in here; anything else they show themselves. */
function lost(error) {
  if (error instanceof SignInNeeded) {
    show();
    return true;
  }
  return false;
}

/**
 * Runs a page's API calls: answers null when they went through, or the error to show. When they found the
 * sign-in lost, the shell shows the sign-in page instead and the answer never comes: that page is gone, so
 * nothing after the call runs (no redraw into it, no next poll).
 */
async function attempt(call) {
  try {
    await call();
    return null;
  } catch (error) {
    return lost(error) ? new Promise(() => {}) : error;
  }
}

function show(error) {
  stopPage();
  stopPage = () => {};
  const { page, params } = route();
  document.title = `${page.title} — Governor console`;
  drawShell(page);
  // Each page draws into an element of its own: an answer that arrives after the operator moved on lands
  // in the page that was left, never over the next one.
  const view = document.createElement('div');
  const main = document.getElementById('main');
  main.replaceChildren(view);
  if (!currentToken()) {
    render(signInPage(error), view);
  } else {
    stopPage = page.mount(view, params, { attempt, lost }) ?? (() => {});
  }
  view.querySelector('h1')?.focus();
}

window.addEventListener('hashchange', () => show());

completeSignIn().then(() => show(), (error) => show(error));
