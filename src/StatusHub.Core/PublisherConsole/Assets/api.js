// The API client: the key lives in sessionStorage only and is sent only as "Authorization: Bearer" to the API.
import { state } from './state.js';

export const KEY_ITEM = 'statushub.console.key';
export const TOWN_ITEM = 'statushub.console.town';

export function randomKey() {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => (b + 256).toString(16).slice(1)).join('');
}

// One API call; resolves to { ok, status, data, etag, retryAfter } (status 0: no answer at all), never rejects.
export async function call(method, path, body, options = {}) {
  const headers = { 'Accept': 'application/json' };
  if (method !== 'GET' || options.keyed) { headers['Authorization'] = 'Bearer ' + (sessionStorage.getItem(KEY_ITEM) || ''); }
  if (body !== undefined) { headers['Content-Type'] = 'application/json'; }
  if (options.ifMatch) { headers['If-Match'] = options.ifMatch; }
  if (options.idempotencyKey) { headers['Idempotency-Key'] = options.idempotencyKey; }
  let response;
  try {
    response = await fetch(state.apiBase + '/api/v1' + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      mode: 'cors'
    });
  } catch {
    return { ok: false, status: 0, data: null, etag: null, retryAfter: null };
  }
  const type = response.headers.get('Content-Type') || '';
  const data = type.indexOf('json') >= 0 ? await response.json().catch(() => null) : null;
  return { ok: response.ok, status: response.status, data, etag: response.headers.get('ETag'), retryAfter: response.headers.get('Retry-After') };
}

export function townPath(suffix) { return '/towns/' + encodeURIComponent(state.town.slug) + suffix; }
