// Soak benchmark: RADAR as one process per subgraph of the manifest and one for the gateway, a mixed read/write
// workload through the gateway for a bounded time, then throughput, answers by status and each process's memory
// before, after and after an idle pause. Durations come from the environment so it can be run short:
//   SOAK_SECONDS (180), SOAK_WARMUP_SECONDS (10), SOAK_IDLE_SECONDS (90), SOAK_CONNECTIONS (8), SOAK_WRITE_SHARE (0.15)
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { subgraph, subgraphs } from '@radar/common/manifest';

const SERVICES = [...subgraphs.map(({ name }) => name), 'gateway'];

if (process.argv[2] === 'serve') {
  await serve(process.argv[3]);
} else {
  process.exit(await soak());
}

/** Runs one service in this (child) process and answers the parent's questions about it over IPC. */
async function serve(name) {
  const service = await startService(name);
  process.on('message', async (message) => {
    if (message.type === 'memory') {
      // After the idle pause, a full collection as well shows what is retained rather than not yet collected.
      if (message.collect) globalThis.gc?.();
      process.send({ type: 'memory', memory: process.memoryUsage() });
    }
    if (message.type === 'mint') {
      const { SubgraphOrganisationDirectory, tokenSignerFrom, commonEnvSchema, parseEnv } = await import(
        '@radar/common'
      );
      const { localOperator, mintKey } = await import('@radar/identity');
      const lookup = {
        organisations: new SubgraphOrganisationDirectory(
          process.env.ORGANISATIONS_URL,
          tokenSignerFrom(parseEnv(commonEnvSchema, process.env)),
        ),
        requestId: 'soak',
      };
      const request = { role: 'curator', label: 'soak benchmark' };
      const { token } = await mintKey(service.db.orm.em.fork(), localOperator, lookup, request);
      process.send({ type: 'mint', token });
    }
    if (message.type === 'stop') {
      await service.stop();
      process.send({ type: 'stop' }, () => process.exit(0));
    }
  });
  process.send({ type: 'ready', url: service.server.url });
}

async function startService(name) {
  const { loadGatewayConfig, startGateway, subgraphBindings } = await import('@radar/gateway');
  if (name === 'gateway') return startGateway(loadGatewayConfig());
  // A subgraph that starts after this one is reached where the environment says it is.
  const addressOf = (called) => () => process.env[subgraph(called).urlVariable] || subgraph(called).defaultUrl;
  return subgraphBindings[name].start({ environment: process.env, addressOf, options: { seed: true } });
}

function seconds(name, fallback, min) {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value < min) {
    console.error(`${name} must be a number ≥ ${min}, not "${process.env[name]}"`);
    process.exit(1);
  }
  return value;
}

/** Sends a message to a child and waits for its answer of the same type. */
function ask(child, message, timeoutMs = 120_000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer to ${message.type} within ${timeoutMs} ms`)), timeoutMs);
    const onMessage = (answer) => {
      if (answer.type !== message.type) return;
      clearTimeout(timer);
      child.off('message', onMessage);
      resolve(answer);
    };
    child.on('message', onMessage);
    if (message.type !== 'ready') child.send(message);
  });
}

async function soak() {
  const loadSeconds = seconds('SOAK_SECONDS', 180, 1);
  const warmupSeconds = seconds('SOAK_WARMUP_SECONDS', 10, 0);
  const idleSeconds = seconds('SOAK_IDLE_SECONDS', 90, 0);
  const connections = seconds('SOAK_CONNECTIONS', 8, 1);
  const writeShare = seconds('SOAK_WRITE_SHARE', 0.15, 0);

  const { databaseName, dropServerDatabase, generateSigningKey } = await import('@radar/common');
  const { seedIds } = await import('@radar/organisations/fixture');
  const { practiceSeedIds } = await import('@radar/practices/fixture');
  const { projectSeedIds } = await import('@radar/projects');

  const prefix = `radar_soak${randomBytes(4).toString('hex')}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'radar-soak-'));
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL: process.env.SOAK_LOG_LEVEL ?? 'silent',
    RADAR_SIGNING_KEYS: JSON.stringify({ keys: [generateSigningKey()] }),
    RADAR_DATA_DIR: dataDir,
    RADAR_DUMP_EVERY_HOURS: '0',
    DATABASE_PREFIX: prefix,
    ...Object.fromEntries(subgraphs.map(({ portVariable }) => [portVariable, '0'])),
    GATEWAY_PORT: '0',
  };
  const children = new Map();
  let exitCode = 0;
  try {
    for (const name of SERVICES) {
      const child = fork(fileURLToPath(import.meta.url), ['serve', name], {
        env,
        stdio: 'inherit',
        execArgv: ['--expose-gc'],
      });
      children.set(name, child);
      const exited = new Promise((_resolve, reject) =>
        child.once('exit', (code) => reject(new Error(`the ${name} process exited (${code}) while starting`))),
      );
      const { url } = await Promise.race([ask(child, { type: 'ready' }), exited]);
      if (name !== 'gateway') env[subgraph(name).urlVariable] = `${url}/graphql`;
      else env.GATEWAY_URL = `${url}/graphql`;
    }
    const { token } = await ask(children.get('identity'), { type: 'mint' });
    const memory = async (collect = false) =>
      Object.fromEntries(
        await Promise.all(
          SERVICES.map(async (name) => [name, (await ask(children.get(name), { type: 'memory', collect })).memory]),
        ),
      );

    const workload = makeWorkload({ token, writeShare, seedIds, practiceSeedIds, projectSeedIds });
    const started = await memory();
    await drive(env.GATEWAY_URL, workload, connections, warmupSeconds);
    const warmedUp = await memory();
    const result = await drive(env.GATEWAY_URL, workload, connections, loadSeconds);
    const loaded = await memory();
    await new Promise((resolve) => setTimeout(resolve, idleSeconds * 1000));
    const rested = await memory();
    const collected = await memory(true);

    const database = process.env.DATABASE_URL ? 'PostgreSQL server' : 'embedded PGlite';
    console.log(
      `\n${database}, NODE_ENV=production, ${connections} connections, ${Math.round(writeShare * 100)}% writes, ` +
        `${warmupSeconds}s warm-up, ${loadSeconds}s load, ${idleSeconds}s idle\n`,
    );
    const errors = result.requests - (result.byStatus['200'] ?? 0);
    console.log(
      `${result.requests} requests in ${result.seconds.toFixed(1)}s: ${(result.requests / result.seconds).toFixed(1)} req/s, ` +
        `p50 ${percentile(result.latencies, 0.5)} ms, p99 ${percentile(result.latencies, 0.99)} ms, ${errors} errors`,
    );
    console.log(`answers by status: ${JSON.stringify(result.byStatus)}`);
    console.log(`by operation: ${JSON.stringify(result.byOperation)}`);
    if (result.samples.length > 0) console.log(`first errors:\n  ${result.samples.join('\n  ')}`);

    const mb = (bytes) => (bytes / 1024 / 1024).toFixed(1);
    const header = [
      'process',
      'rss started',
      'warmed up',
      'after load',
      'after idle',
      'heap started',
      'warmed up',
      'after load',
      'after idle',
      'after gc',
      'idle vs warm-up',
    ];
    const rows = SERVICES.map((name) => {
      const column = (snapshot, key) => mb(snapshot[name][key]);
      const back = [
        rested[name].rss <= warmedUp[name].rss ? 'rss below' : 'rss ABOVE',
        collected[name].heapUsed <= warmedUp[name].heapUsed ? 'heap below' : 'heap ABOVE',
      ].join(', ');
      return [
        name,
        ...[started, warmedUp, loaded, rested].map((snapshot) => column(snapshot, 'rss')),
        ...[started, warmedUp, loaded, rested, collected].map((snapshot) => column(snapshot, 'heapUsed')),
        back,
      ];
    });
    console.log(
      '\nmemory in MiB (rss, then V8 heap used; "after gc" is after a full collection that follows the idle pause)',
    );
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
    for (const row of [header, ...rows]) console.log(row.map((cell, i) => cell.padStart(widths[i])).join('  '));

    if (errors > 0) {
      console.error('\nsome requests failed or were answered with a status other than 200');
      exitCode = 1;
    }
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    exitCode = 1;
  } finally {
    for (const name of [...SERVICES].reverse()) {
      const child = children.get(name);
      if (!child || child.exitCode !== null) continue;
      await ask(child, { type: 'stop' }, 30_000).catch(() => child.kill('SIGKILL'));
    }
    if (process.env.DATABASE_URL) {
      for (const service of SERVICES) {
        await dropServerDatabase(process.env.DATABASE_URL, databaseName({ DATABASE_PREFIX: prefix }, service));
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
  return exitCode;
}

/** The operations partners send, weighted: searches and lookups across subgraphs, and curator writes. */
function makeWorkload({ token, writeShare, seedIds, practiceSeedIds, projectSeedIds }) {
  const organisationIds = Object.values(seedIds);
  const practiceIds = Object.values(practiceSeedIds);
  const projectIds = Object.values(projectSeedIds);
  const pick = (list, n) => list[n % list.length];
  const reads = [
    ['organisations', () => ({ query: '{ organisations(first: 20) { totalCount nodes { id name country } } }' })],
    [
      'practiceSearch',
      () => ({
        query: '{ practices(first: 10, filter: { text: "health" }) { totalCount nodes { id title owner { name } } } }',
      }),
    ],
    [
      'practice',
      (n) => ({
        query: `query($id: UUID!) { practice(id: $id) { id title owner { name } adoptions { country project { title } } projects { title } } }`,
        variables: { id: pick(practiceIds, n) },
      }),
    ],
    [
      'project',
      (n) => ({
        query: 'query($id: UUID!) { project(id: $id) { id acronym title } }',
        variables: { id: pick(projectIds, n) },
      }),
    ],
    [
      'organisation',
      (n) => ({
        query:
          'query($id: UUID!) { organisation(id: $id) { id name practices(first: 5) { totalCount nodes { title } } } }',
        variables: { id: pick(organisationIds, n) },
      }),
    ],
  ];
  const writes = [
    [
      'createOrganisation',
      (n) => ({
        query: 'mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }',
        variables: { input: { name: `Soak organisation ${n}`, kind: 'COMPANY', country: 'RO' } },
      }),
    ],
    [
      'registerPractice',
      (n) => ({
        query: 'mutation($input: RegisterPracticeInput!) { registerPractice(input: $input) { id } }',
        variables: {
          input: {
            title: `Soak practice ${n}`,
            summary: 'Registered by the soak benchmark.',
            type: 'METHOD_TOOL',
            maturity: 'PILOT',
            ownerId: pick(organisationIds, n),
          },
        },
      }),
    ],
  ];
  return (n) => {
    const write = (n * 7919) % 1000 < writeShare * 1000;
    const [name, make] = write ? pick(writes, n) : pick(reads, n);
    return { name, body: JSON.stringify(make(n)), headers: write ? { authorization: `Bearer ${token}` } : {} };
  };
}

/** Keeps `connections` requests in flight for `seconds`, and counts what came back. */
async function drive(url, workload, connections, seconds) {
  const result = { requests: 0, byStatus: {}, byOperation: {}, latencies: [], samples: [], seconds };
  if (seconds === 0) return result;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  let sequence = 0;
  const client = async () => {
    while (performance.now() < deadline) {
      const { name, body, headers } = workload(sequence++);
      const sent = performance.now();
      let status;
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body,
          signal: AbortSignal.timeout(30_000),
        });
        const answer = await response.json();
        status = response.status === 200 && answer.errors ? '200 with errors' : String(response.status);
        if (status !== '200' && result.samples.length < 5) {
          result.samples.push(`${name}: ${status} ${JSON.stringify(answer.errors ?? answer).slice(0, 300)}`);
        }
      } catch (error) {
        status = error.name === 'TimeoutError' ? 'timeout' : 'network error';
        if (result.samples.length < 5) result.samples.push(`${name}: ${error.message}`);
      }
      result.latencies.push(performance.now() - sent);
      result.requests += 1;
      result.byStatus[status] = (result.byStatus[status] ?? 0) + 1;
      result.byOperation[name] = (result.byOperation[name] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: connections }, client));
  result.seconds = (performance.now() - started) / 1000;
  return result;
}

function percentile(values, p) {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]);
}
