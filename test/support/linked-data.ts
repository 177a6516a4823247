// RADAR's linked data in tests: a stack's dump, its graph in canonical N-Quads (URDNA2015), RADAR's JSON-LD posted
// to a stack's import endpoint, and the subgraphs' data generations that tell whether anything was written.
import { CODE_LISTS_IRI, contextDocument, dumpText, SubgraphSource } from '@radar/exporter';
import type { ReportEntry } from '@radar/gateway';
import jsonld from 'jsonld';
import n3 from 'n3';
import { type Stack, signedGet } from './stack.js';

export const BASE = 'https://radar.example.eu';

/** A stack's dump in JSON-LD, at BASE. */
export async function dumpOf(running: Stack) {
  let text = '';
  for await (const chunk of dumpText({
    source: new SubgraphSource(running.urls, running.signer),
    context: { base: BASE },
    format: 'jsonld',
  })) {
    text += chunk;
  }
  return text;
}

/** A jsonld.js document loader that serves RADAR's context from disk and fetches nothing. */
export async function offlineLoader(url: string) {
  if (url === `${BASE}/ontology/context.jsonld`) {
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

/** A graph in canonical N-Quads (URDNA2015), without the code lists a dump ends with: records only. */
export async function canonicalRecords(documents: unknown[], keep: (quad: n3.Quad) => boolean = () => true) {
  const quads: n3.Quad[] = [];
  for (const [index, document] of documents.entries()) {
    const nquads = (await jsonld.toRDF(
      document as never,
      {
        format: 'application/n-quads',
        documentLoader: offlineLoader,
      } as never,
    )) as unknown as string;
    // Each document's blank nodes are its own: labels kept apart, so two records' addresses stay two nodes.
    quads.push(...new n3.Parser({ format: 'application/n-quads', blankNodePrefix: `d${index}_` }).parse(nquads));
  }
  const records = quads.filter((quad) => !quad.subject.value.startsWith(CODE_LISTS_IRI) && keep(quad));
  return (await jsonld.canonize(
    new n3.Writer({ format: 'N-Quads' }).quadsToString(records) as never,
    {
      algorithm: 'URDNA2015',
      inputFormat: 'application/n-quads',
    } as never,
  )) as unknown as string;
}

/** POST /import on a stack's gateway (as its curator unless a key is given), with RADAR's JSON-LD as the body. */
export async function importJsonLd(target: Stack, body: string, query = '', key = target.keys.curator) {
  const response = await fetch(`${target.gatewayUrl.replace(/\/graphql$/, '')}/import${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/ld+json', authorization: `Bearer ${key}` },
    body,
  });
  return {
    status: response.status,
    ...((await response.json()) as { records: ReportEntry[]; summary: Record<string, number> }),
  };
}
