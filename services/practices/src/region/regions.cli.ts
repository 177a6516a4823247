// `pnpm regions <file.csv>`: names NUTS regions from a CSV file (a plain code,name file or Eurostat's NUTS
// classification) through the gateway, with a curator's API key in RADAR_API_KEY. Every row of the file is checked
// before anything is sent; then the names go in parts, and the command prints how many were named, changed and
// left as they were.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { CommandError, runCommand } from '@radar/common/command';
import { commonEnvSchema, env, parseEnv } from '@radar/common/config';
import { z } from 'zod';
import { readRegionsCsv } from './regions.csv.js';

const usage = 'Usage: RADAR_API_KEY=<curator key> pnpm regions <file.csv>';

const configSchema = commonEnvSchema.extend({
  GATEWAY_URL: env.url.default('http://127.0.0.1:4000/graphql'),
  RADAR_API_KEY: z.string().min(1).optional(),
});

/** Rows per request: half of what one request may name, so a part of long names stays under the gateway's 100 kB. */
const PART = 500;

const NAME_REGIONS = `mutation NameRegions($input: NameRegionsInput!) {
  nameRegions(input: $input) { named changed unchanged } }`;

interface Counts {
  named: number;
  changed: number;
  unchanged: number;
}

async function send(url: string, key: string, regions: { code: string; name: string }[]): Promise<Counts> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query: NAME_REGIONS, variables: { input: { regions } } }),
    });
  } catch (error) {
    throw new CommandError(
      `the gateway at ${url} could not be reached (${(error as Error).message}); is RADAR running?`,
      1,
    );
  }
  const body = (await response.json().catch(() => ({}))) as {
    data?: { nameRegions?: Counts } | null;
    errors?: { message: string }[];
  };
  if (body.errors?.length || !body.data?.nameRegions) {
    throw new CommandError(
      `the gateway refused the names: ${body.errors?.map((error) => error.message).join('; ') ?? response.statusText}`,
      1,
    );
  }
  return body.data.nameRegions;
}

async function main(argv: string[]) {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { help: { type: 'boolean' } },
  });
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new CommandError(`give one CSV file\n${usage}`);
  const config = parseEnv(configSchema);
  if (!config.RADAR_API_KEY) throw new CommandError(`RADAR_API_KEY must hold a curator's API key\n${usage}`);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new CommandError(`cannot read ${file}: ${(error as Error).message}`);
  }
  const { rows, countries, problems } = readRegionsCsv(text);
  if (problems.length > 0) {
    const shown = problems.slice(0, 20).join('\n  ');
    const more = problems.length > 20 ? `\n  …and ${problems.length - 20} more` : '';
    throw new CommandError(`${file} was not loaded; nothing was changed:\n  ${shown}${more}`);
  }
  const total: Counts = { named: 0, changed: 0, unchanged: 0 };
  for (let start = 0; start < rows.length; start += PART) {
    const part = rows.slice(start, start + PART).map(({ code, name }) => ({ code, name }));
    const counts = await send(config.GATEWAY_URL, config.RADAR_API_KEY, part);
    total.named += counts.named;
    total.changed += counts.changed;
    total.unchanged += counts.unchanged;
  }
  process.stdout.write(
    `${file}: ${total.named} regions named, ${total.changed} changed, ${total.unchanged} unchanged` +
      `${countries ? ` (${countries} country rows left out)` : ''}.\n`,
  );
  return 0;
}

await runCommand('regions', () => main(process.argv.slice(2)));
