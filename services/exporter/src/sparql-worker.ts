// The thread the SPARQL store lives in. Oxigraph evaluates a query synchronously, so the store is kept off the
// exporter's event loop: a query that runs too long is stopped by ending this thread, and a new one is loaded in its
// place. It is source text run with `eval`, so the same code starts from the built service and from its sources.
// Each record is a named graph of its own (the default graph a query sees is their union), so a change replaces one
// record's graph and nothing else; a batch of changes is checked whole before any of it is applied, and the thread
// answers no query in between, so a query sees a record before a change or after it, never half of it.
import type * as oxigraph from 'oxigraph';

/** One named graph: its IRI and its triples as N-Triples (Turtle for the ontology). */
export interface GraphText {
  graph: string;
  text: string;
  format?: 'application/n-triples' | 'text/turtle';
}

/** A change to one record's graph: its new triples, or null when the record left the public graph. */
export interface GraphChange {
  graph: string;
  ntriples: string | null;
}

/** What the exporter asks of the thread. */
export type WorkerRequest =
  | { id: number; type: 'load'; graphs: GraphText[] }
  | { id: number; type: 'apply'; changes: GraphChange[] }
  | { id: number; type: 'query'; query: string; resultsFormat: string; limit: number };

/** What the thread answers: a query's kind and serialised result, or the store's message. */
export type WorkerReply =
  | { id: number; ok: true; kind: 'loaded'; triples: number }
  | { id: number; ok: true; kind: 'boolean' | 'solutions'; body: string }
  | { id: number; ok: true; kind: 'graph'; ntriples: string }
  | { id: number; ok: false; reason: 'invalid' | 'too-many'; message: string };

/**
 * Loads `graphs` into an empty `store`: the records' graphs as one N-Quads document, in pieces of a few megabytes (a
 * whole registry is more than one string can hold), without a transaction (the store is not seen until it is whole)
 * and leniently: RADAR's own writer made every line, and checking each IRI again makes the load several times
 * slower, as do many small pieces or one load per graph. An N-Triples line ends in " ." and nowhere else. The
 * thread runs this function's own text, so the benchmark's store loads exactly as the endpoint's does.
 */
export function loadGraphs(ox: typeof oxigraph, store: oxigraph.Store, graphs: GraphText[]): void {
  const PIECE_CHARS = 4 * 1024 * 1024;
  const pieces: string[] = [];
  let piece: string[] = [];
  let size = 0;
  for (const { graph, text, format } of graphs) {
    if (format) {
      store.load(text, { format, to_graph_name: ox.namedNode(graph) });
      continue;
    }
    const quads = text.replaceAll(' .\n', ` <${graph}> .\n`);
    piece.push(quads);
    size += quads.length;
    if (size >= PIECE_CHARS) {
      pieces.push(piece.join(''));
      piece = [];
      size = 0;
    }
  }
  if (piece.length) pieces.push(piece.join(''));
  store.load(pieces, { format: 'application/n-quads', no_transaction: true, lenient: true });
}

/**
 * What a SPARQL JSON result is: an ASK's boolean, or solutions and how many. A short one is parsed; a long one (an
 * ASK's never is) has its solutions counted as the objects directly inside `results.bindings`, reading past strings,
 * which costs a fraction of parsing it into objects only to count them. The thread runs this function's own text.
 */
export function resultsOf(json: string): { kind: 'boolean' | 'solutions'; solutions: number } {
  if (json.length <= 4096) {
    const parsed = JSON.parse(json);
    return typeof parsed.boolean === 'boolean'
      ? { kind: 'boolean', solutions: 0 }
      : { kind: 'solutions', solutions: parsed.results.bindings.length };
  }
  // Depth 3 is inside the array of `{"head": …, "results": {"bindings": [ … ]}}`; "head" holds no objects that deep.
  let depth = 0;
  let solutions = 0;
  for (let at = 0; at < json.length; at++) {
    const c = json.charCodeAt(at);
    if (c === 0x22) {
      let end = json.indexOf('"', at + 1);
      for (;;) {
        let backslashes = 0;
        while (json.charCodeAt(end - 1 - backslashes) === 0x5c) backslashes++;
        if (backslashes % 2 === 0) break;
        end = json.indexOf('"', end + 1);
      }
      at = end;
    } else if (c === 0x7b || c === 0x5b) {
      if (depth === 3 && c === 0x7b) solutions++;
      depth++;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return { kind: 'solutions', solutions };
}

export const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const oxigraph = require(workerData.oxigraph);
let store = new oxigraph.Store();
const union = { use_default_graph_as_union: true };
const JSON_RESULTS = 'application/sparql-results+json';
const loadGraphs = ${loadGraphs.toString()};
const resultsOf = ${resultsOf.toString()};
const messageOf = (error) => String(error && error.message ? error.message : error);
const loaded = (id, triples) => parentPort.postMessage({ id, ok: true, kind: 'loaded', triples });
const refused = (id, error) => parentPort.postMessage({ id, ok: false, reason: 'invalid', message: messageOf(error) });
parentPort.on('message', (request) => {
  if (request.type === 'load') {
    try {
      const next = new oxigraph.Store();
      loadGraphs(oxigraph, next, request.graphs);
      store = next;
      loaded(request.id, next.size);
    } catch (error) {
      refused(request.id, error);
    }
    return;
  }
  if (request.type === 'apply') {
    let parsed;
    try {
      parsed = request.changes.map(({ graph, ntriples }) =>
        ntriples === null
          ? []
          : oxigraph.parse(ntriples, { format: 'application/n-triples', to_graph_name: oxigraph.namedNode(graph) }),
      );
    } catch (error) {
      refused(request.id, error);
      return;
    }
    request.changes.forEach(({ graph }, index) => {
      for (const quad of store.match(null, null, null, oxigraph.namedNode(graph))) store.delete(quad);
      for (const quad of parsed[index]) store.add(quad);
    });
    loaded(request.id, store.size);
    return;
  }
  // Asked once as SPARQL JSON, which says the kind of result and how many there are; asked again only when the
  // caller wants another results format. A graph refuses a results format and is asked for as N-Triples, a line each.
  const tooMany = () =>
    parentPort.postMessage({
      id: request.id,
      ok: false,
      reason: 'too-many',
      message: 'The query gives more than ' + request.limit + ' results; narrow it or add LIMIT ' + request.limit,
    });
  try {
    let json;
    try {
      json = store.query(request.query, { ...union, results_format: JSON_RESULTS });
    } catch (error) {
      if (!/Not supported RDF format/.test(messageOf(error))) throw error;
      const ntriples = store.query(request.query, { ...union, results_format: 'application/n-triples' });
      let triples = 0;
      for (let at = ntriples.indexOf('\\n'); at !== -1; at = ntriples.indexOf('\\n', at + 1)) triples++;
      if (triples > request.limit) return tooMany();
      parentPort.postMessage({ id: request.id, ok: true, kind: 'graph', ntriples });
      return;
    }
    const { kind, solutions } = resultsOf(json);
    if (kind === 'solutions' && solutions > request.limit) return tooMany();
    const body =
      request.resultsFormat === JSON_RESULTS
        ? json
        : store.query(request.query, { ...union, results_format: request.resultsFormat });
    parentPort.postMessage({ id: request.id, ok: true, kind, body });
  } catch (error) {
    refused(request.id, error);
  }
});
`;
