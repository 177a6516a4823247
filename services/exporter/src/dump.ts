// Full dumps of the repository as JSON-LD, Turtle or N-Triples, streamed page by page in constant memory.

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { createGzip } from 'node:zlib';
import n3 from 'n3';
import { CONTEXT_IRI, type MapContext, mappings, type TypeMapping, toJsonLd } from './mapping.js';
import { toQuads } from './rdf.js';
import type { GatewayRecords } from './records.js';
import { prefixes } from './vocabulary.js';

export const dumpFormats = {
  jsonld: { mediaType: 'application/ld+json', extension: 'jsonld' },
  turtle: { mediaType: 'text/turtle', extension: 'ttl' },
  ntriples: { mediaType: 'application/n-triples', extension: 'nt' },
} as const;
export type DumpFormat = keyof typeof dumpFormats;

export const dumpOrder: TypeMapping['path'][] = ['organisations', 'practices', 'projects'];

export interface DumpProgress {
  start(total: number): void;
  advance(done: number, total: number): void;
  stop(): void;
}

export interface DumpSummary {
  records: Record<TypeMapping['path'], number>;
  tombstonesSkipped: number;
  bytes: number;
  milliseconds: number;
}

/** Counts bytes on their way to the file (after compression). */
function counting(target: Writable) {
  let bytes = 0;
  const write = target.write.bind(target);
  target.write = ((chunk: string | Buffer, ...rest: never[]) => {
    bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
    return write(chunk, ...rest);
  }) as Writable['write'];
  return () => bytes;
}

/** Each conversion numbers its blank nodes from b0; in one file they must not meet, so each page gets its own. */
function distinctBlankNodes(quads: n3.Quad[], ordinal: number, path: string) {
  const rename = <T extends n3.Quad['subject'] | n3.Quad['object']>(term: T): T =>
    (term.termType === 'BlankNode' ? n3.DataFactory.blankNode(`${path}${ordinal}_${term.value}`) : term) as T;
  return quads.map((quad) =>
    n3.DataFactory.quad(rename(quad.subject), quad.predicate, rename(quad.object), quad.graph),
  );
}

export async function writeDump(options: {
  records: GatewayRecords;
  context: MapContext;
  format: DumpFormat;
  out: string;
  gzip: boolean;
  pageSize?: number;
  progress?: DumpProgress;
}): Promise<DumpSummary> {
  const started = performance.now();
  const file = createWriteStream(options.out);
  const bytesOnDisk = counting(file);
  const gzip = options.gzip ? createGzip() : null;
  if (gzip) gzip.pipe(file);
  const output: Writable = gzip ?? file;
  const drained = async () => {
    if (output.writableNeedDrain) await once(output, 'drain');
  };
  const rdfWriter =
    options.format === 'jsonld'
      ? null
      : new n3.Writer(output, {
          end: false,
          ...(options.format === 'turtle' ? { prefixes: { ...prefixes } } : { format: 'N-Triples' }),
        });

  const summary: DumpSummary = {
    records: { organisations: 0, practices: 0, projects: 0 },
    tombstonesSkipped: 0,
    bytes: 0,
    milliseconds: 0,
  };
  let total = 0;
  let done = 0;
  let first = true;
  let pageNumber = 0;
  if (options.format === 'jsonld') output.write(`{"@context":${JSON.stringify(CONTEXT_IRI)},"@graph":[\n`);
  for (const path of dumpOrder) {
    let after: string | undefined;
    let counted = false;
    do {
      // The whole feed is counted once, for the progress bar; later pages skip the count.
      const page = await options.records.changes(path, {
        first: options.pageSize ?? 100,
        count: !counted,
        ...(after ? { after } : {}),
      });
      if (!counted) {
        total += page.totalCount ?? 0;
        counted = true;
        options.progress?.start(total);
      }
      const graph: Record<string, unknown>[] = [];
      for (const node of page.nodes) {
        done += 1;
        if (!node.record || node.deletedAt) {
          summary.tombstonesSkipped += 1;
          continue;
        }
        const { '@context': _context, ...graphNode } = toJsonLd(mappings[path], node.record, options.context);
        graph.push(graphNode);
        summary.records[path] += 1;
      }
      if (rdfWriter) {
        // One conversion per page; blank node labels restart with each conversion, so each page gets its own.
        pageNumber += 1;
        if (graph.length > 0)
          rdfWriter.addQuads(
            distinctBlankNodes(await toQuads({ '@context': CONTEXT_IRI, '@graph': graph }), pageNumber, path),
          );
      } else {
        for (const graphNode of graph) {
          output.write(`${first ? '' : ',\n'}${JSON.stringify(graphNode)}`);
          first = false;
        }
      }
      options.progress?.advance(done, total);
      await drained();
      after = page.pageInfo.hasNextPage && page.pageInfo.endCursor ? page.pageInfo.endCursor : undefined;
    } while (after);
  }
  if (options.format === 'jsonld') output.write('\n]}\n');
  if (rdfWriter)
    await new Promise<void>((resolve, reject) => rdfWriter.end((error) => (error ? reject(error) : resolve())));
  output.end();
  await once(file, 'finish');
  options.progress?.stop();
  summary.bytes = bytesOnDisk();
  summary.milliseconds = Math.round(performance.now() - started);
  return summary;
}
