// Reads RADAR's JSON-LD as records: a record's document, a partner's document written with RADAR's context, or a full
// dump. A dump (`pnpm export --format jsonld`) puts one node of its @graph on each line, so it is read a line at a
// time in constant memory and a line that is not JSON is refused alone; any other document is read whole.
import jsonld from 'jsonld';
import type n3 from 'n3';
import { pinnedDocumentLoader } from './rdf.js';
import { type ReadResult, readRecords } from './reading.js';

/** A result of reading, with where it was: the line of a dump, or the position of the record in a document. */
export type PositionedResult = ReadResult & { line: number };

/** The first line of a dump as `pnpm export` writes it: the context, then the @graph array opens. */
const dumpHeader = /^\{\s*"@context"\s*:\s*(.+?)\s*,\s*"@graph"\s*:\s*\[\s*$/;

const loader = pinnedDocumentLoader();

/**
 * The triples of a JSON-LD document. Safe mode makes anything the context cannot turn into a triple (a misspelt key,
 * a relative IRI) an error, rather than silently dropped; only RADAR's pinned context is loaded, never the network.
 */
export async function jsonLdQuads(document: unknown): Promise<n3.Quad[]> {
  return (await jsonld.toRDF(document as never, { documentLoader: loader as never, safe: true } as never)) as never;
}

const reasonOf = (error: unknown) => {
  const { message, details } = error as { message?: string; details?: { event?: { message?: string } } };
  return details?.event?.message ? `${message}: ${details.event.message}` : (message ?? String(error));
};

const rejected = (line: number, reason: string, field = 'document'): PositionedResult => ({
  kind: 'rejected',
  path: null,
  iri: null,
  field,
  reason,
  line,
});

async function* readDocument(text: string, line: number): AsyncGenerator<PositionedResult> {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    yield rejected(line, `not JSON: ${(error as Error).message}`);
    return;
  }
  let quads: n3.Quad[];
  try {
    quads = await jsonLdQuads(document);
  } catch (error) {
    yield rejected(line, `not JSON-LD RADAR can read: ${reasonOf(error)}`);
    return;
  }
  if (quads.length === 0) {
    yield rejected(line, 'the JSON-LD holds no triples: is its @context RADAR’s?');
    return;
  }
  for (const [index, result] of readRecords(quads).entries()) yield { ...result, line: line + index };
}

/** Lines of text from chunks, each without its line break. */
async function* linesOf(
  chunks: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let rest = '';
  for await (const chunk of chunks) {
    const text = rest + (typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    const lines = text.split('\n');
    rest = lines.pop() as string;
    yield* lines;
  }
  rest += decoder.decode();
  if (rest) yield rest;
}

/**
 * Every record in a JSON-LD input, in order, each read or rejected with its reason. In a dump, results carry the line
 * of their node; in any other document, the position of the record (1, 2, …).
 */
export async function* readJsonLd(
  chunks: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
): AsyncGenerator<PositionedResult> {
  const lines = linesOf(chunks);
  const first = await lines.next();
  if (first.done) {
    yield rejected(1, 'the input is empty');
    return;
  }
  const header = dumpHeader.exec(first.value.replace(/^\uFEFF/, ''));
  let context: unknown;
  try {
    context = header ? JSON.parse(header[1] as string) : undefined;
  } catch {
    context = undefined;
  }
  if (context === undefined) {
    let text = first.value;
    for await (const line of lines) text += `\n${line}`;
    yield* readDocument(text, 1);
    return;
  }
  let number = 1;
  let closed = false;
  for await (const raw of lines) {
    number += 1;
    const line = raw.trim().replace(/,$/, '');
    if (!line) continue;
    if (line === ']}' || line === ']' || line === '}') {
      closed = true;
      continue;
    }
    if (closed) {
      yield rejected(number, 'text after the end of the dump’s @graph');
      continue;
    }
    let node: unknown;
    try {
      node = JSON.parse(line);
    } catch (error) {
      yield rejected(number, `not JSON: ${(error as Error).message}`);
      continue;
    }
    if (node === null || typeof node !== 'object' || Array.isArray(node)) {
      yield rejected(number, 'each line of a dump’s @graph holds one JSON object');
      continue;
    }
    let quads: n3.Quad[];
    try {
      quads = await jsonLdQuads({ '@context': context, ...node });
    } catch (error) {
      yield rejected(number, `not JSON-LD RADAR can read: ${reasonOf(error)}`);
      continue;
    }
    for (const result of readRecords(quads)) yield { ...result, line: number };
  }
  if (!closed) yield rejected(number, 'the dump ends before its @graph is closed: it was cut short');
}
