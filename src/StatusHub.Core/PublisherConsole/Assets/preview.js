// The preview of the citizen page in every language with a headline, with the pages' own level and state words.
import { $, el, text } from './dom.js';
import { statusBody } from './editor.js';
import { direction, languageName, marked } from './languages.js';
import { state } from './state.js';
import { t, wordsFor } from './text.js';

export function renderPreview() {
  const preview = $('preview');
  preview.textContent = '';
  if (!state.doc) { return; }
  const body = statusBody();
  state.langs.forEach((lang) => {
    const headline = text(body.headline, lang);
    if (!headline && lang !== state.town.defaultLanguage) { return; }
    const words = wordsFor(lang);
    const part = el('div', { 'class': 'lang', lang, dir: direction(lang) || 'auto' });
    part.append(el('p', { 'class': 'muted', lang: 'de', dir: 'ltr', text: lang === 'de' ? t('previewGerman') : t('previewLanguage', languageName(lang), lang) }));
    part.append(el('p', {}, [marked(el('span', { 'class': 'badge', text: body.level ? words.levels[body.level] : '–' }), words.lang, lang)]));
    part.append(el('h3', { text: headline || t('noHeadline') }));
    if (text(body.summary, lang)) { part.append(el('p', { text: text(body.summary, lang) })); }
    if (state.services.length) {
      const list = el('ul');
      state.services.forEach((s) => {
        const line = (text(s.name, lang) || text(s.name, 'de') || s.id) + ': ' + words.states[s.state];
        const note = text(s.note, lang);
        list.append(el('li', { text: note ? line + ' – ' + note : line }));
      });
      part.append(list);
    }
    state.qa.forEach((q) => {
      if (text(q.question, lang)) {
        part.append(el('p', {}, [el('strong', { text: text(q.question, lang) })]));
        part.append(el('p', { text: text(q.answer, lang) }));
      }
    });
    preview.append(part);
  });
}
