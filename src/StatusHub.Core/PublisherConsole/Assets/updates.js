// The timeline: publish an update (with an Idempotency-Key that a retry of the same text reuses), delete one.
import { call, randomKey, townPath } from './api.js';
import { $, el, hideAlert, setBusy, text } from './dom.js';
import { localized, valuesOf } from './editor.js';
import { clearErrors, reportFailure } from './errors.js';
import { marked } from './languages.js';
import { state } from './state.js';
import { both, t } from './text.js';
import { loadTown } from './town.js';

export function renderUpdates() {
  const list = $('updates');
  list.textContent = '';
  const updates = state.doc.updates || [];
  updates.forEach((update) => {
    const when = new Date(update.at);
    const whenText = isNaN(when.getTime()) ? update.at : when.toLocaleString('de-DE');
    const remove = el('button', { type: 'button', 'class': 'secondary' }, [t('delete'), el('span', { 'class': 'vh', text: ' – ' + t('updateOf', whenText) })]);
    remove.addEventListener('click', () => deleteUpdate(update.id));
    const item = el('li', { 'class': 'item' }, [el('p', { 'class': 'update-at', text: whenText })]);
    state.langs.forEach((lang) => {
      if (text(update.text, lang)) { item.append(marked(el('p', { 'class': 'update-text', text: text(update.text, lang) }), lang)); }
    });
    item.append(el('div', { 'class': 'item-actions' }, [remove]));
    list.append(item);
  });
  if (!updates.length) { list.append(el('li', { text: t('noUpdates') })); }
}

export async function postUpdate(event) {
  event.preventDefault();
  hideAlert();
  const form = $('update-form');
  clearErrors(form);
  const body = { text: localized({}, valuesOf('update')) };
  const json = JSON.stringify(body);
  if (!state.pendingUpdate || state.pendingUpdate.body !== json) { state.pendingUpdate = { body: json, key: randomKey() }; }
  setBusy(true);
  const result = await call('POST', townPath('/updates'), body, { ifMatch: state.etag, idempotencyKey: state.pendingUpdate.key });
  if (!result.ok) { setBusy(false); reportFailure(result, form, $('update-errors')); return; }
  state.pendingUpdate = null;
  state.langs.forEach((lang) => { if ($('update-' + lang)) { $('update-' + lang).value = ''; } state.drafts[lang].update = ''; });
  await loadTown(both('updatePublished'));
}

async function deleteUpdate(id) {
  if (!window.confirm(both('confirmDeleteUpdate'))) { return; }
  hideAlert();
  setBusy(true);
  const result = await call('DELETE', townPath('/updates/' + encodeURIComponent(id)), undefined, { ifMatch: state.etag });
  if (!result.ok) { setBusy(false); reportFailure(result, $('update-form'), $('update-errors')); return; }
  await loadTown(both('updateDeleted'));
}
