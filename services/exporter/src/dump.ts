// Full dumps of the repository as JSON-LD, Turtle or N-Triples, streamed a batch at a time in constant memory. The
// file appears under its name only when it is complete: a failed dump leaves nothing behind.
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { createGzip } from 'node:zlib';
import n3 from 'n3';
import { CONTEXT_IRI, type MapContext, mappings, toJsonLd } from './mapping.js';
import { toNTriples, toQuads } from './rdf.js';
import type { DumpSource, RecordPath } from './sources.js';
import { prefixes } from './vocabulary.js';

export const dumpFormats = {
  jsonld: { mediaType: 'application/ld+json', extension: 'jsonld' },
  turtle: { mediaType: 'text/turtle', extension: 'ttl' },
  ntriples: { mediaType: 'application/n-triples', extension: 'nt' },
} as const;
export type DumpFormat = keyof typeof dumpFormats;

export const dumpOrder: RecordPath[] = ['organisations', 'practices', 'projects'];

export interface DumpProgress {
  start(total: number): void;
  advance(done: number, total: number): void;
  stop(): void;
}

export interface DumpSummary {
  records: Record<RecordPath, number>;
  tombstonesSkipped: number;
  bytes: number;
  milliseconds: number;
}

/** How one format writes a batch of records; each record's blank nodes get labels of their own. */
interface FormatWriter {
  begin(): void;
  records(documents: Record<string, unknown>[], ordinal: number): Promise<void> | void;
  end(): Promise<void>;
}

function formatWriter(format: DumpFormat, output: Writable): FormatWriter {
  if (format === 'ntriples') {
    return {
      begin: () => undefined,
      records(documents, ordinal) {
        let text = '';
        for (const [index, document] of documents.entries()) text += toNTriples(document, `r${ordinal + index}b`);
        output.write(text);
      },
      end: async () => undefined,
    };
  }
  if (format === 'turtle') {
    const writer = new n3.Writer(output, { end: false, prefixes: { ...prefixes } });
    return {
      begin: () => undefined,
      async records(documents, ordinal) {
        for (const [index, document] of documents.entries())
          writer.addQuads(await toQuads(document, `r${ordinal + index}b`));
      },
      end: () => new Promise<void>((resolve, reject) => writer.end((error) => (error ? reject(error) : resolve()))),
    };
  }
  let first = true;
  return {
    begin: () => output.write(`{"@context":${JSON.stringify(CONTEXT_IRI)},"@graph":[\n`),
    records(documents) {
      let text = '';
      for (const { '@context': _context, ...node } of documents) {
        text += `${first ? '' : ',\n'}${JSON.stringify(node)}`;
        first = false;
      }
      output.write(text);
    },
    end: async () => {
      output.write('\n]}\n');
    },
  };
}

export async function writeDump(options: {
  source: DumpSource;
  context: MapContext;
  format: DumpFormat;
  out: string;
  gzip: boolean;
  progress?: DumpProgress;
}): Promise<DumpSummary> {
  const started = performance.now();
  const partial = `${options.out}.partial`;
  const file = createWriteStream(partial);
  const gzip = options.gzip ? createGzip() : null;
  if (gzip) gzip.pipe(file);
  const output: Writable = gzip ?? file;
  const summary: DumpSummary = {
    records: { organisations: 0, practices: 0, projects: 0 },
    tombstonesSkipped: 0,
    bytes: 0,
    milliseconds: 0,
  };
  try {
    const writer = formatWriter(options.format, output);
    let [total, done, ordinal] = [0, 0, 0];
    writer.begin();
    for (const path of dumpOrder) {
      const { total: count, batches } = await options.source.open(path);
      total += count;
      options.progress?.start(total);
      for await (const batch of batches) {
        const documents = batch.records.map((record) => toJsonLd(mappings[path], record, options.context));
        await writer.records(documents, ordinal);
        ordinal += documents.length;
        summary.records[path] += documents.length;
        summary.tombstonesSkipped += batch.skipped;
        done += documents.length + batch.skipped;
        options.progress?.advance(done, Math.max(total, done));
        if (output.writableNeedDrain) await once(output, 'drain');
      }
    }
    await writer.end();
    output.end();
    await once(file, 'close');
    await rename(partial, options.out);
  } catch (error) {
    // Writes still queued fail once the streams are gone; that is expected here, not a second error.
    for (const stream of [output, file]) stream.on('error', () => undefined).destroy();
    await rm(partial, { force: true });
    throw error;
  } finally {
    options.progress?.stop();
  }
  summary.bytes = file.bytesWritten;
  summary.milliseconds = Math.round(performance.now() - started);
  return summary;
}
