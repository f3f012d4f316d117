// The console's words, from the label files of the citizen pages (src/StatusHub.Core/Localization/*.json, key
// "console"), served as the generated module labels.js. The console speaks German, with English where it says so.
import labels from './labels.js';

// The service states in the order the console offers them.
export const STATES = ['available', 'limited', 'unavailable', 'unknown'];

function format(template, args) {
  return template.replace(/\{(\d+)\}/g, (placeholder, index) => String(args[Number(index)]));
}

// The German text of a console label, {0}, {1}, … filled in.
export function t(key, ...args) { return format(labels.de.console[key], args); }

// The English text of a console label.
export function en(key, ...args) { return format(labels.en.console[key], args); }

// "German / English".
export function both(key, ...args) { return t(key, ...args) + ' / ' + en(key, ...args); }

// A service state as the console's choice offers it: "Möglich / Possible".
export function stateChoice(state) { return labels.de.states[state] + ' / ' + labels.en.states[state]; }

// The level and state words of a page in this language, as the citizen page chooses its labels: the tag's own
// (de-x-ls), else its language's (uk for uk-UA), else English.
export function wordsFor(lang) {
  const found = [lang, lang.split('-')[0]].filter((tag) => Object.prototype.hasOwnProperty.call(labels, tag))[0] || 'en';
  return { lang: found, levels: labels[found].levels, states: labels[found].states };
}
