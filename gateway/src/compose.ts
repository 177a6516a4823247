// `pnpm compose`: prints every subgraph's SDL to schema/, composes the supergraph and writes docker-compose.yml from
// the manifest of subgraphs; `--check` fails on drift.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { composeServices } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { dockerComposeFile } from './docker-compose.js';
import { subgraphs } from './subgraphs.js';

const rootDir = fileURLToPath(new URL('../../', import.meta.url));

export async function composeSupergraph() {
  const printed = await Promise.all(
    subgraphs.map(async (subgraph) => ({
      ...subgraph,
      sdl: `${printSubgraphSchema(await subgraph.buildSchema()).trim()}\n`,
    })),
  );
  const result = composeServices(
    printed.map(({ name, defaultUrl, sdl }) => ({ name, url: defaultUrl, typeDefs: parse(sdl) })),
  );
  if (result.errors) {
    throw new Error(`Composition failed:\n${result.errors.map((error) => `  ${error.message}`).join('\n')}`);
  }
  const files = new Map<string, string>(printed.map(({ name, sdl }) => [`schema/${name}.graphql`, sdl]));
  files.set('schema/supergraph.graphql', `${result.supergraphSdl.trim()}\n`);
  return { files, hints: result.hints.map((hint) => hint.toString()) };
}

async function main(check: boolean) {
  const { files, hints } = await composeSupergraph();
  files.set('docker-compose.yml', dockerComposeFile());
  for (const hint of hints) process.stderr.write(`hint: ${hint}\n`);
  const drifted: string[] = [];
  for (const [file, content] of files) {
    const path = join(rootDir, file);
    let current: string | null = null;
    try {
      current = readFileSync(path, 'utf8');
    } catch {
      current = null;
    }
    if (current === content) continue;
    if (check) drifted.push(file);
    else {
      writeFileSync(path, content);
      process.stdout.write(`wrote ${file}\n`);
    }
  }
  if (drifted.length > 0) {
    process.stderr.write(
      `${drifted.join(', ')} differ from what the code produces. Run "pnpm compose" and commit the result.\n`,
    );
    return 1;
  }
  process.stdout.write(
    check ? 'schema/ and docker-compose.yml match the code.\n' : 'schema/ and docker-compose.yml are up to date.\n',
  );
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await main(process.argv.includes('--check'));
}
