// What the fixed IRIs of RADAR's vocabulary dereference to on a deployment: the ontology at /ontology, each concept
// scheme at /code/<scheme> and each concept at /code/<scheme>/<CODE>, which the w3id.org redirects land on.

import { codeListRights, whoCodeLists } from '@radar/practices/codes';
import n3 from 'n3';
import { type CodeListName, codeListQuads, schemeSlugs } from './codelists.js';
import type { Representation } from './formats.js';
import { contextIri, type Json, type MapContext } from './mapping.js';
import { contextDocument, ontologyFile, pinnedDocumentLoader } from './rdf.js';
import { CODE_LISTS_IRI, skos } from './vocabulary.js';

const loader = pinnedDocumentLoader();

/** Triples as a JSON-LD document compacted with RADAR's context, which it then names by the deployment's IRI. */
export async function compacted(quads: n3.Quad[], context: MapContext): Promise<Json> {
  const { default: jsonld } = await import('jsonld');
  const nquads = new n3.Writer({ format: 'N-Quads' }).quadsToString(quads);
  const expanded = (await jsonld.fromRDF(nquads as never, { format: 'application/n-quads' } as never)) as never;
  const document = (await jsonld.compact(expanded, contextDocument['@context'], {
    documentLoader: loader as never,
  } as never)) as unknown as Json;
  return { ...document, '@context': contextIri(context) };
}

const ontologyTurtle = ontologyFile('radar.ttl');
const ontologyQuads = new n3.Parser({ format: 'text/turtle' }).parse(ontologyTurtle);

const ontologyCache = new Map<string, Promise<Representation>>();

export function ontologyRepresentation(context: MapContext): Promise<Representation> {
  let representation = ontologyCache.get(context.base);
  if (!representation) {
    representation = compacted(ontologyQuads, context).then((document) => ({
      document,
      heading: 'RADAR ontology',
      quads: () => ontologyQuads,
      turtle: ontologyTurtle,
    }));
    ontologyCache.set(context.base, representation);
  }
  return representation;
}

let bySubject: Map<string, n3.Quad[]> | null = null;
function codeListTriples() {
  if (!bySubject) {
    bySubject = new Map();
    for (const quad of codeListQuads()) {
      const list = bySubject.get(quad.subject.value) ?? [];
      list.push(quad);
      bySubject.set(quad.subject.value, list);
    }
  }
  return bySubject;
}

const slugs = new Set<string>(Object.values(schemeSlugs));

/** The English label of a subject, for the page heading. */
const labelOf = (quads: n3.Quad[], fallback: string) =>
  quads.find((quad) => quad.predicate.value === skos.prefLabel)?.object.value ?? fallback;

const codeListCache = new Map<string, Promise<Representation | null>>();

/**
 * A concept scheme with its concepts, a concept with its triples, or every scheme (no scheme given); null for a
 * scheme or code RADAR does not have. The code lists are fixed while the exporter runs, so each is made once.
 */
export function codeListRepresentation(context: MapContext, scheme?: string, code?: string) {
  const key = `${context.base} ${scheme ?? ''} ${code ?? ''}`;
  let representation = codeListCache.get(key);
  if (!representation) {
    representation = makeCodeListRepresentation(context, scheme, code);
    // Unknown names are not kept: the cache holds only what RADAR has.
    representation.then((made) => made ?? codeListCache.delete(key)).catch(() => codeListCache.delete(key));
    codeListCache.set(key, representation);
  }
  return representation;
}

async function makeCodeListRepresentation(
  context: MapContext,
  scheme?: string,
  code?: string,
): Promise<Representation | null> {
  const triples = codeListTriples();
  let quads: n3.Quad[];
  let heading: string;
  if (scheme === undefined) {
    quads = [...slugs].flatMap((slug) => triples.get(`${CODE_LISTS_IRI}${slug}`) ?? []);
    heading = 'RADAR code lists';
  } else if (!slugs.has(scheme)) {
    return null;
  } else if (code === undefined) {
    const iri = `${CODE_LISTS_IRI}${scheme}`;
    const own = triples.get(iri) ?? [];
    const members = [...triples.entries()]
      .filter(([subject, list]) => subject.startsWith(`${iri}/`) && list.length > 0)
      .flatMap(([, list]) => list);
    quads = [...own, ...members];
    heading = labelOf(own, scheme);
  } else {
    const found = triples.get(`${CODE_LISTS_IRI}${scheme}/${code}`);
    if (!found) return null;
    quads = found;
    heading = labelOf(found, code);
  }
  const name = scheme === undefined ? undefined : listNames.get(scheme);
  const rights = name === undefined ? undefined : codeListRights(name);
  const notice = scheme === undefined ? everyListNotice : rights?.source ? rights.attribution : undefined;
  return { document: await compacted(quads, context), heading, quads: () => quads, ...(notice ? { notice } : {}) };
}

const everyListNotice = `RADAR's own code lists are published under CC BY 4.0. ${whoCodeLists.map((name) => schemeSlugs[name]).join(', ')}: ${codeListRights(whoCodeLists[0]).attribution}`;

const listNames = new Map(
  Object.entries(schemeSlugs).map(([name, slug]) => [slug as string, name as CodeListName] as const),
);
