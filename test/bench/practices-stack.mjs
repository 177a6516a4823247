// What the benchmarks over organisations, practices and the gateway share: their environment, the three services
// started on it (or every subgraph, with a curator's API key, for the benchmarks that need projects too), SQL
// connections to their databases, timing and percentiles, a printed table, and the clean-up that drops the
// benchmark's databases.
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import {
  createTokenSigner,
  databaseName,
  dropServerDatabase,
  generateSigningKey,
  Role,
  SubgraphOrganisationDirectory,
  subgraphs,
  urlEnvironment,
} from '@radar/common';
import { loadGatewayConfig, startGateway, startSubgraphs } from '@radar/gateway';
import { localOperator, mintKey } from '@radar/identity';
import { loadConfig, startOrganisations } from '@radar/organisations';
import { loadConfig as loadPracticesConfig, startPractices } from '@radar/practices';

/** Without DATABASE_URL the services run on PGlite in memory. */
export const embedded = process.env.DATABASE_URL ? {} : { embeddedDataDir: 'memory://' };

/** The services' environment: silent, on free ports, with databases of a prefix of their own (or `prefix`'s). */
export function benchEnv(nodeEnv = 'production', prefix = undefined) {
  return {
    NODE_ENV: nodeEnv,
    LOG_LEVEL: 'silent',
    RADAR_SIGNING_KEYS: JSON.stringify({ keys: [generateSigningKey()] }),
    ...Object.fromEntries(subgraphs.map(({ portVariable }) => [portVariable, '0'])),
    GATEWAY_PORT: '0',
    DATABASE_URL: process.env.DATABASE_URL,
    DATABASE_PREFIX: prefix ?? `radar_bench${randomBytes(4).toString('hex')}`,
    // The benchmarks load practices behind the API: the subgraph would rank them all beside the timed requests.
    RADAR_SIMILAR_EVERY_MS: '0',
  };
}

/** Where the benchmark runs, for its first line. */
export const databaseLabel = (env) => (env.DATABASE_URL ? 'PostgreSQL server' : 'PGlite in memory');

/**
 * Organisations, practices and a gateway over them. `start` fills in `org`, `practices`, `gw`, `url` (the gateway's
 * GraphQL) and `sql` (statements on the practices database); `stop` stops what started and drops the databases
 * unless asked to keep them.
 */
export function practicesStack(env) {
  const stack = {
    org: undefined,
    practices: undefined,
    gw: undefined,
    url: undefined,
    sql: undefined,
    async start({ seedOrganisations = false, seedPractices = false } = {}) {
      stack.org = await startOrganisations(loadConfig(env), { seed: seedOrganisations, ...embedded });
      const organisationsUrl = `${stack.org.server.url}/graphql`;
      stack.practices = await startPractices(loadPracticesConfig({ ...env, ORGANISATIONS_URL: organisationsUrl }), {
        seed: seedPractices,
        ...embedded,
      });
      stack.gw = await startGateway(
        loadGatewayConfig({
          ...env,
          ORGANISATIONS_URL: organisationsUrl,
          PRACTICES_URL: `${stack.practices.server.url}/graphql`,
        }),
      );
      stack.url = `${stack.gw.server.url}/graphql`;
      const connection = stack.practices.db.orm.em.fork().getConnection();
      stack.sql = (statement, params = []) => connection.execute(statement, params, 'all');
      return stack;
    },
    async stop({ keep = false } = {}) {
      await stack.gw?.stop();
      await stack.practices?.stop();
      await stack.org?.stop();
      if (!env.DATABASE_URL) return;
      if (keep) {
        console.log(`kept the databases ${env.DATABASE_PREFIX}_*`);
        return;
      }
      for (const service of ['organisations', 'practices', 'gateway']) {
        await dropServerDatabase(env.DATABASE_URL, databaseName(env, service));
      }
    },
  };
  return stack;
}

/**
 * Every subgraph and a gateway over them, as `pnpm start` runs them. `start` fills in `running` (startSubgraphs'
 * result), `gw`, `url` (the gateway's GraphQL), `env` (the environment with every subgraph's address), `key` (a
 * curator's API key) and `sql(subgraph, statement)`; `stop` stops them and drops their databases.
 */
export function registryStack(base) {
  const env = { ...base, ...Object.fromEntries(subgraphs.map(({ portVariable }) => [portVariable, '0'])) };
  const stack = {
    running: undefined,
    gw: undefined,
    url: undefined,
    env: undefined,
    key: undefined,
    sql: undefined,
    async start({ seed = false } = {}) {
      stack.running = await startSubgraphs(env, { seed, ...embedded });
      stack.env = { ...env, ...urlEnvironment(stack.running.urls) };
      stack.gw = await startGateway(loadGatewayConfig(stack.env));
      stack.url = `${stack.gw.server.url}/graphql`;
      const signer = createTokenSigner(env.RADAR_SIGNING_KEYS);
      const lookup = {
        organisations: new SubgraphOrganisationDirectory(stack.running.urls.organisations, signer),
        requestId: 'bench',
      };
      const minted = await mintKey(stack.running.services.identity.db.orm.em.fork(), localOperator, lookup, {
        role: Role.Curator,
        label: 'benchmark',
      });
      stack.key = minted.token;
      stack.sql = (subgraph, statement, params = []) =>
        stack.running.services[subgraph].db.orm.em.fork().getConnection().execute(statement, params, 'all');
      return stack;
    },
    async stop() {
      await stack.gw?.stop();
      await stack.running?.stop();
      if (!env.DATABASE_URL) return;
      for (const database of [...subgraphs.map((entry) => entry.database), 'gateway']) {
        await dropServerDatabase(env.DATABASE_URL, databaseName(env, database));
      }
    },
  };
  return stack;
}

/**
 * What a subgraph database holds, to tell whether a run wrote to it: the rows of every table, the sum of the
 * records' versions (an update adds one) and its data generation (which any write moves).
 */
export async function databaseTally(stack, subgraph, versioned) {
  const tables = await stack.sql(
    subgraph,
    `select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`,
  );
  let rows = 0;
  for (const { name } of tables) {
    const [{ count }] = await stack.sql(subgraph, `select count(*)::int as count from "${name.replace(/"/g, '""')}"`);
    rows += count;
  }
  let versions = 0;
  for (const table of versioned) {
    const [{ sum }] = await stack.sql(subgraph, `select coalesce(sum(version), 0)::bigint as sum from "${table}"`);
    versions += Number(sum);
  }
  const [{ generation }] = await stack.sql(
    subgraph,
    'select generation::bigint as generation from radar_data_generation',
  );
  return { rows, versions, generation: Number(generation) };
}

export async function timed(run) {
  const start = performance.now();
  const result = await run();
  return { ms: performance.now() - start, result };
}

/** The nearest-rank percentile `p` (0 to 1) of `values`. */
export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

/** Prints rows under a header, each column right-aligned to its widest cell. */
export function printTable(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => String(row[i]).length)));
  for (const row of [header, ...rows]) console.log(row.map((cell, i) => String(cell).padStart(widths[i])).join('  '));
}
