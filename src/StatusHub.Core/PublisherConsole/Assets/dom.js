// Building and finding nodes. Every text from the API or the user is set with textContent or value, never as HTML.
export function $(id) { return document.getElementById(id); }

export function el(tag, attributes, children) {
  const node = document.createElement(tag);
  Object.keys(attributes || {}).forEach((name) => {
    if (name === 'text') { node.textContent = attributes[name]; } else { node.setAttribute(name, attributes[name]); }
  });
  (children || []).forEach((child) => node.append(child));
  return node;
}

// The text of a localized value ({ de: …, en: … }) in one language, or ''.
export function text(localized, lang) { return localized && typeof localized[lang] === 'string' ? localized[lang] : ''; }

export function labelled(id, label, control) {
  control.id = id;
  return el('div', { 'class': 'field' }, [el('label', { 'for': id, text: label }), control]);
}

export function say(message, ok) {
  const status = $('status');
  status.textContent = message;
  status.className = ok ? 'status ok' : 'status';
}

export function showAlert(message, offerReload) {
  $('alert-text').textContent = message;
  $('alert-reload').hidden = !offerReload;
  $('alert').hidden = false;
  $('alert').scrollIntoView({ block: 'nearest' });
  if (offerReload) { $('alert-reload').focus(); }
}

export function hideAlert() { $('alert').hidden = true; $('alert-text').textContent = ''; }

// While a request runs, the buttons that send one are disabled (no double publish), the aid list buttons too.
export function setBusy(busy) {
  ['load', 'publish', 'reload', 'update-publish', 'aid-save', 'aid-delete', 'alert-reload'].forEach((id) => { $(id).disabled = busy; });
  document.querySelectorAll('.aid-action').forEach((button) => { button.disabled = busy; });
  $('editor').setAttribute('aria-busy', busy ? 'true' : 'false');
}
