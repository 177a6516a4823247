// Full dumps of the repository as JSON-LD, Turtle or N-Triples, streamed a batch at a time in constant memory. The
// file appears under its name only when it is complete: a failed dump leaves nothing behind.
import { once } from 'node:events';
import { closeSync, openSync, writeSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { createGzip, type Gzip } from 'node:zlib';
import n3 from 'n3';
import { codeListQuads } from './codelists.js';
import { compacted } from './dereference.js';
import type { DumpFormat } from './formats.js';
import { contextIri, type MapContext, mappings, toJsonLd } from './mapping.js';
import { toNTriples, toQuads, writeQuads } from './rdf.js';
import type { DumpSource, RecordPath } from './sources.js';
import { prefixes } from './vocabulary.js';

export { type DumpFormat, dumpFormats } from './formats.js';

export const dumpOrder: RecordPath[] = ['organisations', 'practices', 'projects', 'needs'];

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

/**
 * The file a dump is written to, under a temporary name until it is complete. Text goes to the file through one
 * reused buffer (or through gzip), so a dump allocates nothing per batch on its way out.
 */
class DumpFile {
  private readonly fd: number;
  private buffer = Buffer.allocUnsafe(1 << 20);
  private readonly gzip: Gzip | null;
  private failure: Error | null = null;
  bytes = 0;

  constructor(
    readonly path: string,
    gzip: boolean,
  ) {
    this.fd = openSync(path, 'w');
    this.gzip = gzip ? createGzip() : null;
    this.gzip?.on('data', (chunk: Buffer) => this.writeBytes(chunk, chunk.length));
    this.gzip?.on('error', (error) => {
      this.failure = error;
    });
  }

  private writeBytes(bytes: Buffer, length: number) {
    for (let offset = 0; offset < length; ) offset += writeSync(this.fd, bytes, offset, length - offset);
    this.bytes += length;
  }

  async write(text: string) {
    if (this.failure) throw this.failure;
    if (!text) return;
    if (this.gzip) {
      if (!this.gzip.write(text)) await once(this.gzip, 'drain');
      return;
    }
    // UTF-8 needs at most three bytes per UTF-16 code unit.
    if (this.buffer.length < text.length * 3) this.buffer = Buffer.allocUnsafe(text.length * 3);
    this.writeBytes(this.buffer, this.buffer.write(text, 0, 'utf8'));
  }

  async close() {
    if (this.gzip) {
      const ended = once(this.gzip, 'end');
      this.gzip.end();
      await ended;
    }
    if (this.failure) throw this.failure;
    closeSync(this.fd);
  }

  discard() {
    this.gzip?.destroy();
    try {
      closeSync(this.fd);
    } catch {
      // Already closed.
    }
  }
}

/**
 * How one format spells a batch of records (each record's blank nodes get labels of their own), and then the code
 * lists, with their labels and hierarchy, so that a query over the dump alone can name every concept it meets.
 */
interface FormatWriter {
  begin(): string;
  records(documents: Record<string, unknown>[], ordinal: number): Promise<string> | string;
  end(): Promise<string> | string;
}

function formatWriter(format: DumpFormat, context: MapContext): FormatWriter {
  if (format === 'ntriples') {
    return {
      begin: () => '',
      records(documents, ordinal) {
        let text = '';
        for (const [index, document] of documents.entries()) text += toNTriples(document, `r${ordinal + index}b`);
        return text;
      },
      end: () => writeQuads(codeListQuads(), 'application/n-triples'),
    };
  }
  if (format === 'turtle') {
    // n3's writer writes to anything with write(); this collects a batch's text for the file.
    let text = '';
    const collector = {
      write: (chunk: string) => {
        text += chunk;
        return true;
      },
      end: (done?: () => void) => done?.(),
    };
    const writer = new n3.Writer(collector as never, { prefixes: { ...prefixes } });
    const taken = () => {
      const batch = text;
      text = '';
      return batch;
    };
    return {
      begin: () => '',
      async records(documents, ordinal) {
        for (const [index, document] of documents.entries())
          writer.addQuads(await toQuads(document, `r${ordinal + index}b`));
        return taken();
      },
      end: () => {
        writer.addQuads(codeListQuads());
        return new Promise<string>((resolve, reject) =>
          writer.end((error) => (error ? reject(error) : resolve(taken()))),
        );
      },
    };
  }
  let first = true;
  return {
    begin: () => `{"@context":${JSON.stringify(contextIri(context))},"@graph":[\n`,
    records(documents) {
      let text = '';
      for (const { '@context': _context, ...node } of documents) {
        text += `${first ? '' : ',\n'}${JSON.stringify(node)}`;
        first = false;
      }
      return text;
    },
    async end() {
      const graph = (await compacted(codeListQuads(), context))['@graph'] as Record<string, unknown>[];
      const nodes = graph.map((node) => JSON.stringify(node)).join(',\n');
      return `${first ? '' : ',\n'}${nodes}\n]}\n`;
    },
  };
}

/**
 * A full dump's text in `format`, a batch of records at a time and then the code lists: what writeDump writes to its
 * file and what the SPARQL store loads.
 */
export async function* dumpText(options: {
  source: DumpSource;
  context: MapContext;
  format: DumpFormat;
  summary?: DumpSummary;
  progress?: DumpProgress;
}): AsyncGenerator<string> {
  const summary = options.summary ?? emptySummary();
  const writer = formatWriter(options.format, options.context);
  let [total, done, ordinal] = [0, 0, 0];
  yield writer.begin();
  for (const path of dumpOrder) {
    const { total: count, batches } = await options.source.open(path);
    total += count;
    options.progress?.start(total);
    for await (const batch of batches) {
      const documents = batch.records.map((record) => toJsonLd(mappings[path], record, options.context));
      yield await writer.records(documents, ordinal);
      ordinal += documents.length;
      summary.records[path] += documents.length;
      summary.tombstonesSkipped += batch.skipped;
      done += documents.length + batch.skipped;
      options.progress?.advance(done, Math.max(total, done));
    }
  }
  yield await writer.end();
}

const emptySummary = (): DumpSummary => ({
  records: { organisations: 0, practices: 0, projects: 0, needs: 0 },
  tombstonesSkipped: 0,
  bytes: 0,
  milliseconds: 0,
});

export async function writeDump(options: {
  source: DumpSource;
  context: MapContext;
  format: DumpFormat;
  out: string;
  gzip: boolean;
  progress?: DumpProgress;
}): Promise<DumpSummary> {
  const started = performance.now();
  const file = new DumpFile(`${options.out}.partial`, options.gzip);
  const summary = emptySummary();
  try {
    for await (const text of dumpText({ ...options, summary })) await file.write(text);
    await file.close();
    await rename(file.path, options.out);
  } catch (error) {
    file.discard();
    await rm(file.path, { force: true });
    throw error;
  } finally {
    options.progress?.stop();
  }
  summary.bytes = file.bytes;
  summary.milliseconds = Math.round(performance.now() - started);
  return summary;
}
