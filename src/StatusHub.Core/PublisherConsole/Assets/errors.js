// Answers that are not 2xx: problem+json "errors" next to their fields, the rest as plain messages.
import { $, el, say, showAlert } from './dom.js';
import { state } from './state.js';
import { both, en, t } from './text.js';

let errorCount = 0;

function seconds(retryAfter) {
  const n = parseInt(retryAfter || '', 10);
  return isNaN(n) || n < 1 ? 30 : n;
}

export function failureMessage(result) {
  const reason = result.data && (result.data.detail || result.data.title);
  const detail = reason ? ' (' + reason + ')' : '';
  const wait = seconds(result.retryAfter);
  switch (result.status) {
    case 0: return both('noConnection');
    case 401: return both('keyRejected');
    case 403: return both('keyForbidden', state.town ? state.town.slug : '');
    case 404: return t('notFound', detail) + ' / ' + en('notFound', '');
    case 412: return both('changedElsewhere');
    case 413: return both('tooLarge');
    case 429: return both('tooManyRequests', wait);
    case 503: return both('storageUnavailable', wait);
    default: return t('otherError', result.status, detail);
  }
}

export function clearErrors(scope) {
  scope.querySelectorAll('.field-error').forEach((node) => node.remove());
  scope.querySelectorAll('[aria-invalid]').forEach((node) => node.removeAttribute('aria-invalid'));
  scope.querySelectorAll('[aria-describedby]').forEach((node) => {
    const kept = node.getAttribute('aria-describedby').split(' ').filter((id) => id && id.indexOf('err-') !== 0);
    if (kept.length) { node.setAttribute('aria-describedby', kept.join(' ')); } else { node.removeAttribute('aria-describedby'); }
  });
  scope.querySelectorAll('.error-list').forEach((node) => { node.textContent = ''; node.hidden = true; });
}

function findField(scope, key) {
  const all = Array.from(scope.querySelectorAll('[data-field]'));
  const field = all.find((node) => node.getAttribute('data-field') === key)
    || all.find((node) => node.getAttribute('data-field').indexOf(key + '.') === 0);
  if (field) { return field; }
  const list = key.replace(/\[\d+\]$/, '');
  return list !== key ? findField(scope, list) : null;
}

function markField(field, messages) {
  const id = 'err-' + (++errorCount);
  const note = el('p', { 'class': 'field-error', id, text: messages.join(' ') });
  field.insertAdjacentElement('afterend', note);
  if (/^(INPUT|TEXTAREA|SELECT)$/.test(field.tagName)) { field.setAttribute('aria-invalid', 'true'); }
  const described = field.getAttribute('aria-describedby');
  field.setAttribute('aria-describedby', described ? described + ' ' + id : id);
}

// Puts each error next to its field; errors without a field go to the scope's list. Returns the first field.
export function showFieldErrors(scope, list, errors) {
  let first = null;
  const unplaced = [];
  Object.keys(errors).forEach((key) => {
    const messages = Array.isArray(errors[key]) ? errors[key] : [String(errors[key])];
    const field = key === '$' ? null : findField(scope, key);
    if (field) { markField(field, messages); first = first || field; } else { unplaced.push(key + ': ' + messages.join(' ')); }
  });
  if (unplaced.length) { list.textContent = unplaced.join(' · '); list.hidden = false; }
  return first;
}

// Shows a failed write: field errors next to their fields, 412 with a reload button, the rest as plain messages.
export function reportFailure(result, scope, list) {
  if (result.status === 400 && result.data && result.data.errors) {
    const first = showFieldErrors(scope, list, result.data.errors);
    say(both('notSavedMarked'));
    if (first) { first.focus(); }
    return;
  }

  if (result.status === 401) {
    // A new key can be entered without losing the edits: the login form takes it for the same town.
    showAlert(failureMessage(result), false);
    $('login').hidden = false;
    $('key').focus();
    return;
  }
  showAlert(failureMessage(result), result.status === 412);
  say(both('notSaved'));
}
