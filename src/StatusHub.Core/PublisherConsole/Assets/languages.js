// Languages: their names and directions (CLDR through Intl), the fields of further languages, adding and removing one.
import { $, el, labelled, say } from './dom.js';
import { renderQa, renderServices } from './editor.js';
import { renderPreview } from './preview.js';
import { FIXED_LANGS, state } from './state.js';
import { both, en, t } from './text.js';

// Every language but de and en that any text of the town has, so that nothing it wrote is hidden from the editor.
export function furtherLanguages(doc) {
  const found = {};
  const add = (localizedText) => Object.keys(localizedText || {}).forEach((lang) => { found[lang] = true; });
  add(doc.headline);
  add(doc.summary);
  (doc.services || []).forEach((s) => add(s.note));
  (doc.qa || []).forEach((q) => { add(q.question); add(q.answer); });
  (doc.updates || []).forEach((u) => add(u.text));
  return Object.keys(found).filter((lang) => FIXED_LANGS.indexOf(lang) < 0).sort();
}

// The language's name in itself (Intl.DisplayNames, CLDR), as on the citizen page's language switch.
export function languageName(lang) {
  if (lang.toLowerCase() === 'de-x-ls') { return 'Leichte Sprache'; }
  try { return new Intl.DisplayNames([lang], { type: 'language' }).of(lang) || lang; } catch { return lang; }
}

// 'rtl' or 'ltr' from CLDR (Intl.Locale text info); null when the browser cannot tell, and the field uses dir=auto.
export function direction(lang) {
  try {
    const locale = new Intl.Locale(lang);
    const info = typeof locale.getTextInfo === 'function' ? locale.getTextInfo() : locale.textInfo;
    return info && info.direction ? info.direction : null;
  } catch { return null; }
}

// lang and dir of a field or text: a field in another script runs in its own direction while the publisher types.
export function marked(node, lang, within) {
  const around = within || 'de';
  if (lang === around) { return node; }
  node.setAttribute('lang', lang);
  if (lang !== 'en' || direction(around) === 'rtl') { node.setAttribute('dir', direction(lang) || 'auto'); }
  return node;
}

// The label of a field in one language: "Überschrift (Deutsch)", "… (Englisch) / Headline (English)", "… (العربية, ar)".
export function fieldLabel(word, lang) {
  if (lang === 'de') { return t('inGerman', t(word)); }
  if (lang === 'en') { return t('inEnglish', t(word)) + ' / ' + en('inEnglish', en(word)); }
  return t('inLanguage', t(word), languageName(lang), lang);
}

function draftInput(tag, lang, field, dataField) {
  const input = el(tag, tag === 'input' ? { type: 'text', autocomplete: 'off', 'data-field': dataField } : { rows: field === 'summary' ? '5' : '3', 'data-field': dataField });
  marked(input, lang);
  input.value = state.drafts[lang][field] || '';
  input.addEventListener('input', () => { state.drafts[lang][field] = input.value; if (field !== 'update') { renderPreview(); } });
  return input;
}

export function renderLanguages() {
  const box = $('extra-langs');
  const updates = $('update-extra');
  box.textContent = '';
  updates.textContent = '';
  state.langs.filter((lang) => FIXED_LANGS.indexOf(lang) < 0).forEach((lang) => {
    const name = languageName(lang);
    const remove = el('button', { type: 'button', 'class': 'secondary', id: 'lang-remove-' + lang }, [t('removeLanguage'), el('span', { 'class': 'vh', text: ' – ' + name })]);
    remove.addEventListener('click', () => removeLanguage(lang));
    box.append(el('fieldset', { 'class': 'lang-set', 'data-lang': lang }, [
      el('legend', { text: name + ' (' + lang + ')' }),
      labelled('headline-' + lang, fieldLabel('headline', lang), draftInput('input', lang, 'headline', 'headline.' + lang)),
      labelled('summary-' + lang, fieldLabel('summary', lang), draftInput('textarea', lang, 'summary', 'summary.' + lang)),
      el('div', { 'class': 'item-actions' }, [remove])
    ]));
    updates.append(labelled('update-' + lang, fieldLabel('newUpdate', lang), draftInput('textarea', lang, 'update', 'text.' + lang)));
  });
}

export function addLanguage() {
  const lang = $('lang-add').value.trim();
  if (!/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})*$/.test(lang)) {
    say(both('languageTagWanted'), false);
    $('lang-add').focus();
    return;
  }
  const known = state.langs.filter((l) => l.toLowerCase() === lang.toLowerCase())[0];
  if (!known) {
    state.langs.push(lang);
    state.removedLangs = state.removedLangs.filter((l) => l.toLowerCase() !== lang.toLowerCase());
    state.drafts[lang] = { headline: '', summary: '', update: '' };
    renderLanguages();
    renderServices();
    renderQa();
    say(t('languageAdded', languageName(lang)));
  }
  $('lang-add').value = '';
  $('headline-' + (known || lang)).focus();
}

function removeLanguage(lang) {
  state.langs = state.langs.filter((l) => l !== lang);
  state.removedLangs.push(lang);
  delete state.drafts[lang];
  state.services.forEach((s) => { delete s.note[lang]; });
  state.qa.forEach((q) => { delete q.question[lang]; delete q.answer[lang]; });
  renderLanguages();
  renderServices();
  renderQa();
  renderPreview();
  say(t('removedUnpublished', languageName(lang)));
  $('lang-add').focus();
}
