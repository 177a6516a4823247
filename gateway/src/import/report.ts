// The import report: one entry per input record, written as it happens (JSON, or CSV with a line per problem), and
// its summary on screen.
import { createWriteStream, type WriteStream } from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import type { ReportEntry, Summary } from './engine.js';

export type ReportFormat = 'json' | 'csv';

export const REPORT_COLUMNS = [
  'type',
  'file',
  'line',
  'outcome',
  'id',
  'source',
  'sourceId',
  'field',
  'reason',
  'code',
] as const satisfies readonly (keyof ReportEntry)[];

export function reportFormatOf(path: string): ReportFormat {
  return path.toLowerCase().endsWith('.csv') ? 'csv' : 'json';
}

/**
 * Writes entries to a file as they come: a JSON document `{ records: […], summary }`, or CSV rows. Nothing is held:
 * when the file falls behind, `add` answers a promise that settles once what was written has drained to it.
 */
export class ReportFile {
  private readonly out: WriteStream;
  private first = true;

  constructor(
    path: string,
    private readonly format: ReportFormat = reportFormatOf(path),
  ) {
    this.out = createWriteStream(path);
    this.out.write(format === 'csv' ? stringify([REPORT_COLUMNS as unknown as string[]]) : '{"records":[\n');
  }

  add(entry: ReportEntry): Promise<void> | undefined {
    let line: string;
    if (this.format === 'csv') {
      // A record with several problems has a line for each, its first problem first, as `field` and `reason` say it.
      const lines = (entry.problems ?? [undefined]).map((problem) =>
        REPORT_COLUMNS.map((column) => {
          if (problem && column === 'field') return problem.field;
          if (problem && column === 'reason') return problem.message;
          return entry[column] ?? '';
        }),
      );
      line = stringify(lines);
    } else {
      line = `${this.first ? '' : ',\n'}${JSON.stringify(entry)}`;
    }
    this.first = false;
    if (this.out.write(line)) return undefined;
    return new Promise((resolve, reject) => {
      const drained = () => {
        this.out.off('error', reject);
        resolve();
      };
      this.out.once('drain', drained).once('error', reject);
    });
  }

  async close(summary: Summary, dryRun: boolean) {
    if (this.format === 'json') this.out.write(`\n],"dryRun":${dryRun},"summary":${JSON.stringify(summary)}}\n`);
    await new Promise<void>((resolve, reject) =>
      this.out.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
  }
}

/** The summary a person reads at the end of a run. */
export function summaryLine(summary: Summary, dryRun: boolean): string {
  return (
    `${dryRun ? 'Dry run (nothing written): ' : ''}${summary.total} records: ${summary.created} created, ` +
    `${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.rejected} rejected`
  );
}
