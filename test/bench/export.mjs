// Loads N generated practices and measures the full N-Triples export (the CLI, in a child process of its own) against
// reading the same rows with PostgreSQL's COPY … TO STDOUT: entities per second, peak memory and their ratio. The
// export streams from the subgraphs (the CLI's default) or pages through the gateway (`--via gateway`, or both).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { databaseName, dropServerDatabase, generateSigningKey, subgraphs, urlEnvironment } from '@radar/common';
import { loadGatewayConfig, startGateway, startSubgraphs } from '@radar/gateway';

const TARGET_RATIO = 3;
const FLAT_TOLERANCE = 1.1;
const BATCH = 10_000;
const OWNER_ID = '7b0f1c52-3f4e-4b53-9a51-2f6f0a1c0003';
const CLI = fileURLToPath(new URL('../../services/exporter/dist/export.cli.js', import.meta.url));
const PEAK = 'RADAR_BENCH_MAXRSS_KIB';
// Preloaded into the exporter's process: on exit it reports its own peak resident set size (KiB) on stderr. VmHWM,
// since a spawned child's resourceUsage().maxRSS starts at its parent's RSS (the RSS of the forked image).
const PEAK_HOOK = `data:text/javascript,${encodeURIComponent(`import { readFileSync } from 'node:fs';
process.on('exit', () => {
  const hwm = /VmHWM:\\s*(\\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
  process.stderr.write('\\n${PEAK} ' + (hwm ?? process.resourceUsage().maxRSS) + '\\n');
});`)}`;
/** What the export reads, per database: the public rows of each record table and the rows hanging off them. */
const COPIES = {
  organisations: 'organisation where deleted_at is null; organisation_membership; organisation_identifier',
  practices: `practice where status = 'PUBLISHED' and deleted_at is null; practice_contributor; practice_evidence;
    adoption where deleted_at is null`,
  projects: `project where deleted_at is null; project_practice; project_participant; project_synergy; twinning;
    twinning_stage; twinning_adopter`,
};

const { values: flags } = parseArgs({
  options: {
    count: { type: 'string' },
    sizes: { type: 'string' },
    'node-env': { type: 'string', default: 'production' },
    runs: { type: 'string', default: '3' },
    via: { type: 'string', default: 'subgraphs' },
  },
});
const server = Boolean(process.env.DATABASE_URL);
const embedded = server ? {} : { embeddedDataDir: 'memory://' };
const count = Number(flags.count ?? (server ? 100_000 : 10_000));
const smallest = Math.min(Math.floor(count / 10), 10_000);
const sizes = flags.sizes ? flags.sizes.split(',').map(Number) : [...new Set([smallest, count])];
const vias = flags.via === 'both' ? ['subgraphs', 'gateway'] : [flags.via];
const runs = Number(flags.runs);
if (
  !sizes.every((size, i) => Number.isInteger(size) && size >= 0 && (i === 0 || size > sizes[i - 1])) ||
  !vias.every((via) => ['subgraphs', 'gateway'].includes(via)) ||
  !Number.isInteger(runs) ||
  runs < 1
) {
  console.error(
    'usage: node test/bench/export.mjs [--count practices] [--sizes n1,n2,… ascending] [--node-env mode] [--via subgraphs|gateway|both] [--runs n]',
  );
  process.exit(1);
}
if (!existsSync(CLI)) {
  console.error(`${CLI} is missing: run pnpm build first`);
  process.exit(1);
}

const prefix = `radar_bench${randomBytes(4).toString('hex')}`;
const env = {
  NODE_ENV: flags['node-env'],
  LOG_LEVEL: 'silent',
  RADAR_SIGNING_KEYS: JSON.stringify({ keys: [generateSigningKey()] }),
  ...Object.fromEntries(subgraphs.map(({ portVariable }) => [portVariable, '0'])),
  GATEWAY_PORT: '0',
  DATABASE_URL: process.env.DATABASE_URL,
  DATABASE_PREFIX: prefix,
  // The benchmarks load practices behind the API: the subgraph would rank them all beside the timed requests.
  RADAR_SIMILAR_EVERY_MS: '0',
};

/** Published practices g = from…to, one set-based insert per batch, then fresh planner statistics. */
async function loadPractices(sql, from, to) {
  for (let start = from; start <= to; start += BATCH) {
    const end = Math.min(to, start + BATCH - 1);
    await sql(`insert into practice (id, title, summary, description, type, maturity, trl, cdhi_codes,
      cdhi_codes_expanded, topics, target_groups, care_settings, languages, countries, nuts, standards, owner_id,
      status, created_at, updated_at, published_at)
      select gen_random_uuid(), 'Generated practice ' || g, 'Summary of generated practice ' || g || ', ' || md5(g::text),
        case when g % 2 = 0 then null else repeat(md5(g::text) || ' ', 8) end, (array['APP','POLICY','TRAINING'])[1 + g % 3],
        (array['CONCEPT','PILOT','IMPLEMENTED','SCALED_UP'])[1 + g % 4], 1 + g % 9, '{}', '{}',
        array[(array['UPTAKE_SCALING','TRUSTWORTHY_AI','EHR_INTEROPERABILITY'])[1 + g % 3]], '{}', '{HOSPITAL}', '{en}',
        array[(array['DE','FR','IT','ES','NL','PL'])[1 + g % 6]], '{}', '{}', '${OWNER_ID}', 'PUBLISHED', t, t, t
      from (select g, now() - (g % 1000) * interval '1 day' as t from generate_series(${start}, ${end}) g) s`);
  }
  await sql('vacuum analyze practice');
}

/** Runs a command to completion: exit code, wall time, stdout (its first 64 KiB) and its size, stderr. */
function run(command, args, childEnv = process.env) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let [stdout, stderr, bytes] = ['', '', 0];
    child.stdout.on('data', (chunk) => {
      bytes += chunk.length;
      if (stdout.length < 65_536) stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    const seconds = () => (performance.now() - started) / 1000;
    child.on('close', (code) => resolve({ code, stdout, stderr, bytes, seconds: seconds() }));
  });
}

/** The export CLI as a child process, so its peak memory is its own. */
async function exportAll(urls, via, out) {
  const childEnv = {
    ...process.env,
    ...urls,
    RADAR_SIGNING_KEYS: env.RADAR_SIGNING_KEYS,
    RADAR_BASE_IRI: 'https://radar.example.eu',
  };
  const args = ['--import', PEAK_HOOK, CLI, '--format', 'ntriples', '--via', via, '--out', out];
  const result = await run(process.execPath, args, childEnv);
  const summary = result.stdout.match(/: (\d+) organisations, (\d+) practices, (\d+) projects .*?in ([\d.]+) s/);
  const peak = result.stderr.match(new RegExp(`${PEAK} (\\d+)`));
  if (result.code !== 0 || !summary || !peak) {
    throw new Error(`export failed (exit ${result.code}): ${(result.stderr + result.stdout).slice(0, 1000)}`);
  }
  const [organisations, practices, projects, cliSeconds] = summary.slice(1).map(Number);
  const records = organisations + practices + projects;
  return { ...result, practices, records, cliSeconds, peakMiB: Number(peak[1]) / 1024, fileBytes: statSync(out).size };
}

/** COPY … TO STDOUT of every table the export reads, through psql, one connection per database. */
async function copyAll() {
  let [seconds, bytes] = [0, 0];
  for (const [service, tables] of Object.entries(COPIES)) {
    const url = new URL(env.DATABASE_URL);
    url.pathname = `/${databaseName({ DATABASE_PREFIX: prefix }, service)}`;
    const statements = tables.split(';').map((table) => ['-c', `copy (select * from ${table.trim()}) to stdout`]);
    const result = await run('psql', [url.href, '-X', '-q', '-v', 'ON_ERROR_STOP=1', ...statements.flat()]);
    if (result.code !== 0) throw new Error(`psql ${service} failed (exit ${result.code}): ${result.stderr}`);
    seconds += result.seconds;
    bytes += result.bytes;
  }
  return { seconds, bytes };
}

const mib = (bytes) => (bytes / 1024 / 1024).toFixed(1);
/** The run with the median value of `key` (the upper one of an even count). */
const median = (list, key) => [...list].sort((a, b) => a[key] - b[key])[Math.floor(list.length / 2)];
const ratio = (row) => row.seconds / row.copy.seconds;
let running;
let gw;
let exitCode = 0;
const dumpDir = mkdtempSync(join(tmpdir(), 'radar-export-bench-'));
try {
  const seeded = { seed: true, ...embedded };
  running = await startSubgraphs(env, seeded);
  const practices = running.services.practices;
  const serviceEnv = { ...env, ...urlEnvironment(running.urls) };
  gw = await startGateway(loadGatewayConfig(serviceEnv));
  const urls = { ...serviceEnv, GATEWAY_URL: `${gw.server.url}/graphql` };
  const sql = (statement) => practices.db.orm.em.fork().getConnection().execute(statement, [], 'all');

  const database = server ? 'PostgreSQL server' : 'PGlite in memory (no COPY baseline: set DATABASE_URL)';
  console.log(`\n${database}, NODE_ENV=${env.NODE_ENV}, N-Triples export by the CLI via ${vias.join(' and via ')}`);
  const rows = [];
  let loaded = 0;
  for (const size of sizes) {
    const loadStart = performance.now();
    await loadPractices(sql, loaded + 1, size);
    const loadSeconds = (performance.now() - loadStart) / 1000;
    console.log(`loaded ${size - loaded} practices (now ${size}) in ${loadSeconds.toFixed(1)}s (with vacuum analyze)`);
    loaded = size;
    const [{ published }] = await sql(
      "select count(*)::int as published from practice where status = 'PUBLISHED' and deleted_at is null",
    );
    // Each figure is the median of `runs` runs, export and COPY in turn, as this machine's speed drifts.
    const copies = [];
    const exports = Object.fromEntries(vias.map((via) => [via, []]));
    for (let run = 0; run < runs; run++) {
      if (server) copies.push(await copyAll());
      for (const via of vias) {
        const out = join(dumpDir, `radar-${size}.nt`);
        const exported = await exportAll(urls, via, out);
        rmSync(out, { force: true });
        if (exported.practices !== published) {
          throw new Error(`the export wrote ${exported.practices} practices, the database has ${published} published`);
        }
        exports[via].push(exported);
      }
    }
    const copy = server ? median(copies, 'seconds') : null;
    for (const via of vias) rows.push({ size, via, ...median(exports[via], 'seconds'), copy });
  }

  const header = 'practices|via|records|export s|cli s|records/s|peak MiB|file MiB|COPY s|COPY MiB|export/COPY'.split(
    '|',
  );
  const table = rows.map((r) => {
    const copy = r.copy ? [r.copy.seconds.toFixed(2), mib(r.copy.bytes), ratio(r).toFixed(1)] : ['n/a', 'n/a', 'n/a'];
    const figures = [r.seconds.toFixed(1), r.cliSeconds.toFixed(1), Math.round(r.records / r.seconds)];
    return [r.size, r.via, r.records, ...figures, r.peakMiB.toFixed(0), mib(r.fileBytes), ...copy];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => String(row[i]).length)));
  console.log();
  for (const row of [header, ...table]) console.log(row.map((cell, i) => String(cell).padStart(widths[i])).join('  '));

  console.log(
    `\nmedian of ${runs} run(s) each; export s: wall time of the CLI process (node start included); cli s: its own summary; peak: VmHWM`,
  );
  for (const via of vias) {
    const mine = rows.filter((row) => row.via === via);
    const last = mine.at(-1);
    if (last.copy) {
      const verdict = ratio(last) <= TARGET_RATIO ? 'met' : 'not met';
      console.log(
        `via ${via}: export/COPY at ${last.size}: ${ratio(last).toFixed(1)}× (target ≤ ${TARGET_RATIO}×: ${verdict})`,
      );
    }
    if (mine.length > 1) {
      const [first, growth] = [mine[0], last.peakMiB / mine[0].peakMiB];
      const peaks = `${first.peakMiB.toFixed(0)} MiB at ${first.size}, ${last.peakMiB.toFixed(0)} MiB at ${last.size}`;
      const verdict = growth <= FLAT_TOLERANCE ? 'met' : 'not met';
      console.log(
        `via ${via}: peak memory ${peaks}: ${growth.toFixed(2)}× (target flat, ≤ ${FLAT_TOLERANCE}×: ${verdict})`,
      );
    }
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  exitCode = 1;
} finally {
  rmSync(dumpDir, { recursive: true, force: true });
  await gw?.stop();
  await running?.stop();
  if (env.DATABASE_URL) {
    for (const { database } of subgraphs) {
      await dropServerDatabase(env.DATABASE_URL, databaseName({ DATABASE_PREFIX: prefix }, database));
    }
  }
}
process.exit(exitCode);
