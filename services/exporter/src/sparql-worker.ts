// The thread the SPARQL store lives in. Oxigraph evaluates a query synchronously, so the store is kept off the
// exporter's event loop: a query that runs too long is stopped by ending this thread, and a new one is loaded in its
// place. It is source text run with `eval`, so the same code starts from the built service and from its sources.
// Each record is a named graph of its own (the default graph a query sees is their union), so a change replaces one
// record's graph and nothing else; a batch of changes is checked whole before any of it is applied, and the thread
// answers no query in between, so a query sees a record before a change or after it, never half of it.

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

export const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const oxigraph = require(workerData.oxigraph);
let store = new oxigraph.Store();
const union = { use_default_graph_as_union: true };
const JSON_RESULTS = 'application/sparql-results+json';
const messageOf = (error) => String(error && error.message ? error.message : error);
const loaded = (id, triples) => parentPort.postMessage({ id, ok: true, kind: 'loaded', triples });
const refused = (id, error) => parentPort.postMessage({ id, ok: false, reason: 'invalid', message: messageOf(error) });
parentPort.on('message', (request) => {
  if (request.type === 'load') {
    // The records' graphs go in as one N-Quads document, without a transaction (the new store is not seen until it is
    // whole): loading them one by one is many times slower. An N-Triples line ends in " ." and nowhere else.
    try {
      const next = new oxigraph.Store();
      const quads = [];
      for (const { graph, text, format } of request.graphs) {
        if (format) next.load(text, { format, to_graph_name: oxigraph.namedNode(graph) });
        else quads.push(text.replaceAll(' .\\n', ' <' + graph + '> .\\n'));
      }
      next.load(quads, { format: 'application/n-quads', no_transaction: true });
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
    const parsed = JSON.parse(json);
    const kind = typeof parsed.boolean === 'boolean' ? 'boolean' : 'solutions';
    if (kind === 'solutions' && parsed.results.bindings.length > request.limit) return tooMany();
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
