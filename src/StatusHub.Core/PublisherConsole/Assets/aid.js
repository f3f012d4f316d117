// Mutual aid: the town's own offers (save, delete, edit) and the offers of others to it (accept, decline).
import { call, townPath } from './api.js';
import { $, el, hideAlert, setBusy, text } from './dom.js';
import { catalogueName, localized } from './editor.js';
import { clearErrors, failureMessage, reportFailure, showFieldErrors } from './errors.js';
import { state } from './state.js';
import { both, t } from './text.js';
import { loadTown } from './town.js';

export function renderAidServices() {
  const select = $('aid-service');
  const chosen = select.value;
  select.textContent = '';
  state.catalogue.forEach((c) => select.append(el('option', { value: c.id, text: text(c.name, 'de') || c.id })));
  if (chosen) { select.value = chosen; }
}

// What the town offers and what other towns offer it (GET …/aid needs the key). A failure here leaves the rest of
// the console usable: the lists say they could not be loaded. Resolves to true once the lists are drawn.
export async function loadAid() {
  const result = await call('GET', townPath('/aid'), undefined, { keyed: true });
  if (!result.ok || !result.data) {
    renderAid({ offered: [], received: [] });
    const list = $('aid-received-errors');
    list.textContent = both('aidNotLoaded') + ' ' + failureMessage(result);
    list.hidden = false;
    return true;
  }
  renderAid(result.data);
  return true;
}

// The end of the chosen day in the browser's time zone, as an RFC 3339 time with offset.
function endOfDay(date) {
  const parts = date.split('-');
  if (parts.length !== 3) { return date; }
  const local = new Date(Number(parts[0]), Number(parts[1]) - 1, Number(parts[2]), 23, 59, 59);
  const offset = -local.getTimezoneOffset();
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const pad = (n) => (n < 10 ? '0' : '') + n;
  return date + 'T23:59:59' + sign + pad(Math.floor(abs / 60)) + ':' + pad(abs % 60);
}

export async function aidRequest(method) {
  hideAlert();
  const form = $('aid-form');
  clearErrors(form);
  const id = $('aid-id').value.trim();
  if (!id) {
    showFieldErrors(form, $('aid-errors'), { offerId: [t('offerIdWanted')] });
    $('aid-id').focus();
    return;
  }

  if (method === 'DELETE' && !window.confirm(both('confirmDeleteOffer', id))) { return; }
  let body;
  if (method === 'PUT') {
    body = {
      service: $('aid-service').value,
      forTowns: $('aid-for').value.split(',').map((s) => s.trim()).filter((s) => s),
      note: localized({}, { de: $('aid-note-de').value, en: $('aid-note-en').value })
    };
    if ($('aid-until').value) { body.validUntil = endOfDay($('aid-until').value); }
  }

  setBusy(true);
  const result = await call(method, townPath('/aid/' + encodeURIComponent(id)), body, { ifMatch: state.etag });
  if (!result.ok) { setBusy(false); reportFailure(result, form, $('aid-errors')); return; }
  await loadTown(both(method === 'PUT' ? 'offerSaved' : 'offerDeleted', id));
}

function offerText(note) { return text(note, 'de') || text(note, 'en'); }

function serviceName(id) { return text(catalogueName(id), 'de') || id; }

function untilText(validUntil) {
  if (!validUntil) { return t('openEnded'); }
  const until = new Date(validUntil);
  return t('validUntil', isNaN(until.getTime()) ? validUntil : until.toLocaleDateString('de-DE'));
}

function renderAid(aid) {
  const offered = $('aid-offered');
  offered.textContent = '';
  (aid.offered || []).forEach((offer) => {
    const edit = el('button', { type: 'button', 'class': 'secondary aid-action' }, [t('edit'), el('span', { 'class': 'vh', text: ' – ' + t('offerNamed', offer.offerId) })]);
    edit.addEventListener('click', () => editOffer(offer));
    const towns = (offer.forTowns || []).length ? t('forTowns', offer.forTowns.join(', ')) : t('forAllNeighbours');
    offered.append(el('li', { 'class': 'item' }, [
      el('p', {}, [el('strong', { text: offer.offerId }), ' – ' + serviceName(offer.service) + ', ' + towns + ', ' + untilText(offer.validUntil)]),
      el('p', { text: offerText(offer.note) }),
      el('div', { 'class': 'item-actions' }, [edit])
    ]));
  });
  if (!(aid.offered || []).length) { offered.append(el('li', { text: t('noOffers') })); }

  const received = $('aid-received');
  received.textContent = '';
  $('aid-received-errors').hidden = true;
  $('aid-received-errors').textContent = '';
  (aid.received || []).forEach((offer) => {
    const label = offer.provider + ' – ' + serviceName(offer.service);
    const button = offer.accepted
      ? el('button', { type: 'button', 'class': 'secondary aid-action' }, [t('decline'), el('span', { 'class': 'vh', text: ' – ' + label })])
      : el('button', { type: 'button', 'class': 'aid-action' }, [t('accept'), el('span', { 'class': 'vh', text: ' – ' + label })]);
    button.addEventListener('click', () => answerOffer(offer, !offer.accepted));
    received.append(el('li', { 'class': 'item' }, [
      el('p', {}, [el('strong', { text: offer.provider }), ' ' + t('takesOver', serviceName(offer.service), untilText(offer.validUntil))]),
      el('p', { text: offerText(offer.note) }),
      el('p', { 'class': offer.accepted ? 'aid-state accepted' : 'aid-state', text: both(offer.accepted ? 'acceptedState' : 'notAcceptedState') }),
      el('div', { 'class': 'item-actions' }, [button])
    ]));
  });
  if (!(aid.received || []).length) { received.append(el('li', { text: t('noReceived') })); }
}

function editOffer(offer) {
  $('aid-id').value = offer.offerId;
  $('aid-service').value = offer.service;
  $('aid-for').value = (offer.forTowns || []).join(', ');
  $('aid-note-de').value = text(offer.note, 'de');
  $('aid-note-en').value = text(offer.note, 'en');
  $('aid-until').value = offer.validUntil ? String(offer.validUntil).slice(0, 10) : '';
  $('aid-id').focus();
}

// One tap: accept (PUT) or decline / withdraw (DELETE) the town's consent to one offer.
async function answerOffer(offer, accept) {
  hideAlert();
  setBusy(true);
  const path = townPath('/accepted-aid/' + encodeURIComponent(offer.provider) + '/' + encodeURIComponent(offer.offerId));
  const result = await call(accept ? 'PUT' : 'DELETE', path, undefined, { ifMatch: state.etag });
  if (!result.ok) { setBusy(false); reportFailure(result, $('aid-received-card'), $('aid-received-errors')); return; }
  await loadTown(both(accept ? 'offerAccepted' : 'offerDeclined', offer.provider));
}
