// What the console holds between calls: the API base, the loaded town and the edits not yet published.
export const FIXED_LANGS = ['de', 'en'];

export const state = {
  apiBase: '',
  catalogue: [],
  town: null,            // { slug, name, defaultLanguage }
  etag: null,            // the town's ETag, sent as If-Match on every write
  doc: null,             // the town document as last loaded
  langs: FIXED_LANGS.slice(), // de, en, then every further language the town writes or the publisher added
  removedLangs: [],      // languages removed in the console: dropped from every text on publish
  drafts: {},            // lang -> { headline, summary, update } of the further languages, as typed
  services: [],          // [{ id, name, state, note }] as edited
  qa: [],                // [{ id, question, answer }] as edited
  baseline: {},          // JSON of each section's body as loaded (only changed sections are sent)
  pendingUpdate: null    // { body, key }: a retried update reuses its Idempotency-Key
};
