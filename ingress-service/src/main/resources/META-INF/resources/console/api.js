// Every call the console makes: the same admin APIs curl uses, with the operator's own token. The other
// services' APIs are reached through the ingress (/console/api/{service}/…), which passes the token on.

import { currentToken, forget } from './auth.js';

/** The token is missing or no longer taken: the operator must sign in (again). */
export class SignInNeeded extends Error {}

/** A service's refusal, with its problem details (RFC 9457) when it gave them. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail ?? problem?.title ?? `The service answered ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

async function call(path, { method = 'GET', body } = {}) {
  const token = currentToken();
  if (!token) {
    throw new SignInNeeded();
  }
  const headers = { Authorization: `Bearer ${token.accessToken}`, Accept: 'application/json' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 401) {
    forget();
    throw new SignInNeeded();
  }
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = { detail: text };
  }
  if (!response.ok) {
    throw new ApiError(response.status, data);
  }
  return data;
}

export const ingress = (path, options) => call(path, options);
export const delivery = (path, options) => call(`/console/api/delivery${path}`, options);
export const bridge = (path, options) => call(`/console/api/bridge${path}`, options);
export const archive = (path, options) => call(`/console/api/archive${path}`, options);

/** A query string from the entries that have a value. */
export function query(parameters) {
  const search = new URLSearchParams();
  Object.entries(parameters).forEach(([name, value]) => {
    if (value !== undefined && value !== null && value !== '') {
      search.set(name, value);
    }
  });
  const text = search.toString();
  return text ? `?${text}` : '';
}
