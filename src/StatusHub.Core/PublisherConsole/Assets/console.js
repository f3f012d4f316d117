// StatusHub publisher console. Plain JavaScript, no framework, no request to any host but the configured API.
// Security rules of this file: the key lives in sessionStorage only and is sent only as "Authorization: Bearer";
// every text from the API or the user is set with textContent or value, never as HTML.
(function () {
  'use strict';

  var KEY_ITEM = 'statushub.console.key';
  var TOWN_ITEM = 'statushub.console.town';
  var FIXED_LANGS = ['de', 'en'];
  var LANGS = FIXED_LANGS.slice(); // de, en, then every further language the town writes or the publisher added
  var removedLangs = [];           // languages removed in the console: dropped from every text on publish
  var drafts = {};                 // lang -> { headline, summary, update } of the further languages, as typed
  var LEVELS = {
    normal: ['Normalbetrieb', 'Normal operation'],
    disrupted: ['Eingeschränkt', 'Disrupted'],
    emergency: ['Notbetrieb', 'Emergency operation'],
    offline: ['Verwaltung nicht erreichbar', 'Administration unreachable']
  };
  var STATES = {
    available: ['Möglich', 'Possible'],
    limited: ['Eingeschränkt möglich', 'Partly possible'],
    unavailable: ['Nicht möglich', 'Not possible'],
    unknown: ['Noch unklar', 'Not yet known']
  };

  var apiBase = '';
  var chrome = {};          // language -> { levels, states }: the citizen pages' words (config.json, from the label files)
  var catalogue = [];
  var town = null;          // { slug, name, defaultLanguage }
  var etag = null;          // the town's ETag, sent as If-Match on every write
  var doc = null;           // the town document as last loaded
  var services = [];        // [{ id, name, state, note }] as edited
  var qa = [];              // [{ id, question, answer }] as edited
  var baseline = {};        // JSON of each section's body as loaded (only changed sections are sent)
  var pendingUpdate = null; // { body, key }: a retried update reuses its Idempotency-Key
  var errorCount = 0;

  function $(id) { return document.getElementById(id); }

  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      if (name === 'text') { node.textContent = attributes[name]; } else { node.setAttribute(name, attributes[name]); }
    });
    (children || []).forEach(function (child) { node.append(child); });
    return node;
  }

  function text(localized, lang) { return localized && typeof localized[lang] === 'string' ? localized[lang] : ''; }

  // --- messages -------------------------------------------------------------------------------------------------

  function say(message, ok) {
    var status = $('status');
    status.textContent = message;
    status.className = ok ? 'status ok' : 'status';
  }

  function showAlert(message, offerReload) {
    $('alert-text').textContent = message;
    $('alert-reload').hidden = !offerReload;
    $('alert').hidden = false;
    $('alert').scrollIntoView({ block: 'nearest' });
    if (offerReload) { $('alert-reload').focus(); }
  }

  function hideAlert() { $('alert').hidden = true; $('alert-text').textContent = ''; }

  function seconds(retryAfter) {
    var n = parseInt(retryAfter || '', 10);
    return isNaN(n) || n < 1 ? 30 : n;
  }

  function failureMessage(result) {
    var detail = result.data && (result.data.detail || result.data.title) ? ' (' + (result.data.detail || result.data.title) + ')' : '';
    switch (result.status) {
      case 0: return 'Keine Verbindung zur StatusHub-API: Netz prüfen und erneut versuchen. / No connection to the API.';
      case 401: return 'Der Schlüssel wurde nicht angenommen (falsch oder widerrufen): bitte prüfen. / The key was not accepted.';
      case 403: return 'Dieser Schlüssel darf die Gemeinde „' + (town ? town.slug : '') + '“ nicht ändern. / This key may not change this town.';
      case 404: return 'Nicht gefunden' + detail + '. / Not found.';
      case 412: return 'Jemand anderes hat diese Gemeinde inzwischen geändert: bitte neu laden und die Änderung noch einmal eintragen. / Someone else changed this: reload.';
      case 413: return 'Zu viel Text auf einmal: bitte kürzen. / Too large.';
      case 429: return 'Zu viele Anfragen: bitte in ' + seconds(result.retryAfter) + ' Sekunden erneut versuchen. / Too many requests: retry in ' + seconds(result.retryAfter) + ' s.';
      case 503: return 'Der Speicher ist gerade nicht erreichbar, nichts wurde geändert: bitte in ' + seconds(result.retryAfter) + ' Sekunden erneut versuchen. / Storage unavailable: retry in ' + seconds(result.retryAfter) + ' s.';
      default: return 'Fehler ' + result.status + detail + '.';
    }
  }

  // --- field errors (problem+json "errors", keyed by field) ------------------------------------------------------

  function clearErrors(scope) {
    Array.prototype.forEach.call(scope.querySelectorAll('.field-error'), function (node) { node.remove(); });
    Array.prototype.forEach.call(scope.querySelectorAll('[aria-invalid]'), function (node) { node.removeAttribute('aria-invalid'); });
    Array.prototype.forEach.call(scope.querySelectorAll('[aria-describedby]'), function (node) {
      var kept = node.getAttribute('aria-describedby').split(' ').filter(function (id) { return id && id.indexOf('err-') !== 0; });
      if (kept.length) { node.setAttribute('aria-describedby', kept.join(' ')); } else { node.removeAttribute('aria-describedby'); }
    });
    Array.prototype.forEach.call(scope.querySelectorAll('.error-list'), function (node) { node.textContent = ''; node.hidden = true; });
  }

  function findField(scope, key) {
    var all = scope.querySelectorAll('[data-field]');
    for (var i = 0; i < all.length; i++) { if (all[i].getAttribute('data-field') === key) { return all[i]; } }
    for (var j = 0; j < all.length; j++) { if (all[j].getAttribute('data-field').indexOf(key + '.') === 0) { return all[j]; } }
    var list = key.replace(/\[\d+\]$/, '');
    return list !== key ? findField(scope, list) : null;
  }

  function markField(field, messages) {
    var id = 'err-' + (++errorCount);
    var note = el('p', { 'class': 'field-error', id: id, text: messages.join(' ') });
    field.insertAdjacentElement('afterend', note);
    if (/^(INPUT|TEXTAREA|SELECT)$/.test(field.tagName)) { field.setAttribute('aria-invalid', 'true'); }
    var described = field.getAttribute('aria-describedby');
    field.setAttribute('aria-describedby', described ? described + ' ' + id : id);
  }

  // Puts each error next to its field; errors without a field go to the scope's list. Returns the first field.
  function showFieldErrors(scope, list, errors) {
    var first = null;
    var unplaced = [];
    Object.keys(errors).forEach(function (key) {
      var messages = Array.isArray(errors[key]) ? errors[key] : [String(errors[key])];
      var field = key === '$' ? null : findField(scope, key);
      if (field) { markField(field, messages); first = first || field; } else { unplaced.push(key + ': ' + messages.join(' ')); }
    });
    if (unplaced.length) { list.textContent = unplaced.join(' · '); list.hidden = false; }
    return first;
  }

  // --- HTTP ----------------------------------------------------------------------------------------------------------

  function randomKey() {
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join('');
  }

  function call(method, path, body, options) {
    options = options || {};
    var headers = { 'Accept': 'application/json' };
    if (method !== 'GET' || options.keyed) { headers['Authorization'] = 'Bearer ' + (sessionStorage.getItem(KEY_ITEM) || ''); }
    if (body !== undefined) { headers['Content-Type'] = 'application/json'; }
    if (options.ifMatch) { headers['If-Match'] = options.ifMatch; }
    if (options.idempotencyKey) { headers['Idempotency-Key'] = options.idempotencyKey; }
    return fetch(apiBase + '/api/v1' + path, {
      method: method,
      headers: headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      mode: 'cors'
    }).then(function (response) {
      var type = response.headers.get('Content-Type') || '';
      var read = type.indexOf('json') >= 0 ? response.json().catch(function () { return null; }) : Promise.resolve(null);
      return read.then(function (data) {
        return { ok: response.ok, status: response.status, data: data, etag: response.headers.get('ETag'), retryAfter: response.headers.get('Retry-After') };
      });
    }, function () { return { ok: false, status: 0, data: null, etag: null, retryAfter: null }; });
  }

  function townPath(suffix) { return '/towns/' + encodeURIComponent(town.slug) + suffix; }

  // Shows a failed write: field errors next to their fields, 412 with a reload button, the rest as plain messages.
  function reportFailure(result, scope, list) {
    if (result.status === 400 && result.data && result.data.errors) {
      var first = showFieldErrors(scope, list, result.data.errors);
      say('Nicht gespeichert: bitte die markierten Angaben korrigieren. / Not saved: please correct the marked fields.');
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
    say('Nicht gespeichert. / Not saved.');
  }

  // While a request runs, the buttons that send one are disabled (no double publish), the aid list buttons too.
  function setBusy(busy) {
    ['load', 'publish', 'reload', 'update-publish', 'aid-save', 'aid-delete', 'alert-reload'].forEach(function (id) { $(id).disabled = busy; });
    Array.prototype.forEach.call(document.querySelectorAll('.aid-action'), function (button) { button.disabled = busy; });
    $('editor').setAttribute('aria-busy', busy ? 'true' : 'false');
  }

  // --- loading -------------------------------------------------------------------------------------------------------

  function loadCatalogue() {
    if (catalogue.length) { return Promise.resolve(); }
    return call('GET', '/services').then(function (result) {
      if (result.ok && result.data && Array.isArray(result.data.services)) { catalogue = result.data.services; }
    });
  }

  function loadTown(message) {
    var slug = sessionStorage.getItem(TOWN_ITEM) || '';
    hideAlert();
    setBusy(true);
    say('Lade … / Loading …');
    return loadCatalogue().then(function () {
      return call('GET', '/towns/' + encodeURIComponent(slug));
    }).then(function (result) {
      setBusy(false);
      if (!result.ok) {
        $('workspace').hidden = true;
        $('login').hidden = false;
        showAlert(result.status === 404 ? 'Es gibt keine Gemeinde „' + slug + '“. / There is no such town.' : failureMessage(result), false);
        say('');
        return;
      }

      doc = result.data;
      etag = result.etag;
      town = { slug: doc.town.slug, name: doc.town.name, defaultLanguage: doc.town.defaultLanguage || 'de' };
      fill();
      return loadAid();
    }).then(function (loaded) {
      if (loaded === undefined) { return; }
      $('login').hidden = true;
      $('workspace').hidden = false;
      say(message || ('Stand von „' + town.name + '“ geladen. / Loaded.'), true);
    });
  }

  // What the town offers and what other towns offer it (GET …/aid needs the key). A failure here leaves the rest of
  // the console usable: the lists say they could not be loaded. Resolves to true once the lists are drawn.
  function loadAid() {
    return call('GET', townPath('/aid'), undefined, { keyed: true }).then(function (result) {
      if (!result.ok || !result.data) {
        renderAid({ offered: [], received: [] });
        var list = $('aid-received-errors');
        list.textContent = 'Die Hilfsangebote konnten nicht geladen werden. / Aid could not be loaded: ' + failureMessage(result);
        list.hidden = false;
        return true;
      }
      renderAid(result.data);
      return true;
    });
  }

  function fill() {
    $('town-name').textContent = town.name;
    $('town-slug').textContent = '(' + town.slug + ')';
    Array.prototype.forEach.call(document.querySelectorAll('input[name=level]'), function (radio) { radio.checked = radio.value === doc.level; });
    LANGS = FIXED_LANGS.concat(furtherLanguages(doc));
    removedLangs = [];
    drafts = {};
    LANGS.forEach(function (lang) { drafts[lang] = { headline: text(doc.headline, lang), summary: text(doc.summary, lang), update: '' }; });
    FIXED_LANGS.forEach(function (lang) {
      $('headline-' + lang).value = text(doc.headline, lang);
      $('summary-' + lang).value = text(doc.summary, lang);
    });
    renderLanguages();
    $('more-info').value = doc.moreInfoUrl || '';
    services = (doc.services || []).map(function (s) { return { id: s.id, name: s.name || {}, state: s.state, note: copy(s.note) }; });
    qa = (doc.qa || []).map(function (q) { return { id: q.id, question: copy(q.question), answer: copy(q.answer) }; });
    clearErrors($('workspace'));
    renderServices();
    renderQa();
    renderUpdates();
    renderAidServices();
    baseline = { status: JSON.stringify(statusBody()), services: JSON.stringify(servicesBody()), qa: JSON.stringify(qaBody()) };
    renderPreview();
  }

  function copy(localized) {
    var result = {};
    Object.keys(localized || {}).forEach(function (lang) { result[lang] = localized[lang]; });
    return result;
  }

  // The edited languages replace the stored ones; a language removed in the console is dropped.
  function localized(original, values) {
    var result = copy(original);
    removedLangs.forEach(function (lang) { delete result[lang]; });
    LANGS.forEach(function (lang) {
      var value = values[lang];
      if (value && value.trim()) { result[lang] = value; } else { delete result[lang]; }
    });
    return result;
  }

  function catalogueName(id) {
    for (var i = 0; i < catalogue.length; i++) { if (catalogue[i].id === id) { return catalogue[i].name; } }
    return null;
  }

  // --- bodies of the writes ----------------------------------------------------------------------------------------

  function statusBody() {
    var checked = document.querySelector('input[name=level]:checked');
    var body = {
      level: checked ? checked.value : null,
      headline: localized(doc.headline, valuesOf('headline')),
      summary: localized(doc.summary, valuesOf('summary'))
    };
    if ($('more-info').value.trim()) { body.moreInfoUrl = $('more-info').value.trim(); }
    return body;
  }

  function servicesBody() {
    return {
      services: services.map(function (s) {
        var entry = { id: s.id, state: s.state, note: localized(s.note, s.note) };
        if (!catalogueName(s.id)) { entry.name = s.name; }
        return entry;
      })
    };
  }

  function qaBody() {
    return { items: qa.map(function (q) { return { id: q.id, question: localized(q.question, q.question), answer: localized(q.answer, q.answer) }; }) };
  }

  // --- languages -----------------------------------------------------------------------------------------------------

  // Every language but de and en that any text of the town has, so that nothing it wrote is hidden from the editor.
  function furtherLanguages(document) {
    var found = {};
    var add = function (localizedText) { Object.keys(localizedText || {}).forEach(function (lang) { found[lang] = true; }); };
    add(document.headline);
    add(document.summary);
    (document.services || []).forEach(function (s) { add(s.note); });
    (document.qa || []).forEach(function (q) { add(q.question); add(q.answer); });
    (document.updates || []).forEach(function (u) { add(u.text); });
    return Object.keys(found).filter(function (lang) { return FIXED_LANGS.indexOf(lang) < 0; }).sort();
  }

  // The language's name in itself (Intl.DisplayNames, CLDR), as on the citizen page's language switch.
  function languageName(lang) {
    if (lang.toLowerCase() === 'de-x-ls') { return 'Leichte Sprache'; }
    try { return new Intl.DisplayNames([lang], { type: 'language' }).of(lang) || lang; } catch (e) { return lang; }
  }

  // 'rtl' or 'ltr' from CLDR (Intl.Locale text info); null when the browser cannot tell, and the field uses dir=auto.
  function direction(lang) {
    try {
      var locale = new Intl.Locale(lang);
      var info = typeof locale.getTextInfo === 'function' ? locale.getTextInfo() : locale.textInfo;
      return info && info.direction ? info.direction : null;
    } catch (e) { return null; }
  }

  // lang and dir of a field or text: a field in another script runs in its own direction while the publisher types.
  function marked(node, lang, within) {
    var around = within || 'de';
    if (lang === around) { return node; }
    node.setAttribute('lang', lang);
    if (lang !== 'en' || direction(around) === 'rtl') { node.setAttribute('dir', direction(lang) || 'auto'); }
    return node;
  }

  // The level and state words of a page in this language, as the citizen page chooses its labels: the tag's own
  // (de-x-ls), else its language's (uk for uk-UA), else English; without config.json, the console's German/English ones.
  function wordsFor(lang) {
    var found = [lang, lang.split('-')[0], 'en'].filter(function (tag) { return chrome[tag] && chrome[tag].levels && chrome[tag].states; })[0];
    if (found) { return { lang: found, levels: chrome[found].levels, states: chrome[found].states }; }
    var index = lang === 'de' || lang.indexOf('de-') === 0 ? 0 : 1;
    var pick = function (table) { var result = {}; Object.keys(table).forEach(function (key) { result[key] = table[key][index]; }); return result; };
    return { lang: index ? 'en' : 'de', levels: pick(LEVELS), states: pick(STATES) };
  }

  function fieldLabel(german, english, lang) {
    if (lang === 'de') { return german + ' (Deutsch)'; }
    if (lang === 'en') { return german + ' (Englisch) / ' + english + ' (English)'; }
    return german + ' (' + languageName(lang) + ', ' + lang + ')';
  }

  // The typed text of one field (headline, summary or update) in every edited language.
  function valuesOf(field) {
    var values = {};
    LANGS.forEach(function (lang) {
      var input = $(field + '-' + lang);
      values[lang] = input ? input.value : (drafts[lang] && drafts[lang][field]) || '';
    });
    return values;
  }

  function renderLanguages() {
    var box = $('extra-langs');
    var updates = $('update-extra');
    box.textContent = '';
    updates.textContent = '';
    LANGS.filter(function (lang) { return FIXED_LANGS.indexOf(lang) < 0; }).forEach(function (lang) {
      var name = languageName(lang);
      var remove = el('button', { type: 'button', 'class': 'secondary', id: 'lang-remove-' + lang }, ['Sprache entfernen', el('span', { 'class': 'vh', text: ' – ' + name })]);
      remove.addEventListener('click', function () { removeLanguage(lang); });
      box.append(el('fieldset', { 'class': 'lang-set', 'data-lang': lang }, [
        el('legend', { text: name + ' (' + lang + ')' }),
        labelled('headline-' + lang, fieldLabel('Überschrift', 'headline', lang), draftInput('input', lang, 'headline', 'headline.' + lang)),
        labelled('summary-' + lang, fieldLabel('Zusammenfassung', 'summary', lang), draftInput('textarea', lang, 'summary', 'summary.' + lang)),
        el('div', { 'class': 'item-actions' }, [remove])
      ]));
      updates.append(labelled('update-' + lang, fieldLabel('Neue Meldung', 'new update', lang), draftInput('textarea', lang, 'update', 'text.' + lang)));
    });
  }

  function draftInput(tag, lang, field, dataField) {
    var input = el(tag, tag === 'input' ? { type: 'text', autocomplete: 'off', 'data-field': dataField } : { rows: field === 'summary' ? '5' : '3', 'data-field': dataField });
    marked(input, lang);
    input.value = drafts[lang][field] || '';
    input.addEventListener('input', function () { drafts[lang][field] = input.value; if (field !== 'update') { renderPreview(); } });
    return input;
  }

  function addLanguage() {
    var lang = $('lang-add').value.trim();
    if (!/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})*$/.test(lang)) {
      say('Bitte einen Sprachcode wie uk, ar oder de-x-ls eingeben. / Please enter a language tag.', false);
      $('lang-add').focus();
      return;
    }
    var known = LANGS.filter(function (l) { return l.toLowerCase() === lang.toLowerCase(); })[0];
    if (!known) {
      LANGS.push(lang);
      removedLangs = removedLangs.filter(function (l) { return l.toLowerCase() !== lang.toLowerCase(); });
      drafts[lang] = { headline: '', summary: '', update: '' };
      renderLanguages();
      renderServices();
      renderQa();
      say(languageName(lang) + ' hinzugefügt (noch nicht veröffentlicht).');
    }
    $('lang-add').value = '';
    $('headline-' + (known || lang)).focus();
  }

  function removeLanguage(lang) {
    LANGS = LANGS.filter(function (l) { return l !== lang; });
    removedLangs.push(lang);
    delete drafts[lang];
    services.forEach(function (s) { delete s.note[lang]; });
    qa.forEach(function (q) { delete q.question[lang]; delete q.answer[lang]; });
    renderLanguages();
    renderServices();
    renderQa();
    renderPreview();
    say(languageName(lang) + ' entfernt (noch nicht veröffentlicht).');
    $('lang-add').focus();
  }

  // --- services ------------------------------------------------------------------------------------------------------

  function labelled(id, label, control) {
    control.id = id;
    return el('div', { 'class': 'field' }, [el('label', { 'for': id, text: label }), control]);
  }

  function textArea(value, field, lang, onInput) {
    var area = el('textarea', { rows: '2', 'data-field': field });
    marked(area, lang);
    area.value = value;
    area.addEventListener('input', function () { onInput(area.value); renderPreview(); });
    return area;
  }

  function renderServices() {
    var list = $('services');
    list.textContent = '';
    services.forEach(function (service, i) {
      var name = text(service.name, 'de') || text(service.name, 'en') || service.id;
      var select = el('select', { 'data-field': 'services[' + i + '].state' });
      Object.keys(STATES).forEach(function (state) {
        var option = el('option', { value: state, text: STATES[state][0] + ' / ' + STATES[state][1] });
        option.selected = state === service.state;
        select.append(option);
      });
      select.addEventListener('change', function () { service.state = select.value; renderPreview(); });
      var remove = el('button', { type: 'button', 'class': 'secondary' }, ['Entfernen', el('span', { 'class': 'vh', text: ' – ' + name })]);
      remove.addEventListener('click', function () {
        services.splice(i, 1);
        renderServices();
        renderPreview();
        say('„' + name + '“ entfernt (noch nicht veröffentlicht).');
        $('service-add').focus();
      });
      list.append(el('li', { 'class': 'item', 'data-field': 'services[' + i + ']', 'data-service': service.id }, [
        el('p', { 'class': 'item-title', text: name }),
        labelled('svc-' + i + '-state', 'Zustand: ' + name, select)
      ].concat(LANGS.map(function (lang) {
        return labelled('svc-' + i + '-note-' + lang, fieldLabel('Hinweis', 'note', lang), textArea(text(service.note, lang), 'services[' + i + '].note.' + lang, lang, function (v) { service.note[lang] = v; }));
      }), [el('div', { 'class': 'item-actions' }, [remove])])));
    });
    renderServiceChoices();
  }

  function renderServiceChoices() {
    var select = $('service-add');
    select.textContent = '';
    var taken = services.map(function (s) { return s.id; });
    catalogue.filter(function (c) { return taken.indexOf(c.id) < 0; }).forEach(function (c) {
      select.append(el('option', { value: c.id, text: text(c.name, 'de') || c.id }));
    });
    $('service-add-button').disabled = select.options.length === 0;
  }

  function addService() {
    var id = $('service-add').value;
    if (!id) { return; }
    services.push({ id: id, name: catalogueName(id) || { de: id }, state: 'unavailable', note: {} });
    renderServices();
    renderPreview();
    var select = $('svc-' + (services.length - 1) + '-state');
    if (select) { select.focus(); }
  }

  // --- Q&A -----------------------------------------------------------------------------------------------------------

  function renderQa() {
    var list = $('qa');
    list.textContent = '';
    qa.forEach(function (item, i) {
      var title = 'Frage ' + (i + 1);
      var up = el('button', { type: 'button', 'class': 'secondary', id: 'qa-' + i + '-up' }, ['Nach oben', el('span', { 'class': 'vh', text: ' – ' + title })]);
      var down = el('button', { type: 'button', 'class': 'secondary', id: 'qa-' + i + '-down' }, ['Nach unten', el('span', { 'class': 'vh', text: ' – ' + title })]);
      var remove = el('button', { type: 'button', 'class': 'secondary' }, ['Entfernen', el('span', { 'class': 'vh', text: ' – ' + title })]);
      up.disabled = i === 0;
      down.disabled = i === qa.length - 1;
      up.addEventListener('click', function () { moveQa(i, -1); });
      down.addEventListener('click', function () { moveQa(i, 1); });
      remove.addEventListener('click', function () {
        qa.splice(i, 1);
        renderQa();
        renderPreview();
        say(title + ' entfernt (noch nicht veröffentlicht).');
        $('qa-add').focus();
      });
      var fields = [];
      LANGS.forEach(function (lang) {
        fields.push(labelled('qa-' + i + '-q-' + lang, fieldLabel('Frage', 'question', lang), textArea(text(item.question, lang), 'items[' + i + '].question.' + lang, lang, function (v) { item.question[lang] = v; })));
        fields.push(labelled('qa-' + i + '-a-' + lang, fieldLabel('Antwort', 'answer', lang), textArea(text(item.answer, lang), 'items[' + i + '].answer.' + lang, lang, function (v) { item.answer[lang] = v; })));
      });
      list.append(el('li', { 'class': 'item', 'data-field': 'items[' + i + ']' },
        [el('p', { 'class': 'item-title', text: title })].concat(fields, [el('div', { 'class': 'item-actions' }, [up, down, remove])])));
    });
  }

  function moveQa(i, step) {
    var j = i + step;
    if (j < 0 || j >= qa.length) { return; }
    var moved = qa.splice(i, 1)[0];
    qa.splice(j, 0, moved);
    renderQa();
    renderPreview();
    say('Frage ' + (i + 1) + ' ist jetzt Frage ' + (j + 1) + ' (noch nicht veröffentlicht).');
    var button = $('qa-' + j + (step < 0 ? '-up' : '-down'));
    if (button && !button.disabled) { button.focus(); } else if ($('qa-' + j + '-q-de')) { $('qa-' + j + '-q-de').focus(); }
  }

  function addQa() {
    qa.push({ id: 'frage-' + Date.now().toString(36), question: {}, answer: {} });
    renderQa();
    $('qa-' + (qa.length - 1) + '-q-de').focus();
  }

  // --- preview -------------------------------------------------------------------------------------------------------

  function renderPreview() {
    var preview = $('preview');
    preview.textContent = '';
    var body = statusBody();
    LANGS.forEach(function (lang) {
      var headline = text(body.headline, lang);
      if (!headline && lang !== town.defaultLanguage) { return; }
      var words = wordsFor(lang);
      var part = el('div', { 'class': 'lang', lang: lang, dir: direction(lang) || 'auto' });
      part.append(el('p', { 'class': 'muted', lang: 'de', dir: 'ltr', text: lang === 'de' ? 'Deutsche Seite' : 'Seite in ' + languageName(lang) + ' (' + lang + ')' }));
      part.append(el('p', {}, [marked(el('span', { 'class': 'badge', text: body.level ? words.levels[body.level] : '–' }), words.lang, lang)]));
      part.append(el('h3', { text: headline || '(ohne Überschrift)' }));
      if (text(body.summary, lang)) { part.append(el('p', { text: text(body.summary, lang) })); }
      if (services.length) {
        var list = el('ul');
        services.forEach(function (s) {
          var line = (text(s.name, lang) || text(s.name, 'de') || s.id) + ': ' + words.states[s.state];
          var note = text(s.note, lang);
          list.append(el('li', { text: note ? line + ' – ' + note : line }));
        });
        part.append(list);
      }
      qa.forEach(function (q) {
        if (text(q.question, lang)) {
          part.append(el('p', {}, [el('strong', { text: text(q.question, lang) })]));
          part.append(el('p', { text: text(q.answer, lang) }));
        }
      });
      preview.append(part);
    });
  }

  // --- publish status, services, Q&A -----------------------------------------------------------------------------------

  function publish(event) {
    event.preventDefault();
    hideAlert();
    clearErrors($('editor'));
    var parts = [
      { name: 'status', path: '/status', body: statusBody(), scope: $('h-status').parentNode, list: $('status-errors') },
      { name: 'services', path: '/services', body: servicesBody(), scope: $('h-services').parentNode, list: $('services-errors') },
      { name: 'qa', path: '/qa', body: qaBody(), scope: $('h-qa').parentNode, list: $('qa-errors') }
    ].filter(function (part) { return JSON.stringify(part.body) !== baseline[part.name]; });
    if (!parts.length) { say('Nichts geändert. / Nothing changed.'); return; }

    setBusy(true);
    say('Veröffentliche … / Publishing …');
    var next = function (index) {
      if (index === parts.length) {
        return loadTown('Veröffentlicht. Die Bürgerseite zeigt es nach dem nächsten Render-Lauf. / Published.');
      }
      var part = parts[index];
      return call('PUT', townPath(part.path), part.body, { ifMatch: etag }).then(function (result) {
        if (!result.ok) { setBusy(false); reportFailure(result, part.scope, part.list); return undefined; }
        etag = result.etag || etag;
        baseline[part.name] = JSON.stringify(part.body);
        return next(index + 1);
      });
    };
    next(0);
  }

  // --- timeline updates --------------------------------------------------------------------------------------------

  function renderUpdates() {
    var list = $('updates');
    list.textContent = '';
    (doc.updates || []).forEach(function (update) {
      var when = new Date(update.at);
      var whenText = isNaN(when.getTime()) ? update.at : when.toLocaleString('de-DE');
      var remove = el('button', { type: 'button', 'class': 'secondary' }, ['Löschen', el('span', { 'class': 'vh', text: ' – Meldung vom ' + whenText })]);
      remove.addEventListener('click', function () { deleteUpdate(update.id); });
      var item = el('li', { 'class': 'item' }, [el('p', { 'class': 'update-at', text: whenText })]);
      LANGS.forEach(function (lang) {
        if (text(update.text, lang)) { item.append(marked(el('p', { 'class': 'update-text', text: text(update.text, lang) }), lang)); }
      });
      item.append(el('div', { 'class': 'item-actions' }, [remove]));
      list.append(item);
    });
    if (!(doc.updates || []).length) { list.append(el('li', { text: 'Noch keine Meldungen.' })); }
  }

  function postUpdate(event) {
    event.preventDefault();
    hideAlert();
    var form = $('update-form');
    clearErrors(form);
    var body = { text: localized({}, valuesOf('update')) };
    var json = JSON.stringify(body);
    if (!pendingUpdate || pendingUpdate.body !== json) { pendingUpdate = { body: json, key: randomKey() }; }
    setBusy(true);
    call('POST', townPath('/updates'), body, { ifMatch: etag, idempotencyKey: pendingUpdate.key }).then(function (result) {
      if (!result.ok) { setBusy(false); reportFailure(result, form, $('update-errors')); return; }
      pendingUpdate = null;
      LANGS.forEach(function (lang) { if ($('update-' + lang)) { $('update-' + lang).value = ''; } drafts[lang].update = ''; });
      loadTown('Meldung veröffentlicht. / Update published.');
    });
  }

  function deleteUpdate(id) {
    if (!window.confirm('Diese Meldung wirklich löschen? / Delete this update?')) { return; }
    hideAlert();
    setBusy(true);
    call('DELETE', townPath('/updates/' + encodeURIComponent(id)), undefined, { ifMatch: etag }).then(function (result) {
      if (!result.ok) { setBusy(false); reportFailure(result, $('update-form'), $('update-errors')); return; }
      loadTown('Meldung gelöscht. / Update deleted.');
    });
  }

  // --- aid offers ------------------------------------------------------------------------------------------------------

  function renderAidServices() {
    var select = $('aid-service');
    var chosen = select.value;
    select.textContent = '';
    catalogue.forEach(function (c) { select.append(el('option', { value: c.id, text: text(c.name, 'de') || c.id })); });
    if (chosen) { select.value = chosen; }
  }

  function endOfDay(date) {
    var parts = date.split('-');
    if (parts.length !== 3) { return date; }
    var local = new Date(Number(parts[0]), Number(parts[1]) - 1, Number(parts[2]), 23, 59, 59);
    var offset = -local.getTimezoneOffset();
    var sign = offset < 0 ? '-' : '+';
    var abs = Math.abs(offset);
    var pad = function (n) { return (n < 10 ? '0' : '') + n; };
    return date + 'T23:59:59' + sign + pad(Math.floor(abs / 60)) + ':' + pad(abs % 60);
  }

  function aidRequest(method) {
    hideAlert();
    var form = $('aid-form');
    clearErrors(form);
    var id = $('aid-id').value.trim();
    if (!id) {
      showFieldErrors(form, $('aid-errors'), { offerId: ['Bitte eine Kennung eingeben, z. B. kfz-fuer-nachbarn.'] });
      $('aid-id').focus();
      return;
    }

    if (method === 'DELETE' && !window.confirm('Hilfsangebot „' + id + '“ wirklich löschen? / Delete this aid offer?')) { return; }
    var body;
    if (method === 'PUT') {
      body = {
        service: $('aid-service').value,
        forTowns: $('aid-for').value.split(',').map(function (s) { return s.trim(); }).filter(function (s) { return s; }),
        note: localized({}, { de: $('aid-note-de').value, en: $('aid-note-en').value })
      };
      if ($('aid-until').value) { body.validUntil = endOfDay($('aid-until').value); }
    }

    setBusy(true);
    call(method, townPath('/aid/' + encodeURIComponent(id)), body, { ifMatch: etag }).then(function (result) {
      if (!result.ok) { setBusy(false); reportFailure(result, form, $('aid-errors')); return; }
      loadTown(method === 'PUT' ? 'Hilfsangebot „' + id + '“ gespeichert. / Aid offer saved.' : 'Hilfsangebot „' + id + '“ gelöscht. / Aid offer deleted.');
    });
  }

  function offerText(note) { return text(note, 'de') || text(note, 'en'); }

  function serviceName(id) { return text(catalogueName(id), 'de') || id; }

  function untilText(validUntil) {
    if (!validUntil) { return 'unbefristet'; }
    var until = new Date(validUntil);
    return 'bis ' + (isNaN(until.getTime()) ? validUntil : until.toLocaleDateString('de-DE'));
  }

  function renderAid(aid) {
    var offered = $('aid-offered');
    offered.textContent = '';
    (aid.offered || []).forEach(function (offer) {
      var edit = el('button', { type: 'button', 'class': 'secondary aid-action' }, ['Bearbeiten', el('span', { 'class': 'vh', text: ' – Angebot ' + offer.offerId })]);
      edit.addEventListener('click', function () { editOffer(offer); });
      var towns = (offer.forTowns || []).length ? 'für ' + offer.forTowns.join(', ') : 'für alle Nachbarn';
      offered.append(el('li', { 'class': 'item' }, [
        el('p', {}, [el('strong', { text: offer.offerId }), ' – ' + serviceName(offer.service) + ', ' + towns + ', ' + untilText(offer.validUntil)]),
        el('p', { text: offerText(offer.note) }),
        el('div', { 'class': 'item-actions' }, [edit])
      ]));
    });
    if (!(aid.offered || []).length) { offered.append(el('li', { text: 'Ihre Gemeinde bietet noch keine Hilfe an.' })); }

    var received = $('aid-received');
    received.textContent = '';
    $('aid-received-errors').hidden = true;
    $('aid-received-errors').textContent = '';
    (aid.received || []).forEach(function (offer) {
      var label = offer.provider + ' – ' + serviceName(offer.service);
      var button = offer.accepted
        ? el('button', { type: 'button', 'class': 'secondary aid-action' }, ['Ablehnen', el('span', { 'class': 'vh', text: ' – ' + label })])
        : el('button', { type: 'button', 'class': 'aid-action' }, ['Annehmen', el('span', { 'class': 'vh', text: ' – ' + label })]);
      button.addEventListener('click', function () { answerOffer(offer, !offer.accepted); });
      received.append(el('li', { 'class': 'item' }, [
        el('p', {}, [el('strong', { text: offer.provider }), ' übernimmt: ' + serviceName(offer.service) + ', ' + untilText(offer.validUntil)]),
        el('p', { text: offerText(offer.note) }),
        el('p', { 'class': offer.accepted ? 'aid-state accepted' : 'aid-state', text: offer.accepted
          ? 'Angenommen: erscheint auf Ihrer Bürgerseite. / Accepted.'
          : 'Nicht angenommen: erscheint nirgends. / Not accepted.' }),
        el('div', { 'class': 'item-actions' }, [button])
      ]));
    });
    if (!(aid.received || []).length) { received.append(el('li', { text: 'Keine Angebote anderer Gemeinden für Ihre Gemeinde.' })); }
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
  function answerOffer(offer, accept) {
    hideAlert();
    setBusy(true);
    var path = townPath('/accepted-aid/' + encodeURIComponent(offer.provider) + '/' + encodeURIComponent(offer.offerId));
    call(accept ? 'PUT' : 'DELETE', path, undefined, { ifMatch: etag }).then(function (result) {
      if (!result.ok) { setBusy(false); reportFailure(result, $('aid-received-card'), $('aid-received-errors')); return; }
      loadTown(accept
        ? 'Angebot von „' + offer.provider + '“ angenommen: es erscheint nach dem nächsten Render-Lauf. / Accepted.'
        : 'Angebot von „' + offer.provider + '“ abgelehnt: es erscheint nicht mehr. / Declined.');
    });
  }

  // --- key and town ----------------------------------------------------------------------------------------------------

  function login(event) {
    event.preventDefault();
    hideAlert();
    var form = $('login');
    clearErrors(form);
    var slug = $('town').value.trim().toLowerCase();
    var key = $('key').value.trim();
    var errors = {};
    if (!slug) { errors.town = ['Bitte das Kürzel der Gemeinde eingeben.']; }
    if (!key) { errors.key = ['Bitte den Schlüssel eingeben.']; }
    if (Object.keys(errors).length) {
      var first = showFieldErrors(form, $('status'), errors);
      if (first) { first.focus(); }
      return;
    }

    sessionStorage.setItem(TOWN_ITEM, slug);
    sessionStorage.setItem(KEY_ITEM, key);
    if (town && town.slug === slug && !$('workspace').hidden) {
      $('login').hidden = true;
      say('Schlüssel übernommen: bitte erneut veröffentlichen. / Key updated: publish again.', true);
      $('publish').focus();
      return;
    }
    loadTown();
  }

  function forget() {
    sessionStorage.removeItem(KEY_ITEM);
    $('key').value = '';
    $('workspace').hidden = true;
    $('login').hidden = false;
    hideAlert();
    say('Der Schlüssel wurde aus diesem Tab entfernt. / The key was removed from this tab.', true);
    $('key').focus();
  }

  function start(config) {
    apiBase = config && typeof config.apiBaseUrl === 'string' ? config.apiBaseUrl.replace(/\/+$/, '') : '';
    chrome = config && config.labels && typeof config.labels === 'object' ? config.labels : {};
    $('noscript').hidden = true;
    $('login').hidden = false;
    $('town').setAttribute('data-field', 'town');
    $('key').setAttribute('data-field', 'key');
    $('login').addEventListener('submit', login);
    $('forget').addEventListener('click', forget);
    $('forget-loaded').addEventListener('click', forget);
    $('switch').addEventListener('click', function () {
      $('workspace').hidden = true;
      $('login').hidden = false;
      hideAlert();
      say('');
      $('town').focus();
    });
    $('editor').addEventListener('submit', publish);
    $('editor').addEventListener('input', renderPreview);
    $('editor').addEventListener('change', renderPreview);
    $('reload').addEventListener('click', function () { loadTown('Neu geladen: Ihre nicht veröffentlichten Änderungen wurden verworfen.'); });
    $('alert-reload').addEventListener('click', function () { loadTown('Neu geladen: bitte die Änderung noch einmal eintragen und veröffentlichen. / Reloaded.'); });
    $('service-add-button').addEventListener('click', addService);
    $('qa-add').addEventListener('click', addQa);
    $('lang-add-button').addEventListener('click', addLanguage);
    $('lang-add').addEventListener('keydown', function (event) { if (event.key === 'Enter') { event.preventDefault(); addLanguage(); } });
    $('update-form').addEventListener('submit', postUpdate);
    $('aid-form').addEventListener('submit', function (event) { event.preventDefault(); aidRequest('PUT'); });
    $('aid-delete').addEventListener('click', function () { aidRequest('DELETE'); });

    var savedTown = sessionStorage.getItem(TOWN_ITEM);
    var savedKey = sessionStorage.getItem(KEY_ITEM);
    if (savedTown) { $('town').value = savedTown; }
    if (savedTown && savedKey) { $('key').value = savedKey; loadTown(); }
  }

  document.addEventListener('DOMContentLoaded', function () {
    fetch('/publish/config.json', { cache: 'no-cache', credentials: 'omit' })
      .then(function (response) { return response.ok ? response.json() : {}; })
      .catch(function () { return {}; })
      .then(start);
  });
}());
