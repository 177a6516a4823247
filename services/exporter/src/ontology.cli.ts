// `pnpm ontology`: writes ontology/codelists.ttl and ontology/shapes.ttl from the services' code lists;
// `--check` fails when the committed files differ.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { codeListTurtle } from './codelists.js';
import { ontologyDir } from './rdf.js';
import { shapesTurtle } from './shapes.js';

export async function generatedOntologyFiles() {
  const header =
    '# SKOS concept schemes of every RADAR code list. Generated from the services\u2019 code lists by `pnpm ontology`; do not edit.\n';
  return new Map<string, string>([
    ['codelists.ttl', `${header}${await codeListTurtle()}`],
    ['shapes.ttl', shapesTurtle()],
  ]);
}

async function main(check: boolean) {
  const drifted: string[] = [];
  for (const [name, content] of await generatedOntologyFiles()) {
    const path = `${ontologyDir}${name}`;
    let current: string | null = null;
    try {
      current = readFileSync(path, 'utf8');
    } catch {
      current = null;
    }
    if (current === content) continue;
    if (check) drifted.push(name);
    else {
      writeFileSync(path, content);
      process.stdout.write(`wrote ontology/${name}\n`);
    }
  }
  if (drifted.length > 0) {
    process.stderr.write(
      `ontology/ differs from the code lists: ${drifted.join(', ')}. Run "pnpm ontology" and commit the result.\n`,
    );
    return 1;
  }
  process.stdout.write(check ? 'ontology/ matches the code lists.\n' : 'ontology/ is up to date.\n');
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await main(process.argv.includes('--check'));
}
