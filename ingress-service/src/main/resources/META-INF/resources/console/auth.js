// Signing in: the authorization code flow with PKCE, in the browser, against the issuer the ingress names.
// The console is a public client: there is no secret in the page. The access token lives in this tab's
// session storage only and goes out only as a bearer header, so no other site can make the browser act
// with it (nothing here rides on cookies).

const TOKEN = 'governor.console.token';
const PENDING = 'governor.console.sign-in';

let settingsOnce;
let discoveryOnce;

export function redirectUri() {
  return `${location.origin}/console/`;
}

async function json(url, what) {
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  if (!response.ok) {
    throw new Error(`${what} answered ${response.status}`);
  }
  return response.json();
}

export function settings() {
  settingsOnce ??= json('/console/settings', 'The ingress\'s console settings');
  return settingsOnce;
}

async function discovery() {
  discoveryOnce ??= settings().then((s) =>
    json(`${s.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, 'The issuer'));
  return discoveryOnce;
}

function base64url(bytes) {
  let text = '';
  new Uint8Array(bytes).forEach((b) => { text += String.fromCharCode(b); });
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomText(bytes) {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** The signed-in operator's token, or null when signed out or expired. */
export function currentToken() {
  try {
    const token = JSON.parse(sessionStorage.getItem(TOKEN) ?? 'null');
    return token && token.expiresAt > Date.now() ? token : null;
  } catch {
    return null;
  }
}

/** Who the token names and what it may do, for display only: the services check the token themselves. */
export function claims(token) {
  try {
    const part = token.accessToken.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(atob(part));
  } catch {
    return {};
  }
}

export function forget() {
  sessionStorage.removeItem(TOKEN);
}

/** Sends the browser to the issuer; it comes back to /console/ with a code. */
export async function signIn() {
  const [s, d] = await Promise.all([settings(), discovery()]);
  const verifier = randomText(48);
  const state = randomText(24);
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, returnTo: location.hash }));
  const url = new URL(d.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: s.clientId,
    redirect_uri: redirectUri(),
    scope: s.scope,
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  location.assign(url.toString());
}

/**
 * When the issuer has just sent the browser back with a code, trades it (with the verifier only this tab
 * holds) for a token. Answers whether this page load was such a return.
 */
export async function completeSignIn() {
  const answer = new URLSearchParams(location.search);
  if (!answer.has('code') && !answer.has('error')) {
    return false;
  }
  const pending = JSON.parse(sessionStorage.getItem(PENDING) ?? 'null');
  sessionStorage.removeItem(PENDING);
  history.replaceState(null, '', `/console/${pending?.returnTo ?? ''}`);
  if (answer.has('error')) {
    throw new Error(`The issuer refused the sign-in: ${answer.get('error_description') ?? answer.get('error')}`);
  }
  if (!pending || pending.state !== answer.get('state')) {
    throw new Error('That sign-in was not started by this tab; sign in again.');
  }
  const [s, d] = await Promise.all([settings(), discovery()]);
  const response = await fetch(d.token_endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: answer.get('code'),
      redirect_uri: redirectUri(),
      client_id: s.clientId,
      code_verifier: pending.verifier,
    }),
  });
  if (!response.ok) {
    throw new Error(`The issuer gave no token (${response.status}); sign in again.`);
  }
  const token = await response.json();
  sessionStorage.setItem(TOKEN, JSON.stringify({
    accessToken: token.access_token,
    expiresAt: Date.now() + (token.expires_in ?? 300) * 1000,
  }));
  return true;
}
