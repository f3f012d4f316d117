// Runs every read of the statuspage.io npm client (the version package.json pins) against one town of a running hub.
// Usage: node statuspage-client.js <base URL>, e.g. http://127.0.0.1:41234/moessingen
// The client joins its base URL and its '/api/v2/...' paths with axios (baseURL + path), so a town's folder works as
// the base URL: no proxy and no own origin per town is needed. Prints { requested, results } as JSON; exits 1 on error.
'use strict';
const { Statuspage } = require('statuspage.io');

async function main() {
  const baseUrl = process.argv[2];
  if (!baseUrl) {
    throw new Error('usage: node statuspage-client.js <base URL>');
  }

  // The page id only makes the default base URL (https://<id>.statuspage.io), which setApiUrl replaces.
  const client = new Statuspage('statushub');
  client.setApiUrl(baseUrl);
  const requested = [];
  client.apiClient.interceptors.request.use((config) => {
    requested.push(client.apiClient.getUri(config));
    return config;
  });

  const calls = {
    summary: () => client.api.getSummary(),
    status: () => client.api.getStatus(),
    components: () => client.api.getComponents(),
    incidents: () => client.api.incidents.getAll(),
    unresolvedIncidents: () => client.api.incidents.getUnresolved(),
    scheduledMaintenances: () => client.api.scheduledMaintenances.getAll(),
    upcomingMaintenances: () => client.api.scheduledMaintenances.getUpcoming(),
    activeMaintenances: () => client.api.scheduledMaintenances.getActive(),
  };
  const results = {};
  for (const [name, call] of Object.entries(calls)) {
    results[name] = await call();
  }

  process.stdout.write(JSON.stringify({ requested, results }));
}

main().catch((error) => {
  process.stderr.write(`${error.stack || error}\n${error.config ? `request: ${error.config.url}` : ''}\n`);
  process.exit(1);
});
