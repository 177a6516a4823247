// Where a full dump reads its records from: the gateway's change feeds a page at a time (works wherever the gateway
// does), or each subgraph's record stream (the fast path). Both give records in the shape of the same GraphQL
// selection, so one mapping serves either way.
import { randomUUID } from 'node:crypto';
import { EXPORT_TOTAL_HEADER, EXPORT_TRAILER_PREFIX } from '@radar/common/export';
import { anonymous, REQUEST_ID_HEADER } from '@radar/common/identity';
import { type Subgraph as SubgraphEntry, type SubgraphName, streamOwner } from '@radar/common/manifest';
import type { TokenSigner } from '@radar/common/subgraph-token';
import { type Json, mappings, type TypeMapping } from './mapping.js';
import { GatewayRecords, GatewayUnavailable } from './records.js';

export type RecordPath = TypeMapping['path'];

export interface DumpBatch {
  records: Json[];
  /** Tombstones met on the way (the gateway's feeds hold them; dumps leave them out). */
  skipped: number;
}

export interface DumpSource {
  /** Says how it reads, for messages: "the gateway at …" or "the subgraphs' record streams". */
  readonly description: string;
  /** Fails with a readable message when the source cannot be read at all. */
  check(): Promise<void>;
  /** Every public record of one type: how many there are, then the records a batch at a time. */
  open(path: RecordPath): Promise<{ total: number; batches: AsyncIterable<DumpBatch> }>;
}

/** Pages through the gateway's change feeds. */
export class GatewaySource implements DumpSource {
  readonly description: string;
  private readonly records: GatewayRecords;

  constructor(
    url: string,
    private readonly pageSize = 100,
  ) {
    this.records = new GatewayRecords(url);
    this.description = `the gateway at ${url}`;
  }

  async check() {
    if (!(await this.records.reachable())) throw new GatewayUnavailable(`${this.description} does not answer`);
  }

  async open(path: RecordPath) {
    const first = await this.records.changes(path, { first: this.pageSize, count: true });
    const records = this.records;
    const pageSize = this.pageSize;
    async function* batches(): AsyncIterable<DumpBatch> {
      let page = first;
      for (;;) {
        const live = page.nodes.flatMap((node) => (node.record && !node.deletedAt ? [node.record] : []));
        yield { records: live, skipped: page.nodes.length - live.length };
        const after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
        if (!after) return;
        page = await records.changes(path, { first: pageSize, count: false, after });
      }
    }
    return { total: first.totalCount ?? 0, batches: batches() };
  }
}

/** The GraphQL URL of a subgraph → its record stream for `path`. */
const streamUrl = (graphqlUrl: string, path: RecordPath) => new URL(`/export/${path}`, graphqlUrl).href;

/**
 * Reads each type from the subgraph that owns it (by the manifest), as newline-delimited JSON, with a subgraph token
 * like the gateway's calls when RADAR_SIGNING_KEYS is set. A stream that ends without its trailer is an error, never
 * a short dump.
 */
export class SubgraphSource implements DumpSource {
  readonly description = "the subgraphs' record streams";

  /** `urls`: each subgraph's GraphQL address, by name; its record streams are beside it. */
  constructor(
    private readonly urls: Partial<Record<SubgraphName, string>>,
    private readonly signer?: TokenSigner | undefined,
    private readonly batchSize = 100,
  ) {}

  /** The subgraphs the record types come from, and each one's GraphQL address. */
  private owners(): { owner: SubgraphEntry; url: string }[] {
    const owners = new Map(
      (Object.keys(mappings) as RecordPath[]).map((path) => [streamOwner(path).name, streamOwner(path)]),
    );
    return [...owners.values()].map((owner) => ({ owner, url: this.urlOf(owner.name) }));
  }

  private urlOf(name: SubgraphName): string {
    const url = this.urls[name];
    if (!url) throw new GatewayUnavailable(`no address for the ${name} subgraph: set ${name.toUpperCase()}_URL`);
    return url;
  }

  private async request(path: RecordPath) {
    const requestId = randomUUID();
    const url = streamUrl(this.urlOf(streamOwner(path).name), path);
    const headers: Record<string, string> = {
      [REQUEST_ID_HEADER]: requestId,
      ...this.signer?.headersFor({ caller: anonymous, requestId, method: 'GET', url }),
    };
    let response: Response;
    try {
      response = await fetch(url, { headers });
    } catch (error) {
      throw new GatewayUnavailable(`the ${path} subgraph at ${url} could not be reached: ${(error as Error).message}`);
    }
    if (response.status === 401) {
      throw new GatewayUnavailable(
        `the ${path} subgraph at ${url} refused the stream: set RADAR_SIGNING_KEYS to the keys RADAR signs with, or use --via gateway`,
      );
    }
    if (!response.ok || !response.body) {
      const text = await response.text().catch(() => '');
      throw new GatewayUnavailable(`the ${path} subgraph at ${url} answered ${response.status}: ${text.slice(0, 300)}`);
    }
    return { response, url };
  }

  async check() {
    for (const { owner, url: graphqlUrl } of this.owners()) {
      const url = new URL('/ready', graphqlUrl).href;
      const ready = await fetch(url).then(
        (response) => response.ok,
        () => false,
      );
      if (!ready) throw new GatewayUnavailable(`the ${owner.name} subgraph at ${url} is not ready`);
    }
  }

  async open(path: RecordPath) {
    const { response, url } = await this.request(path);
    const total = Number(response.headers.get(EXPORT_TOTAL_HEADER) ?? Number.NaN);
    if (!Number.isInteger(total)) throw new GatewayUnavailable(`${url} did not say how many records it holds`);
    const body = response.body as ReadableStream<Uint8Array>;
    const batchSize = this.batchSize;
    async function* batches(): AsyncIterable<DumpBatch> {
      const decoder = new TextDecoder();
      let rest = '';
      let lines: string[] = [];
      let count = 0;
      let trailer: string | null = null;
      const parsed = () => {
        const records = JSON.parse(`[${lines.join(',')}]`) as Json[];
        count += records.length;
        lines = [];
        return { records, skipped: 0 };
      };
      try {
        for await (const chunk of body) {
          const text = rest + decoder.decode(chunk, { stream: true });
          const end = text.lastIndexOf('\n');
          if (end < 0) {
            rest = text;
            continue;
          }
          rest = text.slice(end + 1);
          for (const line of text.slice(0, end).split('\n')) {
            if (trailer !== null) throw new Error('records after the end of the stream');
            if (line.startsWith(EXPORT_TRAILER_PREFIX)) trailer = line;
            else if (line) lines.push(line);
          }
          if (lines.length >= batchSize) yield parsed();
        }
      } catch (error) {
        throw new GatewayUnavailable(`the ${path} stream from ${url} broke off: ${(error as Error).message}`);
      }
      if (lines.length) yield parsed();
      const complete = trailer ? (JSON.parse(trailer) as { complete: number }).complete : null;
      if (rest.trim() || complete === null || complete !== count) {
        throw new GatewayUnavailable(
          `the ${path} stream from ${url} ended early: ${count} records read, ${complete ?? 'no'} announced at its end`,
        );
      }
    }
    return { total, batches: batches() };
  }
}
