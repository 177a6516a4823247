// `pnpm run import`: imports organisations, practices, … from CSV files through the gateway, with the caller's API key,
// so the API's validation and rights apply; `--dry-run` checks everything and writes nothing.
import { createReadStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { CommandError, runCommand } from '@radar/common/command';
import { commonEnvSchema, env, parseEnv } from '@radar/common/config';
import { SingleBar } from 'cli-progress';
import { z } from 'zod';
import { gatewayClient, ImportRefused } from './import/client.js';
import { type ImportType, importTypes } from './import/columns.js';
import { CsvProblem } from './import/csv.js';
import { runImport } from './import/engine.js';
import { checkFiles, FileProblem, importFiles, rowsOf } from './import/files.js';
import { ReportFile, summaryLine } from './import/report.js';
import { templateOf } from './import/template.js';

const usage = `Usage:
  pnpm run import [--type ${importTypes.join('|')}] [--format csv|jsonld] FILE... [--dry-run] [--keep-times] [--source NAME] [--run NAME]
              [--report report.json|report.csv] [--key API_KEY] [--gateway URL]
  pnpm run import --template ${importTypes.join('|')}

A FILE is typed by --type, by a type= prefix (practices=export.csv) or by a name that starts with the type.
RADAR's JSON-LD (a .jsonld file, or any file with --format jsonld) says the type of each record itself.
The key is --key or RADAR_API_KEY; the gateway is --gateway or GATEWAY_URL (http://127.0.0.1:4000/graphql).
Exit code 0 when every record was imported or unchanged, 1 when some were rejected, 2 on bad arguments.`;

const configSchema = commonEnvSchema.extend({
  RADAR_API_KEY: z.string().min(1).optional(),
  GATEWAY_URL: env.url.default('http://127.0.0.1:4000/graphql'),
});

/** Counts lines for the progress bar's total: a first pass that reads the file and keeps nothing. */
async function lineCount(path: string): Promise<number> {
  let lines = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines += 1;
  }
  return Math.max(lines - 1, 0);
}

async function main(argv: string[]) {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      type: { type: 'string' },
      format: { type: 'string' },
      template: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      'keep-times': { type: 'boolean', default: false },
      source: { type: 'string' },
      run: { type: 'string' },
      report: { type: 'string' },
      key: { type: 'string' },
      gateway: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  if (values.template !== undefined) {
    if (!(importTypes as readonly string[]).includes(values.template)) {
      throw new CommandError(`--template must be one of ${importTypes.join(', ')}, not "${values.template}"`);
    }
    process.stdout.write(templateOf(values.template as ImportType));
    return 0;
  }
  if (positionals.length === 0) throw new CommandError(`name the files to import\n${usage}`);
  const config = parseEnv(configSchema);
  const files = importFiles(positionals, values.type, values.format);
  const key = values.key ?? config.RADAR_API_KEY;
  if (!key) throw new CommandError('give an API key: --key or RADAR_API_KEY (pnpm keys mint makes one)');
  await checkFiles(files);
  const dryRun = values['dry-run'];
  const report = values.report ? new ReportFile(values.report) : undefined;

  const bar = process.stderr.isTTY
    ? new SingleBar({
        format:
          '{bar} {value}/{total} records | {created} created, {updated} updated, {unchanged} unchanged, {rejected} rejected',
        stream: process.stderr,
      })
    : undefined;
  if (bar) {
    let total = 0;
    for (const file of files) total += await lineCount(file.path);
    bar.start(total, 0, { created: 0, updated: 0, unchanged: 0, rejected: 0 });
  }
  const counts = { created: 0, updated: 0, unchanged: 0, rejected: 0 };
  const rejected: string[] = [];
  const summary = await runImport(rowsOf(files), {
    client: gatewayClient(values.gateway ?? config.GATEWAY_URL, key),
    ...(values.source ? { source: values.source } : {}),
    run: values.run ?? `cli-${new Date().toISOString()}`,
    dryRun,
    keepTimes: values['keep-times'],
    onRecord(entry) {
      counts[entry.outcome] += 1;
      bar?.increment(1, counts);
      if (entry.outcome === 'rejected' && rejected.length < 10) {
        const problems = entry.problems ?? [{ field: entry.field ?? '', message: entry.reason ?? '' }];
        rejected.push(
          `  ${entry.file ?? entry.type}:${entry.line} ${problems.map(({ field, message }) => `${field}: ${message}`).join('; ')}`,
        );
      }
      return report?.add(entry);
    },
  });
  bar?.stop();
  await report?.close(summary, dryRun);
  process.stdout.write(`${summaryLine(summary, dryRun)}\n`);
  if (rejected.length > 0) {
    const more = summary.rejected - rejected.length;
    process.stdout.write(
      `Rejected:\n${rejected.join('\n')}\n${more > 0 ? `  … and ${more} more (see --report)\n` : ''}`,
    );
  }
  if (report && values.report) process.stdout.write(`Report: ${values.report}\n`);
  return summary.rejected > 0 ? 1 : 0;
}

await runCommand('import', async () => {
  try {
    return await main(process.argv.slice(2));
  } catch (error) {
    if (error instanceof FileProblem || error instanceof CsvProblem) throw new CommandError(error.message);
    if (error instanceof ImportRefused) throw new CommandError(error.message, 1);
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new CommandError((error as Error).message);
    throw error;
  }
});
