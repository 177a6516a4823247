// Benchmarks one organisations query straight to the subgraph and through the gateway, and reports the throughput ratio.
import { randomBytes, randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { anonymous, createTokenSigner, databaseName, dropServerDatabase, generateSigningKey } from '@radar/common';
import { loadGatewayConfig, startGateway } from '@radar/gateway';
import { loadConfig, startOrganisations } from '@radar/organisations';
import autocannon from 'autocannon';

const TARGET_RATIO = 0.5;
const WARMUP_SECONDS = 2;
const QUERY = `query Bench { organisations(first: 20) { totalCount nodes {
  id name acronym kind country identifiers { scheme value } memberships { name } } } }`;
const BODY = JSON.stringify({ query: QUERY, operationName: 'Bench' });

const { values: flags } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    'node-env': { type: 'string', default: 'production' },
  },
});
const duration = Number(flags.duration);
const connections = Number(flags.connections);
if (!(duration > 0) || !(Number.isInteger(connections) && connections > 0)) {
  console.error('usage: node test/bench/gateway.mjs [--duration seconds] [--connections n] [--node-env mode]');
  process.exit(1);
}

const signingKeys = JSON.stringify({ keys: [generateSigningKey()] });
const signer = createTokenSigner(signingKeys);
const prefix = `radar_bench${randomBytes(4).toString('hex')}`;
const env = {
  NODE_ENV: flags['node-env'],
  LOG_LEVEL: 'silent',
  RADAR_SIGNING_KEYS: signingKeys,
  ORGANISATIONS_PORT: '0',
  GATEWAY_PORT: '0',
  DATABASE_URL: process.env.DATABASE_URL,
  DATABASE_PREFIX: prefix,
};
const embedded = env.DATABASE_URL ? {} : { embeddedDataDir: 'memory://' };

/** One POST through fetch, to check the answer is a real one before measuring. */
async function check(label, url, headers) {
  const response = await fetch(url, { method: 'POST', headers: headers(), body: BODY });
  const body = await response.json().catch(() => null);
  const nodes = body?.data?.organisations?.nodes;
  if (response.status !== 200 || body?.errors || !Array.isArray(nodes) || nodes.length === 0) {
    throw new Error(`${label}: bad answer (HTTP ${response.status}): ${JSON.stringify(body).slice(0, 500)}`);
  }
}

function load(url, headers, seconds) {
  // Headers made per request: a subgraph token is good for one request only.
  const requests = [{ method: 'POST', body: BODY, setupRequest: (request) => ({ ...request, headers: headers() }) }];
  return autocannon({ url, requests, connections, duration: seconds });
}

async function measure(label, url, headers) {
  await check(label, url, headers);
  await load(url, headers, WARMUP_SECONDS);
  const result = await load(url, headers, duration);
  return {
    label,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    failures: result.errors + result.timeouts + result.non2xx,
  };
}

let org;
let gw;
let exitCode = 0;
try {
  org = await startOrganisations(loadConfig(env), { seed: true, ...embedded });
  gw = await startGateway(loadGatewayConfig({ ...env, ORGANISATIONS_URL: `${org.server.url}/graphql` }));

  const json = () => ({ 'content-type': 'application/json' });
  const signed = () => ({
    ...json(),
    ...signer.headersFor({ caller: anonymous, requestId: `bench-${randomUUID()}`, body: BODY }),
  });

  const rows = [
    await measure('direct', `${org.server.url}/graphql`, signed),
    await measure('gateway', `${gw.server.url}/graphql`, json),
  ];
  const [direct, gateway] = rows;
  const ratio = gateway.rps / direct.rps;

  const database = env.DATABASE_URL ? 'PostgreSQL server' : 'PGlite in memory';
  console.log(`\n${database}, NODE_ENV=${env.NODE_ENV}, ${connections} connections, ${duration}s per target\n`);
  const header = ['target', 'req/s', 'p50 ms', 'p99 ms', 'requests', 'errors/non-2xx'];
  const table = rows.map((r) => [r.label, r.rps.toFixed(1), r.p50, r.p99, r.requests, r.failures].map(String));
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
  for (const row of [header, ...table]) console.log(row.map((cell, i) => cell.padStart(widths[i])).join('  '));
  const verdict = ratio >= TARGET_RATIO ? 'meets' : 'MISSES';
  console.log(`\ngateway/direct throughput: ${ratio.toFixed(2)} (${verdict} target ≥ ${TARGET_RATIO.toFixed(2)})`);

  if (rows.some((r) => r.failures > 0)) {
    console.error('some requests errored or were answered with a non-2xx status');
    exitCode = 1;
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  exitCode = 1;
} finally {
  await gw?.stop();
  await org?.stop();
  if (env.DATABASE_URL) {
    for (const service of ['organisations']) {
      await dropServerDatabase(env.DATABASE_URL, databaseName({ DATABASE_PREFIX: prefix }, service));
    }
  }
}
process.exit(exitCode);
