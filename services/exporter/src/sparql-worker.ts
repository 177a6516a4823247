// The thread the SPARQL store lives in. Oxigraph evaluates a query synchronously, so the store is kept off the
// exporter's event loop: a query that runs too long is stopped by ending this thread, and a new one is loaded in its
// place. It is source text run with `eval`, so the same code starts from the built service and from its sources.

/** What the exporter asks of the thread. */
export type WorkerRequest =
  | { id: number; type: 'load'; chunks: string[]; ontology: string }
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
const messageOf = (error) => String(error && error.message ? error.message : error);
parentPort.on('message', (request) => {
  if (request.type === 'load') {
    try {
      const next = new oxigraph.Store();
      next.load(request.chunks, { format: 'application/n-triples' });
      next.load(request.ontology, { format: 'text/turtle' });
      store = next;
      parentPort.postMessage({ id: request.id, ok: true, kind: 'loaded', triples: next.size });
    } catch (error) {
      parentPort.postMessage({ id: request.id, ok: false, reason: 'invalid', message: messageOf(error) });
    }
    return;
  }
  try {
    const result = store.query(request.query);
    if (typeof result === 'boolean') {
      const body = store.query(request.query, { results_format: request.resultsFormat });
      parentPort.postMessage({ id: request.id, ok: true, kind: 'boolean', body });
      return;
    }
    if (result.length > request.limit) {
      parentPort.postMessage({
        id: request.id,
        ok: false,
        reason: 'too-many',
        message: 'The query gives more than ' + request.limit + ' results; narrow it or add LIMIT ' + request.limit,
      });
      return;
    }
    // An empty result does not say whether it is solutions or a graph; a graph refuses a results format.
    if (result.length === 0 || result[0] instanceof Map) {
      try {
        const body = store.query(request.query, { results_format: request.resultsFormat });
        parentPort.postMessage({ id: request.id, ok: true, kind: 'solutions', body });
        return;
      } catch (error) {
        if (!/Not supported RDF format/.test(messageOf(error))) throw error;
      }
    }
    const ntriples = store.query(request.query, { results_format: 'application/n-triples' });
    parentPort.postMessage({ id: request.id, ok: true, kind: 'graph', ntriples });
  } catch (error) {
    parentPort.postMessage({ id: request.id, ok: false, reason: 'invalid', message: messageOf(error) });
  }
});
`;
