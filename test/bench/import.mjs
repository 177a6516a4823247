// Imports generated CSV files of practices with their organisations (one organisation per ten practices) through the
// gateway with `pnpm run import`, for each size on a fresh registry (every subgraph, on PostgreSQL): records per
// second, and the importer's peak RSS (VmHWM of its process) and peak V8 heap in use (sampled inside it by
// peak-heap.mjs), which stay flat from size to size because rows and the report are streamed. Then imports the same files again: every record must be reported unchanged, and the databases must not
// move (rows of every table, the records' versions, the data generation). Each run is bounded in time; a run cut
// short prints what it measured.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SIMILAR_TABLES } from '@radar/practices';
import { benchEnv, databaseTally, printTable, registryStack } from './practices-stack.mjs';

const { values: flags } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000' },
    'max-seconds': { type: 'string', default: '900' },
    /** Node flags for the importer's process, to measure it under others than `pnpm run import` gives it. */
    'importer-flags': { type: 'string' },
  },
});
/** The importer runs as `pnpm run import` runs it: with the Node flags that script gives (its bounded heap). */
const importScript = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).scripts.import;
const importerFlags = (
  flags['importer-flags'] ??
  importScript
    .split(/\s+/)
    .filter((word) => word.startsWith('--'))
    .join(' ')
)
  .split(/\s+/)
  .filter(Boolean);
const sizes = flags.sizes.split(',').map(Number);
const maxSeconds = Number(flags['max-seconds']);
/** Flat memory: the largest size's peak RSS at most this many times the smallest's. */
const FLAT = 1.1;
/** Records per second the first run should reach. */
const TARGET_RATE = 500;
if (!process.env.DATABASE_URL) {
  console.error('bench:import runs on PostgreSQL: set DATABASE_URL');
  process.exit(1);
}
const cli = new URL('../../gateway/dist/import.cli.js', import.meta.url).pathname;
const folder = mkdtempSync(join(tmpdir(), 'radar-bench-import-'));
const KINDS = ['HEALTHCARE_PROVIDER', 'COMPANY', 'STARTUP_SME', 'RESEARCH_ORGANISATION', 'PUBLIC_AUTHORITY'];
const TYPES = ['APP', 'DIGITAL_SERVICE', 'METHOD_TOOL', 'TRAINING', 'POLICY'];
const MATURITY = ['CONCEPT', 'DEVELOPMENT', 'PILOT', 'IMPLEMENTED', 'SCALED_UP'];
const COUNTRIES = ['DE', 'FR', 'IT', 'ES', 'NL', 'PL', 'PT', 'SE', 'RO', 'BE'];

async function write(path, lines) {
  const out = createWriteStream(path);
  for (const line of lines()) if (!out.write(line)) await new Promise((resolve) => out.once('drain', resolve));
  await new Promise((resolve) => out.end(resolve));
}

/** Organisations ORG-1…, then practices PR-1… owned by them, streamed to disk. */
async function generate(size) {
  const organisations = join(folder, `organisations-${size}.csv`);
  const practices = join(folder, `practices-${size}.csv`);
  const owners = Math.max(1, Math.round(size / 10));
  await write(organisations, function* () {
    yield 'sourceId,name,kind,country,city\n';
    for (let n = 1; n <= owners; n++) {
      yield `ORG-${n},Generated Organisation ${n},${KINDS[n % KINDS.length]},${COUNTRIES[n % COUNTRIES.length]},City ${n % 97}\n`;
    }
  });
  await write(practices, function* () {
    yield 'sourceId,title,summary,type,maturity,owner,topics,countries\n';
    for (let n = 1; n <= size; n++) {
      yield `PR-${n},Generated practice ${n},"A generated practice, number ${n}, for the import benchmark",${TYPES[n % TYPES.length]},${MATURITY[n % MATURITY.length]},ORG-${1 + (n % owners)},TELEMONITORING;AGEING_WELL,${COUNTRIES[n % COUNTRIES.length]}\n`;
    }
  });
  return { files: [organisations, practices], records: owners + size };
}

/** Runs the import command as its own process, sampling its peak RSS; stops it after `seconds`. */
function importOnce(files, env, seconds) {
  return new Promise((resolve) => {
    const started = performance.now();
    const report = join(folder, `report-${randomUUID()}.json`);
    const heapFile = join(folder, `heap-${randomUUID()}`);
    const probe = new URL('./peak-heap.mjs', import.meta.url).href;
    const child = spawn(
      process.execPath,
      [...importerFlags, '--import', probe, cli, ...files, '--source', 'bench', '--report', report],
      {
        env: { ...process.env, ...env, RADAR_PEAK_HEAP_FILE: heapFile },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => process.stderr.write(chunk));
    let peakKb = 0;
    const sample = setInterval(() => {
      try {
        const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (hwm) peakKb = Math.max(peakKb, Number(hwm[1]));
      } catch {}
    }, 100);
    let cut = false;
    const timer = setTimeout(() => {
      cut = true;
      child.kill('SIGTERM');
    }, seconds * 1000);
    child.on('exit', () => {
      clearInterval(sample);
      clearTimeout(timer);
      const elapsed = (performance.now() - started) / 1000;
      // The JSON report holds one record a line; a run cut short leaves the lines written so far.
      let reported = 0;
      let summary;
      try {
        const text = readFileSync(report, 'utf8');
        reported = text.split('\n').filter((line) => line.startsWith('{"type"')).length;
        summary = JSON.parse(text).summary;
      } catch {}
      let heapMb;
      try {
        heapMb = Number(readFileSync(heapFile, 'utf8')) / 1024 / 1024;
      } catch {}
      resolve({ stdout, elapsed, peakMb: peakKb / 1024, heapMb, cut, reported, summary });
    });
  });
}

/**
 * Tables the practices subgraph fills on its own after a write, ranking similar practices from its queue: their rows
 * move while the first run's practices are ranked, whatever the second run does, so they are counted apart.
 */
const tally = async (stack) => {
  const practices = await databaseTally(stack, 'practices', ['practice']);
  let ranking = 0;
  for (const table of SIMILAR_TABLES) {
    const [{ count }] = await stack.sql('practices', `select count(*)::int as count from ${table}`);
    ranking += count;
  }
  return {
    organisations: await databaseTally(stack, 'organisations', ['organisation']),
    practices: { ...practices, rows: practices.rows - ranking, ranking },
  };
};
const moved = (before, after) =>
  Object.keys(before).reduce(
    (sum, db) =>
      sum +
      Math.abs(after[db].rows - before[db].rows) +
      (after[db].versions - before[db].versions) +
      (after[db].generation - before[db].generation),
    0,
  );

console.log(`importer: node ${[...importerFlags, 'gateway/dist/import.cli.js'].join(' ')}`);
const rows = [];
try {
  for (const size of sizes) {
    const { files, records } = await generate(size);
    // Imported practices are queued and ranked beside the import, as in production.
    const stack = registryStack({ ...benchEnv(), RADAR_SIMILAR_EVERY_MS: '500' });
    await stack.start();
    try {
      const env = { RADAR_API_KEY: stack.key, GATEWAY_URL: stack.url, LOG_LEVEL: 'silent' };
      const first = await importOnce(files, env, maxSeconds);
      const done = first.cut ? first.reported : records;
      console.log(
        `first run, ${size} practices: ${first.stdout.trim().split('\n')[0] ?? ''}${first.cut ? ` (stopped after ${maxSeconds} s)` : ''}`,
      );
      const row = {
        size,
        records,
        imported: done,
        seconds: first.elapsed,
        rate: done / first.elapsed,
        peakMb: first.peakMb,
        heapMb: first.heapMb,
        complete: !first.cut && first.summary?.created === records,
      };
      if (!first.cut) {
        const before = await tally(stack);
        const second = await importOnce(files, env, maxSeconds);
        const after = await tally(stack);
        console.log(`second run, ${size} practices: ${second.stdout.trim().split('\n')[0] ?? ''}`);
        const summary = second.summary ?? {};
        Object.assign(row, {
          secondSeconds: second.elapsed,
          secondRate: records / second.elapsed,
          secondPeakMb: second.peakMb,
          secondHeapMb: second.heapMb,
          outcomes: `${summary.created ?? '?'}/${summary.updated ?? '?'}/${summary.unchanged ?? '?'}/${summary.rejected ?? '?'}`,
          allUnchanged: !second.cut && summary.unchanged === records,
          written: moved(before, after),
          before,
          after,
        });
      }
      rows.push(row);
    } finally {
      await stack.stop();
    }
  }
} finally {
  rmSync(folder, { recursive: true, force: true });
}

const fixed = (value, digits = 1) => (value === undefined ? '-' : value.toFixed(digits));
printTable(
  [
    'practices',
    'records',
    'imported',
    'first s',
    'records/s',
    'peak RSS MB',
    'peak heap MB',
    'second s',
    'second records/s',
    'second peak RSS MB',
    'second created/updated/unchanged/rejected',
    'rows written by second',
  ],
  rows.map((row) => [
    row.size,
    row.records,
    row.imported,
    fixed(row.seconds),
    fixed(row.rate),
    fixed(row.peakMb),
    fixed(row.heapMb),
    fixed(row.secondSeconds),
    fixed(row.secondRate),
    fixed(row.secondPeakMb),
    row.outcomes ?? '-',
    row.written ?? '-',
  ]),
);
for (const row of rows.filter((candidate) => candidate.before)) {
  for (const db of ['organisations', 'practices']) {
    const [b, a] = [row.before[db], row.after[db]];
    console.log(
      `${row.size}, ${db} database around the second run: rows ${b.rows} → ${a.rows}, versions ${b.versions} → ${a.versions}, data generation ${b.generation} → ${a.generation}${b.ranking === undefined ? '' : `, similar-practice ranking rows (filled in the background after the first run) ${b.ranking} → ${a.ranking}`}`,
    );
  }
}
const [small, large] = [rows[0], rows.at(-1)];
if (small && large && small !== large) {
  const ratio = large.peakMb / small.peakMb;
  console.log(
    `peak RSS of the importer, ${large.size} ÷ ${small.size} practices: ×${ratio.toFixed(2)} (target: flat, ≤ ×${FLAT}): ${ratio <= FLAT ? 'met' : 'not met'}`,
  );
  if (large.heapMb && small.heapMb) {
    console.log(
      `peak heap of the importer, ${large.size} ÷ ${small.size} practices: ×${(large.heapMb / small.heapMb).toFixed(2)} (${fixed(small.heapMb)} MB → ${fixed(large.heapMb)} MB)`,
    );
  }
}
for (const row of rows) {
  console.log(
    `${row.size} practices, first run: ${row.complete ? 'every record created' : `${row.imported} of ${row.records} records imported${row.seconds >= maxSeconds ? ` before the ${maxSeconds} s limit` : ''}`}, ${row.rate.toFixed(0)} records/s (target ≥ ${TARGET_RATE}: ${row.complete && row.rate >= TARGET_RATE ? 'met' : 'not met'})`,
  );
  if (row.before) {
    const ok = row.allUnchanged && row.written === 0;
    console.log(
      `${row.size} practices, unchanged second run: ${row.outcomes} created/updated/unchanged/rejected, ${row.written} rows written (target: all unchanged, nothing written): ${ok ? 'met' : 'not met'}`,
    );
  }
}
process.exit(0);
