// `pnpm export --format jsonld|turtle|ntriples [--gzip] [--via subgraphs|gateway] --out FILE`: streams the whole
// repository from a running RADAR into one file, with a progress bar on a terminal and a summary at the end, and
// writes the uptake Data Cube beside it (FILE's name with -uptake-year, -quarter and -month), read through the
// gateway. By default each type streams from the subgraph that owns it; `--via gateway` pages through the gateway.
import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseJwkSet, readLocalSigningKeys } from '@radar/common/signing-keys';
import { tokenSignerFrom } from '@radar/common/subgraph-token';
import cliProgress from 'cli-progress';
import { loadExporterConfig } from './config.js';
import { type DumpFormat, dumpFormats, writeDump, writeUptakeDumps } from './dump.js';
import { GatewayRecords } from './records.js';
import { type DumpSource, GatewaySource, SubgraphSource } from './sources.js';
import type { UptakeInterval } from './uptake.js';

const usage = 'Usage: pnpm export --format jsonld|turtle|ntriples [--gzip] [--via subgraphs|gateway] --out FILE';
const vias = ['subgraphs', 'gateway'];

/** Where the uptake cube of an interval goes beside the dump: radar.ttl.gz gives radar-uptake-year.ttl.gz. */
function uptakeOut(out: string, interval: UptakeInterval) {
  const name = basename(out);
  const dot = name.indexOf('.', 1);
  const [stem, extension] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  return join(dirname(out), `${stem}-uptake-${interval.toLowerCase()}${extension}`);
}

/** The keys `pnpm start` keeps in the data folder, when it runs beside this command with none configured. */
function localKeys(dataDir: string) {
  const text = readLocalSigningKeys(dataDir);
  return text ? parseJwkSet(text, 'private') : undefined;
}

async function main(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      format: { type: 'string' },
      gzip: { type: 'boolean', default: false },
      out: { type: 'string' },
      via: { type: 'string', default: 'subgraphs' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  if (!values.format || !(values.format in dumpFormats)) {
    process.stderr.write(`export: --format must be one of ${Object.keys(dumpFormats).join(', ')}\n${usage}\n`);
    return 2;
  }
  if (!vias.includes(values.via)) {
    process.stderr.write(`export: --via must be one of ${vias.join(', ')}\n${usage}\n`);
    return 2;
  }
  if (!values.out) {
    process.stderr.write(`export: --out FILE is required\n${usage}\n`);
    return 2;
  }
  const config = loadExporterConfig();
  const source: DumpSource =
    values.via === 'gateway'
      ? new GatewaySource(config.GATEWAY_URL)
      : new SubgraphSource(
          config.subgraphUrls,
          tokenSignerFrom({
            ...config,
            RADAR_SIGNING_KEYS: config.RADAR_SIGNING_KEYS ?? localKeys(config.RADAR_DATA_DIR),
          }),
        );
  // The uptake cube is read through the gateway whichever way the records come: both are checked before anything
  // is written.
  let modified: Date;
  try {
    await source.check();
    modified = (await new GatewayRecords(config.GATEWAY_URL).lastModified()) ?? new Date();
  } catch (error) {
    process.stderr.write(`export: ${(error as Error).message}; start RADAR first (pnpm start)\n`);
    return 1;
  }
  const bar = process.stderr.isTTY
    ? new cliProgress.SingleBar(
        { format: 'exporting [{bar}] {value}/{total} records', stream: process.stderr },
        cliProgress.Presets.shades_classic,
      )
    : null;
  const summary = await writeDump({
    source,
    context: { base: config.RADAR_BASE_IRI },
    format: values.format as DumpFormat,
    gzip: values.gzip ?? false,
    out: values.out,
    ...(bar
      ? {
          progress: {
            start: (total: number) => (bar.getTotal() ? bar.setTotal(total) : bar.start(total, 0)),
            advance: (done: number) => bar.update(done),
            stop: () => bar.stop(),
          },
        }
      : {}),
  });
  const cubes = await writeUptakeDumps({
    gatewayUrl: config.GATEWAY_URL,
    base: config.RADAR_BASE_IRI,
    formats: [values.format as DumpFormat],
    gzip: values.gzip ?? false,
    modified,
    outFor: (interval) => uptakeOut(values.out as string, interval),
  });
  const seconds = summary.milliseconds / 1000;
  const records_ = Object.values(summary.records).reduce((sum, count) => sum + count, 0);
  process.stdout.write(
    `Wrote ${values.out}: ${summary.records.organisations} organisations, ${summary.records.practices} practices, ` +
      `${summary.records.projects} projects, ${summary.records.needs} needs (${summary.tombstonesSkipped} tombstones left out), ${summary.bytes} bytes ` +
      `in ${seconds.toFixed(1)} s from ${source.description} (${Math.round(records_ / Math.max(seconds, 0.001))} records/s).\n`,
  );
  for (const cube of cubes) {
    process.stdout.write(
      `Wrote ${cube.out}: uptake per ${cube.interval.toLowerCase()}, ${cube.observations} observations, ${cube.bytes} bytes.\n`,
    );
  }
  return 0;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`export: ${(error as Error).message}\n`);
  process.exitCode = 1;
}
