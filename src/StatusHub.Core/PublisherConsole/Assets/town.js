// Signing in with a town's slug and key (kept in sessionStorage only), loading the town, forgetting the key.
import { KEY_ITEM, TOWN_ITEM, call } from './api.js';
import { loadAid } from './aid.js';
import { $, hideAlert, say, setBusy, showAlert } from './dom.js';
import { fill } from './editor.js';
import { clearErrors, failureMessage, showFieldErrors } from './errors.js';
import { state } from './state.js';
import { both, t } from './text.js';

async function loadCatalogue() {
  if (state.catalogue.length) { return; }
  const result = await call('GET', '/services');
  if (result.ok && result.data && Array.isArray(result.data.services)) { state.catalogue = result.data.services; }
}

// Loads the town of the session (GET /towns/{town} and its ETag) and its aid lists, then says message.
export async function loadTown(message) {
  const slug = sessionStorage.getItem(TOWN_ITEM) || '';
  hideAlert();
  setBusy(true);
  say(both('loading'));
  await loadCatalogue();
  const result = await call('GET', '/towns/' + encodeURIComponent(slug));
  setBusy(false);
  if (!result.ok) {
    $('workspace').hidden = true;
    $('login').hidden = false;
    showAlert(result.status === 404 ? both('noSuchTown', slug) : failureMessage(result), false);
    say('');
    return;
  }

  state.doc = result.data;
  state.etag = result.etag;
  state.town = { slug: state.doc.town.slug, name: state.doc.town.name, defaultLanguage: state.doc.town.defaultLanguage || 'de' };
  fill();
  await loadAid();
  $('login').hidden = true;
  $('workspace').hidden = false;
  say(message || both('loaded', state.town.name), true);
}

export function login(event) {
  event.preventDefault();
  hideAlert();
  const form = $('login');
  clearErrors(form);
  const slug = $('town').value.trim().toLowerCase();
  const key = $('key').value.trim();
  const errors = {};
  if (!slug) { errors.town = [t('townWanted')]; }
  if (!key) { errors.key = [t('keyWanted')]; }
  if (Object.keys(errors).length) {
    const first = showFieldErrors(form, $('status'), errors);
    if (first) { first.focus(); }
    return;
  }

  sessionStorage.setItem(TOWN_ITEM, slug);
  sessionStorage.setItem(KEY_ITEM, key);
  if (state.town && state.town.slug === slug && !$('workspace').hidden) {
    // A corrected key after a 401: the edits stay, the publisher publishes again.
    $('login').hidden = true;
    say(both('keyTaken'), true);
    $('publish').focus();
    return;
  }
  loadTown();
}

export function forget() {
  sessionStorage.removeItem(KEY_ITEM);
  $('key').value = '';
  $('workspace').hidden = true;
  $('login').hidden = false;
  hideAlert();
  say(both('keyForgotten'), true);
  $('key').focus();
}

export function switchTown() {
  $('workspace').hidden = true;
  $('login').hidden = false;
  hideAlert();
  say('');
  $('town').focus();
}
