// The editor of the town document: status (level, headline, summary, link), services and Q&A, published in one go.
import { call, townPath } from './api.js';
import { $, el, hideAlert, labelled, say, setBusy, text } from './dom.js';
import { clearErrors, reportFailure } from './errors.js';
import { fieldLabel, furtherLanguages, marked, renderLanguages } from './languages.js';
import { renderPreview } from './preview.js';
import { FIXED_LANGS, state } from './state.js';
import { STATES, both, stateChoice, t } from './text.js';
import { loadTown } from './town.js';
import { renderAidServices } from './aid.js';
import { renderUpdates } from './updates.js';

// Puts the loaded town document into the forms; what is published later is compared with this.
export function fill() {
  const doc = state.doc;
  $('town-name').textContent = state.town.name;
  $('town-slug').textContent = '(' + state.town.slug + ')';
  document.querySelectorAll('input[name=level]').forEach((radio) => { radio.checked = radio.value === doc.level; });
  state.langs = FIXED_LANGS.concat(furtherLanguages(doc));
  state.removedLangs = [];
  state.drafts = {};
  state.langs.forEach((lang) => { state.drafts[lang] = { headline: text(doc.headline, lang), summary: text(doc.summary, lang), update: '' }; });
  FIXED_LANGS.forEach((lang) => {
    $('headline-' + lang).value = text(doc.headline, lang);
    $('summary-' + lang).value = text(doc.summary, lang);
  });
  renderLanguages();
  $('more-info').value = doc.moreInfoUrl || '';
  state.services = (doc.services || []).map((s) => ({ id: s.id, name: s.name || {}, state: s.state, note: copy(s.note) }));
  state.qa = (doc.qa || []).map((q) => ({ id: q.id, question: copy(q.question), answer: copy(q.answer) }));
  clearErrors($('workspace'));
  renderServices();
  renderQa();
  renderUpdates();
  renderAidServices();
  state.baseline = { status: JSON.stringify(statusBody()), services: JSON.stringify(servicesBody()), qa: JSON.stringify(qaBody()) };
  renderPreview();
}

function copy(localized) {
  const result = {};
  Object.keys(localized || {}).forEach((lang) => { result[lang] = localized[lang]; });
  return result;
}

// The edited languages replace the stored ones; a language removed in the console is dropped.
export function localized(original, values) {
  const result = copy(original);
  state.removedLangs.forEach((lang) => { delete result[lang]; });
  state.langs.forEach((lang) => {
    const value = values[lang];
    if (value && value.trim()) { result[lang] = value; } else { delete result[lang]; }
  });
  return result;
}

export function catalogueName(id) {
  const entry = state.catalogue.find((c) => c.id === id);
  return entry ? entry.name : null;
}

// The typed text of one field (headline, summary or update) in every edited language.
export function valuesOf(field) {
  const values = {};
  state.langs.forEach((lang) => {
    const input = $(field + '-' + lang);
    values[lang] = input ? input.value : (state.drafts[lang] && state.drafts[lang][field]) || '';
  });
  return values;
}

// --- bodies of the writes ----------------------------------------------------------------------------------------

export function statusBody() {
  const checked = document.querySelector('input[name=level]:checked');
  const body = {
    level: checked ? checked.value : null,
    headline: localized(state.doc.headline, valuesOf('headline')),
    summary: localized(state.doc.summary, valuesOf('summary'))
  };
  if ($('more-info').value.trim()) { body.moreInfoUrl = $('more-info').value.trim(); }
  return body;
}

function servicesBody() {
  return {
    services: state.services.map((s) => {
      const entry = { id: s.id, state: s.state, note: localized(s.note, s.note) };
      if (!catalogueName(s.id)) { entry.name = s.name; }
      return entry;
    })
  };
}

function qaBody() {
  return { items: state.qa.map((q) => ({ id: q.id, question: localized(q.question, q.question), answer: localized(q.answer, q.answer) })) };
}

// --- services ------------------------------------------------------------------------------------------------------

function textArea(value, field, lang, onInput) {
  const area = el('textarea', { rows: '2', 'data-field': field });
  marked(area, lang);
  area.value = value;
  area.addEventListener('input', () => { onInput(area.value); renderPreview(); });
  return area;
}

export function renderServices() {
  const list = $('services');
  list.textContent = '';
  state.services.forEach((service, i) => {
    const name = text(service.name, 'de') || text(service.name, 'en') || service.id;
    const select = el('select', { 'data-field': 'services[' + i + '].state' });
    STATES.forEach((choice) => {
      const option = el('option', { value: choice, text: stateChoice(choice) });
      option.selected = choice === service.state;
      select.append(option);
    });
    select.addEventListener('change', () => { service.state = select.value; renderPreview(); });
    const remove = el('button', { type: 'button', 'class': 'secondary' }, [t('remove'), el('span', { 'class': 'vh', text: ' – ' + name })]);
    remove.addEventListener('click', () => {
      state.services.splice(i, 1);
      renderServices();
      renderPreview();
      say(t('removedUnpublished', '„' + name + '“'));
      $('service-add').focus();
    });
    list.append(el('li', { 'class': 'item', 'data-field': 'services[' + i + ']', 'data-service': service.id }, [
      el('p', { 'class': 'item-title', text: name }),
      labelled('svc-' + i + '-state', t('serviceState', name), select)
    ].concat(state.langs.map((lang) =>
      labelled('svc-' + i + '-note-' + lang, fieldLabel('note', lang), textArea(text(service.note, lang), 'services[' + i + '].note.' + lang, lang, (v) => { service.note[lang] = v; }))
    ), [el('div', { 'class': 'item-actions' }, [remove])])));
  });
  renderServiceChoices();
}

function renderServiceChoices() {
  const select = $('service-add');
  select.textContent = '';
  const taken = state.services.map((s) => s.id);
  state.catalogue.filter((c) => taken.indexOf(c.id) < 0).forEach((c) => {
    select.append(el('option', { value: c.id, text: text(c.name, 'de') || c.id }));
  });
  $('service-add-button').disabled = select.options.length === 0;
}

export function addService() {
  const id = $('service-add').value;
  if (!id) { return; }
  state.services.push({ id, name: catalogueName(id) || { de: id }, state: 'unavailable', note: {} });
  renderServices();
  renderPreview();
  const select = $('svc-' + (state.services.length - 1) + '-state');
  if (select) { select.focus(); }
}

// --- Q&A -----------------------------------------------------------------------------------------------------------

export function renderQa() {
  const list = $('qa');
  list.textContent = '';
  state.qa.forEach((item, i) => {
    const title = t('questionNumber', i + 1);
    const up = el('button', { type: 'button', 'class': 'secondary', id: 'qa-' + i + '-up' }, [t('moveUp'), el('span', { 'class': 'vh', text: ' – ' + title })]);
    const down = el('button', { type: 'button', 'class': 'secondary', id: 'qa-' + i + '-down' }, [t('moveDown'), el('span', { 'class': 'vh', text: ' – ' + title })]);
    const remove = el('button', { type: 'button', 'class': 'secondary' }, [t('remove'), el('span', { 'class': 'vh', text: ' – ' + title })]);
    up.disabled = i === 0;
    down.disabled = i === state.qa.length - 1;
    up.addEventListener('click', () => moveQa(i, -1));
    down.addEventListener('click', () => moveQa(i, 1));
    remove.addEventListener('click', () => {
      state.qa.splice(i, 1);
      renderQa();
      renderPreview();
      say(t('removedUnpublished', title));
      $('qa-add').focus();
    });
    const fields = [];
    state.langs.forEach((lang) => {
      fields.push(labelled('qa-' + i + '-q-' + lang, fieldLabel('question', lang), textArea(text(item.question, lang), 'items[' + i + '].question.' + lang, lang, (v) => { item.question[lang] = v; })));
      fields.push(labelled('qa-' + i + '-a-' + lang, fieldLabel('answer', lang), textArea(text(item.answer, lang), 'items[' + i + '].answer.' + lang, lang, (v) => { item.answer[lang] = v; })));
    });
    list.append(el('li', { 'class': 'item', 'data-field': 'items[' + i + ']' },
      [el('p', { 'class': 'item-title', text: title })].concat(fields, [el('div', { 'class': 'item-actions' }, [up, down, remove])])));
  });
}

function moveQa(i, step) {
  const j = i + step;
  if (j < 0 || j >= state.qa.length) { return; }
  const moved = state.qa.splice(i, 1)[0];
  state.qa.splice(j, 0, moved);
  renderQa();
  renderPreview();
  say(t('questionMoved', i + 1, j + 1));
  const button = $('qa-' + j + (step < 0 ? '-up' : '-down'));
  if (button && !button.disabled) { button.focus(); } else if ($('qa-' + j + '-q-de')) { $('qa-' + j + '-q-de').focus(); }
}

export function addQa() {
  state.qa.push({ id: 'frage-' + Date.now().toString(36), question: {}, answer: {} });
  renderQa();
  $('qa-' + (state.qa.length - 1) + '-q-de').focus();
}

// --- publish status, services, Q&A ---------------------------------------------------------------------------------

// Sends only the sections that changed, in the order status → services → Q&A, each with the ETag of the answer before.
export async function publish(event) {
  event.preventDefault();
  hideAlert();
  clearErrors($('editor'));
  const parts = [
    { name: 'status', path: '/status', body: statusBody(), scope: $('h-status').parentNode, list: $('status-errors') },
    { name: 'services', path: '/services', body: servicesBody(), scope: $('h-services').parentNode, list: $('services-errors') },
    { name: 'qa', path: '/qa', body: qaBody(), scope: $('h-qa').parentNode, list: $('qa-errors') }
  ].filter((part) => JSON.stringify(part.body) !== state.baseline[part.name]);
  if (!parts.length) { say(both('nothingChanged')); return; }

  setBusy(true);
  say(both('publishing'));
  for (const part of parts) {
    const result = await call('PUT', townPath(part.path), part.body, { ifMatch: state.etag });
    if (!result.ok) { setBusy(false); reportFailure(result, part.scope, part.list); return; }
    state.etag = result.etag || state.etag;
    state.baseline[part.name] = JSON.stringify(part.body);
  }
  await loadTown(both('published'));
}
