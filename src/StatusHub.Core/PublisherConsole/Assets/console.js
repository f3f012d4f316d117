// StatusHub publisher console: native ES modules, no framework, no request to any host but the configured API.
// Security rules of every module: the key lives in sessionStorage only and is sent only as "Authorization: Bearer"
// (api.js); every text from the API or the user is set with textContent or value, never as HTML.
import { KEY_ITEM, TOWN_ITEM } from './api.js';
import { aidRequest } from './aid.js';
import { $ } from './dom.js';
import { addQa, addService, publish } from './editor.js';
import { addLanguage } from './languages.js';
import { renderPreview } from './preview.js';
import { state } from './state.js';
import { both, t } from './text.js';
import { forget, loadTown, login, switchTown } from './town.js';
import { postUpdate } from './updates.js';

function start(config) {
  state.apiBase = config && typeof config.apiBaseUrl === 'string' ? config.apiBaseUrl.replace(/\/+$/, '') : '';
  $('noscript').hidden = true;
  $('login').hidden = false;
  $('town').setAttribute('data-field', 'town');
  $('key').setAttribute('data-field', 'key');
  $('login').addEventListener('submit', login);
  $('forget').addEventListener('click', forget);
  $('forget-loaded').addEventListener('click', forget);
  $('switch').addEventListener('click', switchTown);
  $('editor').addEventListener('submit', publish);
  $('editor').addEventListener('input', renderPreview);
  $('editor').addEventListener('change', renderPreview);
  $('reload').addEventListener('click', () => loadTown(t('discarded')));
  $('alert-reload').addEventListener('click', () => loadTown(both('reloadedAfterConflict')));
  $('service-add-button').addEventListener('click', addService);
  $('qa-add').addEventListener('click', addQa);
  $('lang-add-button').addEventListener('click', addLanguage);
  $('lang-add').addEventListener('keydown', (event) => { if (event.key === 'Enter') { event.preventDefault(); addLanguage(); } });
  $('update-form').addEventListener('submit', postUpdate);
  $('aid-form').addEventListener('submit', (event) => { event.preventDefault(); aidRequest('PUT'); });
  $('aid-delete').addEventListener('click', () => aidRequest('DELETE'));

  const savedTown = sessionStorage.getItem(TOWN_ITEM);
  const savedKey = sessionStorage.getItem(KEY_ITEM);
  if (savedTown) { $('town').value = savedTown; }
  if (savedTown && savedKey) { $('key').value = savedKey; loadTown(); }
}

// A module runs after the document is parsed: config.json (the API base) is all that is left to fetch.
fetch('/publish/config.json', { cache: 'no-cache', credentials: 'omit' })
  .then((response) => (response.ok ? response.json() : {}))
  .catch(() => ({}))
  .then(start);
