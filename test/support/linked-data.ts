// RADAR's linked data in tests: a stack's dump, its graph in canonical N-Quads (URDNA2015), and RADAR's JSON-LD
// posted to a stack's import endpoint.
import { CODE_LISTS_IRI, dumpText, SubgraphSource } from '@radar/exporter';
import type { ReportEntry } from '@radar/gateway';
import jsonld from 'jsonld';
import n3 from 'n3';
import type { Stack } from './stack.js';

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

const offline = async (url: string) => {
  if (url === `${BASE}/ontology/context.jsonld`) {
    const { contextDocument } = await import('@radar/exporter');
    return { contextUrl: undefined, documentUrl: url, document: contextDocument };
  }
  throw new Error(`no network in tests: ${url}`);
};

/** A graph in canonical N-Quads (URDNA2015), without the code lists a dump ends with: records only. */
export async function canonicalRecords(documents: unknown[], keep: (quad: n3.Quad) => boolean = () => true) {
  const quads: n3.Quad[] = [];
  for (const [index, document] of documents.entries()) {
    const nquads = (await jsonld.toRDF(
      document as never,
      {
        format: 'application/n-quads',
        documentLoader: offline,
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
