// What the import tests share: a stack's JSON-LD dump, the offline loader of RADAR's context, and the subgraphs'
// data generations that tell whether anything was written.
import { contextDocument, dumpText, SubgraphSource } from '@radar/exporter';
import { type Stack, signedGet } from './stack.js';

/** The base IRI the import tests' dumps are written under. */
export const DUMP_BASE = 'https://radar.example.eu';

/** A running stack's JSON-LD dump, under DUMP_BASE. */
export async function dumpOf(running: Stack) {
  let text = '';
  for await (const chunk of dumpText({
    source: new SubgraphSource(running.urls, running.signer),
    context: { base: DUMP_BASE },
    format: 'jsonld',
  })) {
    text += chunk;
  }
  return text;
}

/** A jsonld.js document loader that serves RADAR's context from disk and fetches nothing. */
export async function offlineLoader(url: string) {
  if (url === `${DUMP_BASE}/ontology/context.jsonld`) {
    return { contextUrl: undefined, documentUrl: url, document: contextDocument };
  }
  throw new Error(`no network in tests: ${url}`);
}

/** Every subgraph's data generation: it moves with any committed write to its database. */
export async function generations(target: Stack) {
  return Promise.all(
    (['organisations', 'practices', 'projects'] as const).map(async (name) => {
      const url = target.urls[name].replace(/\/graphql$/, '/generation');
      const response = await fetch(url, { headers: signedGet(target, url) });
      return ((await response.json()) as { generation: unknown }).generation;
    }),
  );
}
