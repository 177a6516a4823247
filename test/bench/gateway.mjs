// Benchmarks RADAR's gateway against a plain @apollo/gateway and Hive Gateway over the same supergraph and the same
// three subgraphs, each gateway in its own process: a one-subgraph, a three-subgraph and a deep twinning query, and a
// mixed read workload, uncached and (RADAR) cached; prints req/s, p50/p99, errors and the target ratios.
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const PLAIN_TARGET = 0.95;
const HIVE_TARGET = 1.0;
const WARMUP_SECONDS = 2;
const SUPERGRAPH = fileURLToPath(new URL('../../schema/supergraph.graphql', import.meta.url));

const QUERIES = {
  'one subgraph': `query OneSubgraph { organisations(first: 20) { totalCount nodes {
    id name acronym kind country identifiers { scheme value } memberships { name } } } }`,
  'three subgraphs': `query ThreeSubgraphs { organisations(first: 10) { nodes {
    id name practices { nodes { title maturity } } adoptions { country scale } projects { acronym programme } } } }`,
  'deep twinning': `query DeepTwinning { twinnings(filter: { completed: true }) { acronym startDate endDate
    twinning { type originator { name } practice { title owner { name } projects { acronym } }
      adopters { organisation { name adoptions { country practice { title } } } adoption { country nuts scale status } }
      stages { name startDate endDate } } } }`,
};

const { values: flags } = parseArgs({
  options: {
    role: { type: 'string' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '2' },
    'node-env': { type: 'string', default: 'production' },
  },
});

/** Replaces each subgraph's URL in the supergraph with where the benchmark's subgraphs run. */
function supergraphFor(urls) {
  return readFileSync(SUPERGRAPH, 'utf8').replace(/@join__graph\(name: "(\w+)", url: "[^"]*"\)/g, (whole, name) =>
    urls[name] ? `@join__graph(name: "${name}", url: "${urls[name]}")` : whole,
  );
}

/**
 * Headers the subgraphs need from any engine in front of them, for the exact body sent: the request id and a subgraph
 * token for the anonymous caller.
 */
async function signedHeaders(keys) {
  const { anonymous, createTokenSigner } = await import('@radar/common');
  const signer = createTokenSigner(keys);
  return (body) => signer.headersFor({ caller: anonymous, requestId: `bench-${randomUUID()}`, body });
}

// ---- child processes: each serves one thing and prints its URL as one JSON line -------------------------------

const roles = {
  async subgraphs(env) {
    const embedded = env.DATABASE_URL ? {} : { embeddedDataDir: 'memory://' };
    const { startSubgraphs } = await import('@radar/gateway');
    // Every subgraph of the manifest, as the supergraph names them all.
    const running = await startSubgraphs(env, { seed: true, ...embedded });
    return { urls: running.urls, stop: () => running.stop() };
  },

  async radar(env) {
    const { loadGatewayConfig, startGateway } = await import('@radar/gateway');
    const { urlEnvironment } = await import('@radar/common');
    const gateway = await startGateway(
      loadGatewayConfig({ ...env, ...urlEnvironment(JSON.parse(env.BENCH_SUBGRAPHS)) }),
    );
    return { url: `${gateway.server.url}/graphql`, stop: () => gateway.stop() };
  },

  async plain(env) {
    const { ApolloGateway, RemoteGraphQLDataSource } = await import('@apollo/gateway');
    const { ApolloServer } = await import('@apollo/server');
    const { startStandaloneServer } = await import('@apollo/server/standalone');
    const headers = await signedHeaders(env.RADAR_SIGNING_KEYS);
    // The token is bound to the exact body, so it is added as the request leaves, where the body is known.
    const fetcher = (url, init) => fetch(url, { ...init, headers: { ...init.headers, ...headers(init.body) } });
    const gateway = new ApolloGateway({
      supergraphSdl: supergraphFor(JSON.parse(env.BENCH_SUBGRAPHS)),
      buildService: ({ url }) => new RemoteGraphQLDataSource({ url, fetcher }),
    });
    const server = new ApolloServer({ gateway });
    const { url } = await startStandaloneServer(server, { listen: { host: '127.0.0.1', port: 0 } });
    return { url: new URL('/graphql', url).href, stop: () => server.stop() };
  },

  async hive(env) {
    const { createGatewayRuntime } = await import('@graphql-hive/gateway');
    const headers = await signedHeaders(env.RADAR_SIGNING_KEYS);
    const runtime = createGatewayRuntime({
      supergraph: supergraphFor(JSON.parse(env.BENCH_SUBGRAPHS)),
      logging: false,
      plugins: () => [
        {
          onFetch({ options, setOptions }) {
            setOptions({ ...options, headers: { ...options.headers, ...headers(options.body) } });
          },
        },
      ],
    });
    const server = createServer(runtime);
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    return {
      url: `http://127.0.0.1:${server.address().port}/graphql`,
      stop: async () => {
        await new Promise((resolve) => server.close(resolve));
        await runtime.dispose();
      },
    };
  },
};

// ---- the benchmark ---------------------------------------------------------------------------------------------

function start(role, env) {
  // The child's stdin is a pipe it watches: when this process ends, however it ends, so does the child.
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--role', role], {
    env,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = [];
  const waiting = [];
  let buffered = '';
  child.stdout.on('data', (chunk) => {
    buffered += chunk;
    for (let end = buffered.indexOf('\n'); end >= 0; end = buffered.indexOf('\n')) {
      const line = buffered.slice(0, end);
      buffered = buffered.slice(end + 1);
      if (!line.startsWith('{')) continue;
      const message = JSON.parse(line);
      const next = waiting.shift();
      if (next) next(message);
      else lines.push(message);
    }
  });
  const nextMessage = () => (lines.length ? Promise.resolve(lines.shift()) : new Promise((r) => waiting.push(r)));
  const cpu = async () => {
    child.stdin.write('cpu\n');
    return (await nextMessage()).cpu;
  };
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`${role} exited with code ${code} before it was ready`)));
    nextMessage().then((ready) => resolve({ child, cpu, ...ready }));
  });
}

async function stop(started) {
  if (!started || started.child.exitCode !== null) return;
  const exited = new Promise((resolve) => started.child.once('exit', resolve));
  started.child.kill('SIGTERM');
  await exited;
}

const json = { 'content-type': 'application/json' };
const bodyOf = (name) => JSON.stringify({ query: QUERIES[name] });

/** One POST, to check the answer is a real one (data, no errors) before measuring. */
async function check(label, url, name) {
  const response = await fetch(url, { method: 'POST', headers: json, body: bodyOf(name) });
  const body = await response.json().catch(() => null);
  const data = body?.data && Object.values(body.data)[0];
  const items = Array.isArray(data) ? data : data?.nodes;
  if (response.status !== 200 || body?.errors || !Array.isArray(items) || items.length === 0) {
    throw new Error(`${label}, ${name}: bad answer (HTTP ${response.status}): ${JSON.stringify(body).slice(0, 500)}`);
  }
  return JSON.stringify(body.data);
}

async function measure(autocannon, target, workload, names, seconds, connections) {
  const requests = names.map((name) => ({ method: 'POST', headers: json, body: bodyOf(name) }));
  const run = (duration) => autocannon({ url: target.url, connections, duration, requests });
  await run(WARMUP_SECONDS);
  const cpuBefore = await target.cpu();
  const result = await run(seconds);
  const cpuMicros = (await target.cpu()) - cpuBefore;
  return {
    target: target.label,
    workload,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors + result.timeouts + result.non2xx,
    /** Gateway CPU time per answer: its own cost, whatever else the machine runs. */
    cpuPerRequest: cpuMicros / 1000 / Math.max(1, result.requests.total),
  };
}

async function main() {
  const duration = Number(flags.duration);
  const connections = Number(flags.connections);
  const rounds = Number(flags.rounds);
  if (!(duration > 0) || ![connections, rounds].every((n) => Number.isInteger(n) && n > 0)) {
    console.error(
      'usage: node test/bench/gateway.mjs [--duration seconds] [--connections n] [--rounds n] [--node-env mode]',
    );
    process.exit(1);
  }
  const { default: autocannon } = await import('autocannon');
  const { databaseName, dropServerDatabase, generateSigningKey, subgraphs: manifest } = await import('@radar/common');
  const prefix = `radar_bench${randomBytes(4).toString('hex')}`;
  const env = {
    PATH: process.env.PATH,
    NODE_ENV: flags['node-env'],
    LOG_LEVEL: 'silent',
    HOST: '127.0.0.1',
    RADAR_SIGNING_KEYS: JSON.stringify({ keys: [generateSigningKey()] }),
    ...Object.fromEntries(manifest.map(({ portVariable }) => [portVariable, '0'])),
    GATEWAY_PORT: '0',
    DATABASE_PREFIX: prefix,
    ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
  };

  const started = [];
  const launch = async (role, childEnv) => {
    const child = await start(role, childEnv);
    started.push(child);
    return child;
  };
  let exitCode = 0;
  try {
    const subgraphs = await launch('subgraphs', env);
    const withSubgraphs = { ...env, BENCH_SUBGRAPHS: JSON.stringify(subgraphs.urls) };
    const radarEnv = (cache) => ({ ...withSubgraphs, RESPONSE_CACHE: String(cache) });
    const targets = {
      plain: { label: 'plain @apollo/gateway', ...(await launch('plain', withSubgraphs)) },
      radar: { label: 'RADAR', ...(await launch('radar', radarEnv(false))) },
      hive: { label: 'Hive Gateway', ...(await launch('hive', { ...withSubgraphs, LOG_LEVEL: 'error' })) },
      cached: { label: 'RADAR with cache', ...(await launch('radar', radarEnv(true))) },
    };

    // Every engine must give the same answer before any is measured.
    for (const name of Object.keys(QUERIES)) {
      const answers = new Set();
      for (const target of Object.values(targets)) answers.add(await check(target.label, target.url, name));
      if (answers.size !== 1) throw new Error(`${name}: the gateways answer differently`);
    }

    // Rounds alternate the order of the gateways, so none is always measured first or last on a busy machine.
    const workloads = [...Object.keys(QUERIES).map((name) => [name, [name]]), ['mixed reads', Object.keys(QUERIES)]];
    const runs = [];
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? ['plain', 'radar', 'hive', 'cached'] : ['cached', 'hive', 'radar', 'plain'];
      for (const [workload, names] of workloads) {
        for (const key of order) {
          runs.push(await measure(autocannon, targets[key], workload, names, duration, connections));
        }
      }
    }
    const rows = [];
    for (const [workload] of workloads) {
      for (const key of ['plain', 'radar', 'hive', 'cached']) {
        const of = runs.filter((r) => r.workload === workload && r.target === targets[key].label);
        const requests = of.reduce((sum, r) => sum + r.requests, 0);
        rows.push({
          workload,
          target: targets[key].label,
          rps: of.reduce((sum, r) => sum + r.rps, 0) / of.length,
          p50: Math.max(...of.map((r) => r.p50)),
          p99: Math.max(...of.map((r) => r.p99)),
          requests,
          errors: of.reduce((sum, r) => sum + r.errors, 0),
          cpuPerRequest: of.reduce((sum, r) => sum + r.cpuPerRequest * r.requests, 0) / Math.max(1, requests),
        });
      }
    }

    const database = env.DATABASE_URL ? 'PostgreSQL server' : 'PGlite in memory';
    console.log(
      `\n${database}, NODE_ENV=${env.NODE_ENV}, ${connections} connections, ${rounds} round(s) of ${duration}s per run after ${WARMUP_SECONDS}s warm-up, each gateway in its own process (p50/p99: the worst round)\n`,
    );
    const header = ['workload', 'gateway', 'req/s', 'p50 ms', 'p99 ms', 'requests', 'errors', 'gateway CPU ms/req'];
    const table = rows.map((r) =>
      [r.workload, r.target, r.rps.toFixed(1), r.p50, r.p99, r.requests, r.errors, r.cpuPerRequest.toFixed(2)].map(
        String,
      ),
    );
    const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
    for (const row of [header, ...table]) {
      console.log(row.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  '));
    }

    const row = (workload, target) => rows.find((r) => r.workload === workload && r.target === target);
    const rps = (workload, target) => row(workload, target).rps;
    console.log('');
    const verdict = (label, ratio, target) => {
      const ok = ratio >= target;
      console.log(`${label}: ${ratio.toFixed(2)} (target ≥ ${target.toFixed(2)}: ${ok ? 'met' : 'NOT MET'})`);
    };
    for (const workload of [...Object.keys(QUERIES), 'mixed reads']) {
      verdict(
        `RADAR ÷ plain, uncached, ${workload}`,
        rps(workload, 'RADAR') / rps(workload, 'plain @apollo/gateway'),
        PLAIN_TARGET,
      );
    }
    for (const workload of [...Object.keys(QUERIES), 'mixed reads']) {
      const ratio = row(workload, 'plain @apollo/gateway').cpuPerRequest / row(workload, 'RADAR').cpuPerRequest;
      console.log(`plain ÷ RADAR gateway CPU per request (1 = no overhead), ${workload}: ${ratio.toFixed(2)}`);
    }
    verdict(
      'RADAR with cache ÷ Hive Gateway without, mixed reads',
      rps('mixed reads', 'RADAR with cache') / rps('mixed reads', 'Hive Gateway'),
      HIVE_TARGET,
    );
    if (rows.some((r) => r.errors > 0)) {
      console.error('\nsome requests errored, timed out or were answered with a non-2xx status');
      exitCode = 1;
    }
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    exitCode = 1;
  } finally {
    for (const target of started.reverse()) await stop(target);
    if (env.DATABASE_URL) {
      for (const { database } of manifest) {
        await dropServerDatabase(env.DATABASE_URL, databaseName({ DATABASE_PREFIX: prefix }, database));
      }
    }
  }
  process.exit(exitCode);
}

if (flags.role) {
  const served = await roles[flags.role](process.env);
  process.stdout.write(`${JSON.stringify({ url: served.url, urls: served.urls })}\n`);
  const end = async () => {
    await served.stop().catch(() => {});
    process.exit(0);
  };
  process.on('SIGTERM', end);
  process.stdin.on('close', end);
  // Each line on stdin asks for the CPU time this process has used so far, in microseconds.
  let asked = '';
  process.stdin.on('data', (chunk) => {
    asked += chunk;
    for (; asked.includes('\n'); asked = asked.slice(asked.indexOf('\n') + 1)) {
      const { user, system } = process.cpuUsage();
      process.stdout.write(`${JSON.stringify({ cpu: user + system })}\n`);
    }
  });
} else {
  await main();
}
