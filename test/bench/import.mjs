// Imports generated CSV files of practices with their organisations (one organisation per ten practices) through the
// gateway with `pnpm run import`, for each size on a fresh set of databases: records per second, and the importer's peak
// RSS (VmHWM of its process), which stays flat from size to size because rows are streamed. Then imports the same
// files again and checks every record is reported unchanged and no subgraph database moved its data generation.
// Each run is bounded in time; a run cut short prints what it measured.
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  anonymous,
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

const { values: flags } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000' },
    'max-seconds': { type: 'string', default: '420' },
  },
});
const sizes = flags.sizes.split(',').map(Number);
const maxSeconds = Number(flags['max-seconds']);
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
    const report = join(folder, `report-${randomUUID()}.csv`);
    const child = spawn(process.execPath, [cli, ...files, '--source', 'bench', '--report', report], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
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
      let reported = 0;
      try {
        reported = readFileSync(report, 'utf8').split('\n').length - 2;
      } catch {}
      resolve({ stdout, elapsed, peakMb: peakKb / 1024, cut, reported: Math.max(reported, 0) });
    });
  });
}

async function generations(stack) {
  return Promise.all(
    ['organisations', 'practices'].map(async (name) => {
      const url = stack.urls[name].replace(/\/graphql$/, '/generation');
      const headers = stack.signer.headersFor({ caller: anonymous, requestId: randomUUID(), method: 'GET', url });
      return (await (await fetch(url, { headers })).json()).generation;
    }),
  );
}

async function startStack() {
  const environment = {
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    DATABASE_URL: process.env.DATABASE_URL,
    DATABASE_PREFIX: `radar_bench${randomBytes(4).toString('hex')}`,
    RADAR_SIGNING_KEYS: JSON.stringify({ keys: [generateSigningKey()] }),
    ...Object.fromEntries(subgraphs.map(({ portVariable }) => [portVariable, '0'])),
    GATEWAY_PORT: '0',
    RADAR_DUMP_EVERY_HOURS: '0',
  };
  const signer = createTokenSigner(environment.RADAR_SIGNING_KEYS);
  const running = await startSubgraphs(environment, { seed: false });
  const gateway = await startGateway(loadGatewayConfig({ ...environment, ...urlEnvironment(running.urls) }));
  const lookup = {
    organisations: new SubgraphOrganisationDirectory(running.urls.organisations, signer),
    requestId: 'bench',
  };
  const { token } = await mintKey(running.services.identity.db.orm.em.fork(), localOperator, lookup, {
    role: Role.Curator,
    label: 'import benchmark',
  });
  return {
    urls: running.urls,
    signer,
    gatewayUrl: `${gateway.server.url}/graphql`,
    key: token,
    async stop() {
      await gateway.stop();
      await running.stop();
      for (const { database } of subgraphs) {
        await dropServerDatabase(environment.DATABASE_URL, databaseName(environment, database));
      }
    },
  };
}

const rows = [];
try {
  for (const size of sizes) {
    const { files, records } = await generate(size);
    const stack = await startStack();
    try {
      const env = { RADAR_API_KEY: stack.key, GATEWAY_URL: stack.gatewayUrl, LOG_LEVEL: 'silent' };
      const first = await importOnce(files, env, maxSeconds);
      const done = first.cut ? first.reported : records;
      const row = {
        size,
        records,
        imported: done,
        seconds: Number(first.elapsed.toFixed(1)),
        recordsPerSecond: Number((done / first.elapsed).toFixed(1)),
        peakRssMb: Number(first.peakMb.toFixed(1)),
        complete: !first.cut,
      };
      console.log(
        `first run, ${size} practices: ${first.stdout.trim().split('\n')[0] ?? ''}${first.cut ? ` (stopped after ${maxSeconds} s)` : ''}`,
      );
      if (!first.cut) {
        const before = await generations(stack);
        const second = await importOnce(files, env, maxSeconds);
        const after = await generations(stack);
        const unchanged = second.stdout.includes(
          `${records} records: 0 created, 0 updated, ${records} unchanged, 0 rejected`,
        );
        console.log(`second run, ${size} practices: ${second.stdout.trim().split('\n')[0] ?? ''}`);
        Object.assign(row, {
          secondRunSeconds: Number(second.elapsed.toFixed(1)),
          secondRunPerSecond: Number((records / second.elapsed).toFixed(1)),
          secondRunPeakRssMb: Number(second.peakMb.toFixed(1)),
          allUnchanged: unchanged && !second.cut,
          nothingWritten: JSON.stringify(before) === JSON.stringify(after),
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
console.table(rows);
const peaks = rows.map((row) => row.peakRssMb);
console.log(
  `peak RSS of the importer from ${sizes[0]} to ${sizes.at(-1)} practices: ${peaks.join(' MB, ')} MB ` +
    `(target: flat, within 25%: ${Math.max(...peaks) <= Math.min(...peaks) * 1.25 ? 'met' : 'not met'})`,
);
for (const row of rows.filter((candidate) => candidate.complete)) {
  console.log(
    `unchanged re-run of ${row.size}: all unchanged ${row.allUnchanged ? 'yes' : 'NO'}, nothing written ${row.nothingWritten ? 'yes' : 'NO'}`,
  );
}
for (const row of rows.filter((candidate) => !candidate.complete)) {
  console.log(
    `${row.size} practices: stopped after ${maxSeconds} s with ${row.imported} of ${row.records} records imported`,
  );
}
process.exit(0);
