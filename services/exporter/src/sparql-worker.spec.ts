import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import * as oxigraph from 'oxigraph';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type GraphText,
  loadGraphs,
  resultsOf,
  type WorkerReply,
  type WorkerRequest,
  workerSource,
} from './sparql-worker.js';

const BASE = 'https://radar.example.eu/practices/';
const TITLE = 'http://purl.org/dc/terms/title';
/** Literals that a naive reading of SPARQL JSON would miscount: quotes, backslashes, braces and brackets. */
const AWKWARD = ['plain', 'say "hi"', 'ends in a backslash \\', '\\"', '},{"x":[{', '[{}]', 'Iași — ü', 'line\nbreak'];

const ntriplesText = (value: string) =>
  value.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n').replaceAll('\r', '\\r');

/** `records` practices' graphs, each with one awkward title and a blank node, as the exporter hands them over. */
function graphs(records: number): GraphText[] {
  return Array.from({ length: records }, (_, n) => {
    const iri = `${BASE}${n}`;
    return {
      graph: iri,
      text:
        `<${iri}> <${TITLE}> "${ntriplesText(AWKWARD[n % AWKWARD.length] as string)}"@en .\n` +
        `<${iri}> <http://www.w3.org/ns/adms#identifier> _:p${n}b0 .\n` +
        `_:p${n}b0 <http://www.w3.org/2004/02/skos/core#notation> "${n}" .\n`,
    };
  });
}

/** A request as the test writes it, numbered when sent. */
type Unnumbered = {
  [K in WorkerRequest['type']]: Omit<Extract<WorkerRequest, { type: K }>, 'id'>;
}[WorkerRequest['type']];

const select = (store: oxigraph.Store, query: string) =>
  store.query(query, { use_default_graph_as_union: true, results_format: 'application/sparql-results+json' }) as string;

describe('loading the whole graph', () => {
  it('puts each record in its own named graph, across pieces of several megabytes', () => {
    const store = new oxigraph.Store();
    // About 30,000 records make more than one piece.
    loadGraphs(oxigraph, store, graphs(30_000));
    expect(store.size).toBe(90_000);
    const inSeven = store.match(null, null, null, oxigraph.namedNode(`${BASE}7`));
    expect(inSeven).toHaveLength(3);
    expect(inSeven.map((quad) => quad.object.value)).toContain(AWKWARD[7]);
    // Blank nodes stay apart by their record's label.
    const notations = select(
      store,
      'SELECT (COUNT(DISTINCT ?b) AS ?n) { ?p <http://www.w3.org/ns/adms#identifier> ?b }',
    );
    expect(JSON.parse(notations).results.bindings[0].n.value).toBe('30000');
  });

  it('fails whole on text that is not N-Triples, naming the problem', () => {
    const store = new oxigraph.Store();
    expect(() =>
      loadGraphs(oxigraph, store, [{ graph: `${BASE}x`, text: `<${BASE}x> <${TITLE}> "open .\n` }]),
    ).toThrow();
  });
});

describe('counting solutions without parsing them', () => {
  const store = new oxigraph.Store();
  loadGraphs(oxigraph, store, graphs(2_000));

  it.each([1, 7, 40, 2_000])('counts %i solutions with awkward literals as JSON.parse does', (limit) => {
    const json = select(store, `SELECT ?p ?title { ?p <${TITLE}> ?title } LIMIT ${limit}`);
    expect(resultsOf(json)).toEqual({ kind: 'solutions', solutions: JSON.parse(json).results.bindings.length });
    expect(resultsOf(json).solutions).toBe(limit);
  });

  it('counts long results of many variables, empty solutions and none', () => {
    const wide = select(store, `SELECT * { ?p <${TITLE}> ?title ; ?q ?b . OPTIONAL { ?b ?r ?notation } }`);
    expect(wide.length).toBeGreaterThan(4096);
    expect(resultsOf(wide).solutions).toBe(JSON.parse(wide).results.bindings.length);
    const empties = select(store, `SELECT ?nothing { ?p <${TITLE}> ?title }`);
    expect(empties.length).toBeGreaterThan(4096);
    expect(resultsOf(empties)).toEqual({ kind: 'solutions', solutions: 2_000 });
    expect(resultsOf(select(store, 'SELECT ?p { ?p <urn:none> ?o }'))).toEqual({ kind: 'solutions', solutions: 0 });
  });

  it('tells an ASK from a SELECT', () => {
    expect(resultsOf(select(store, `ASK { <${BASE}1> <${TITLE}> ?title }`))).toEqual({ kind: 'boolean', solutions: 0 });
    expect(resultsOf(select(store, 'ASK { <urn:none> ?p ?o }')).kind).toBe('boolean');
  });
});

describe("the store's thread", () => {
  const worker = new Worker(workerSource, {
    eval: true,
    workerData: { oxigraph: createRequire(import.meta.url).resolve('oxigraph') },
  });
  afterAll(() => worker.terminate());
  let id = 0;
  const ask = (request: Unnumbered) =>
    new Promise<WorkerReply>((resolve) => {
      const mine = ++id;
      const listen = (reply: WorkerReply) => {
        if (reply.id !== mine) return;
        worker.off('message', listen);
        resolve(reply);
      };
      worker.on('message', listen);
      worker.postMessage({ ...request, id: mine });
    });

  it('loads, answers within the result limit and refuses past it', async () => {
    expect(await ask({ type: 'load', graphs: graphs(3_000) })).toEqual({
      id: 1,
      ok: true,
      kind: 'loaded',
      triples: 9_000,
    });
    const query = `SELECT ?title { ?p <${TITLE}> ?title }`;
    const within = await ask({ type: 'query', query, resultsFormat: 'application/sparql-results+json', limit: 3_000 });
    expect(within).toMatchObject({ ok: true, kind: 'solutions' });
    expect(JSON.parse((within as { body: string }).body).results.bindings).toHaveLength(3_000);
    const past = await ask({ type: 'query', query, resultsFormat: 'text/csv', limit: 2_999 });
    expect(past).toMatchObject({ ok: false, reason: 'too-many' });
    const csv = await ask({
      type: 'query',
      query: `SELECT ?title { ?p <${TITLE}> ?title FILTER(STR(?title) = "plain") } LIMIT 2`,
      resultsFormat: 'text/csv',
      limit: 10,
    });
    expect((csv as { body: string }).body.trim().split(/\r?\n/)).toHaveLength(3);
  });
});
