// JSON-LD to RDF and back to text, with a pinned document loader: contexts come from ontology/, never the network.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import n3 from 'n3';
import type { Json } from './mapping.js';
import { prefixes } from './vocabulary.js';

export const ontologyDir = fileURLToPath(new URL('../../../ontology/', import.meta.url));

export function ontologyFile(name: string) {
  return readFileSync(`${ontologyDir}${name}`, 'utf8');
}

export const contextDocument = JSON.parse(ontologyFile('context.jsonld'));

/** Whether a document names RADAR's context: a deployment's copy, or the one the w3id namespace redirects to. */
export const isRadarContext = (value: unknown): value is string =>
  typeof value === 'string' && /^https?:\/\/[^?#]+\/ontology\/context\.jsonld$/.test(value);

/** Resolves only RADAR's own context, from disk; anything else is refused rather than fetched. */
export function pinnedDocumentLoader(extraContextIris: string[] = []) {
  const known = new Set(extraContextIris);
  return async (url: string) => {
    if (isRadarContext(url) || known.has(url))
      return { contextUrl: undefined, documentUrl: url, document: contextDocument };
    throw new Error(`refusing to load ${url}: only RADAR's pinned context is available offline`);
  };
}

const loader = pinnedDocumentLoader();

interface TermDefinition {
  iri: string;
  /** '@id' and '@vocab' make IRIs; any other value is a datatype IRI. */
  type?: string;
}

const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';
const XSD_INTEGER = 'http://www.w3.org/2001/XMLSchema#integer';
const XSD_DOUBLE = 'http://www.w3.org/2001/XMLSchema#double';
const XSD_BOOLEAN = 'http://www.w3.org/2001/XMLSchema#boolean';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';

/** RADAR's context as term → IRI and coercion: enough to turn the documents the mappings make into quads. */
const terms: Map<string, TermDefinition> = (() => {
  const raw = contextDocument['@context'] as Record<string, string | { '@id': string; '@type'?: string }>;
  const prefixTable = new Map(
    Object.entries(raw).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string' && /[/#]$/.test(entry[1]),
    ),
  );
  const expand = (value: string): string => {
    const colon = value.indexOf(':');
    if (colon > 0) {
      const prefix = prefixTable.get(value.slice(0, colon));
      if (prefix) return prefix + value.slice(colon + 1);
    }
    return value;
  };
  const table = new Map<string, TermDefinition>();
  for (const [term, definition] of Object.entries(raw)) {
    if (term.startsWith('@') || prefixTable.has(term)) continue;
    if (typeof definition === 'string') {
      if (!definition.startsWith('@')) table.set(term, { iri: expand(definition) });
    } else {
      const type = definition['@type'];
      table.set(term, {
        iri: expand(definition['@id']),
        ...(type ? { type: type.startsWith('@') ? type : expand(type) } : {}),
      });
    }
  }
  return table;
})();

/** How the walker below spells RDF terms: as n3 terms for writers, or as N-Triples text for dumps. */
interface TermFactory<T> {
  named(iri: string): T;
  blank(label: string): T;
  literal(value: string, datatype: string): T;
  /** A literal in a language, `tag` a BCP 47 language tag. */
  tagged(value: string, tag: string): T;
  /** IRIs that recur on every record (predicates, classes), each spelled once. */
  readonly recurring: Map<string, T>;
}

function recurring<T>(factory: TermFactory<T>, iri: string): T {
  let term = factory.recurring.get(iri);
  if (term === undefined) {
    term = factory.named(iri);
    factory.recurring.set(iri, term);
  }
  return term;
}

/**
 * Turns a document written with RADAR's context into triples without a general JSON-LD processor. Blank nodes are
 * numbered `${blankPrefix}0`, `${blankPrefix}1`, … in document order, so the same record always gives the same
 * bytes. The export tests check that the result is isomorphic to what jsonld.js makes of the same JSON-LD.
 */
function walkContext<T>(document: Json, factory: TermFactory<T>, emit: (s: T, p: T, o: T) => void, blankPrefix = 'b') {
  let blank = 0;
  const rdfType = recurring(factory, RDF_TYPE);
  const termIri = (name: string) => terms.get(name)?.iri ?? name;
  const node = (value: Json): T => {
    const subject = typeof value.id === 'string' ? factory.named(value.id) : factory.blank(`${blankPrefix}${blank++}`);
    const types = value.type;
    if (types !== undefined) {
      for (const type of Array.isArray(types) ? types : [types]) {
        emit(subject, rdfType, recurring(factory, termIri(String(type))));
      }
    }
    for (const key in value) {
      if (key === 'id' || key === 'type' || key.startsWith('@')) continue;
      const definition = terms.get(key);
      if (!definition) throw new Error(`"${key}" is not a term of RADAR's context`);
      const predicate = recurring(factory, definition.iri);
      const raw = value[key];
      for (const item of Array.isArray(raw) ? raw : [raw]) {
        if (item === null || item === undefined) continue;
        let object: T;
        if (typeof item === 'object' && '@language' in item) {
          object = factory.tagged(String(item['@value']), String(item['@language']));
        } else if (typeof item === 'object') object = node(item as Json);
        else if (definition.type === '@id') object = factory.named(String(item));
        else if (definition.type === '@vocab') object = recurring(factory, termIri(String(item)));
        else if (definition.type) object = factory.literal(String(item), definition.type);
        else if (typeof item === 'number')
          object = factory.literal(String(item), Number.isInteger(item) ? XSD_INTEGER : XSD_DOUBLE);
        else if (typeof item === 'boolean') object = factory.literal(String(item), XSD_BOOLEAN);
        else object = factory.literal(String(item), XSD_STRING);
        emit(subject, predicate, object);
      }
    }
    return subject;
  };
  const graph = Array.isArray(document['@graph']) ? (document['@graph'] as Json[]) : [document];
  for (const item of graph) node(item);
}

const n3Terms: TermFactory<n3.Term> = {
  recurring: new Map(),
  named: (iri) => n3.DataFactory.namedNode(iri),
  blank: (label) => n3.DataFactory.blankNode(label),
  literal: (value, datatype) => n3.DataFactory.literal(value, n3.DataFactory.namedNode(datatype)),
  tagged: (value, tag) => n3.DataFactory.literal(value, tag),
};

function contextQuads(document: Json, blankPrefix?: string): n3.Quad[] {
  const quads: n3.Quad[] = [];
  walkContext(
    document,
    n3Terms,
    (s, p, o) =>
      quads.push(n3.DataFactory.quad(s as n3.Quad['subject'], p as n3.Quad['predicate'], o as n3.Quad['object'])),
    blankPrefix,
  );
  return quads;
}

// N-Triples escapes (RDF 1.1 N-Triples, ECHAR and UCHAR): what a literal or an IRI may not hold as it is.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters N-Triples escapes
const LITERAL_SPECIAL = /["\\\u0000-\u001f\u007f]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters N-Triples escapes
const LITERAL_SPECIALS = /["\\\u0000-\u001f\u007f]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters N-Triples escapes
const IRI_SPECIAL = /[\u0000-\u0020<>"{}|^`\\]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters N-Triples escapes
const IRI_SPECIALS = /[\u0000-\u0020<>"{}|^`\\]/g;
const ECHAR: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};
const uchar = (character: string) => `\\u${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
const escapeLiteral = (value: string) =>
  LITERAL_SPECIAL.test(value)
    ? value.replace(LITERAL_SPECIALS, (character) => ECHAR[character] ?? uchar(character))
    : value;
const escapeIri = (iri: string) => (IRI_SPECIAL.test(iri) ? iri.replace(IRI_SPECIALS, uchar) : iri);

const datatypes = new Map<string, string>();
const ntriplesTerms: TermFactory<string> = {
  recurring: new Map(),
  named: (iri) => `<${escapeIri(iri)}>`,
  blank: (label) => `_:${label}`,
  literal: (value, datatype) => {
    if (datatype === XSD_STRING) return `"${escapeLiteral(value)}"`;
    let spelled = datatypes.get(datatype);
    if (spelled === undefined) {
      spelled = `^^<${escapeIri(datatype)}>`;
      datatypes.set(datatype, spelled);
    }
    return `"${escapeLiteral(value)}"${spelled}`;
  },
  tagged: (value, tag) => `"${escapeLiteral(value)}"@${tag}`,
};

/**
 * A document written with RADAR's context as N-Triples text, one line a triple, without building RDF terms: the
 * dumps' fast path. `blankPrefix` keeps the blank nodes of different records apart in one file.
 */
export function toNTriples(document: Json, blankPrefix: string): string {
  let text = '';
  walkContext(
    document,
    ntriplesTerms,
    (s, p, o) => {
      text += `${s} ${p} ${o} .\n`;
    },
    blankPrefix,
  );
  return text;
}

export async function toQuads(document: Json, blankPrefix?: string): Promise<n3.Quad[]> {
  if (isRadarContext(document['@context'])) return contextQuads(document, blankPrefix);
  // Loaded on first use: only documents with an inline context (the catalogue) need a general JSON-LD processor.
  const { default: jsonld } = await import('jsonld');
  const nquads = (await jsonld.toRDF(document as never, {
    format: 'application/n-quads',
    documentLoader: loader as never,
  })) as unknown as string;
  // Keeps jsonld.js's blank node labels, so the same record always serialises to the same bytes (stable ETags).
  return new n3.Parser({ format: 'application/n-quads', blankNodePrefix: '' }).parse(nquads);
}

export function writeQuads(quads: n3.Quad[], format: 'text/turtle' | 'application/n-triples'): Promise<string> {
  const writer = new n3.Writer(format === 'text/turtle' ? { prefixes: { ...prefixes } } : { format: 'N-Triples' });
  writer.addQuads(quads);
  return new Promise((resolve, reject) => writer.end((error, result) => (error ? reject(error) : resolve(result))));
}
