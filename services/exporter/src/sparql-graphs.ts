// The public graph as the SPARQL store holds it: one named graph per record (named by the record's IRI, holding the
// record and its fragments, as its dereferenced document has them), the ontology in the graph named by its IRI and
// the code lists in the graph named by their namespace. Read whole from the subgraphs' record streams, then kept
// current from the gateway's change feeds a record at a time.
import { codeListQuads } from './codelists.js';
import { dumpOrder } from './dump.js';
import { iriOf, type Json, type MapContext, mappings, toJsonLd } from './mapping.js';
import { ontologyFile, toNTriples, writeQuads } from './rdf.js';
import type { GatewayRecords } from './records.js';
import type { DumpSource, RecordPath } from './sources.js';
import type { GraphChange, GraphText } from './sparql-worker.js';
import { CODE_LISTS_IRI, ONTOLOGY_IRI } from './vocabulary.js';

/** A record's named graph: its IRI, and its triples with blank nodes labelled after the record, apart from others'. */
export function recordGraph(path: RecordPath, record: Json, context: MapContext): GraphText {
  const id = record.id as string;
  const document = toJsonLd(mappings[path], record, context);
  return { graph: iriOf(context, path, id), text: toNTriples(document, `${path[0]}${id.replaceAll('-', '')}b`) };
}

/** The ontology and the code lists, each in a graph of its own. */
export async function referenceGraphs(): Promise<GraphText[]> {
  return [
    { graph: ONTOLOGY_IRI, text: ontologyFile('radar.ttl'), format: 'text/turtle' },
    {
      graph: CODE_LISTS_IRI,
      text: await writeQuads(codeListQuads(), 'application/n-triples'),
      format: 'application/n-triples',
    },
  ];
}

/** A record version the store holds: which record, and the updatedAt of the version. */
export interface HeldVersion {
  path: RecordPath;
  id: string;
  updatedAt: string;
}

/**
 * Every public record's graph, read from `source`; `held` is given each record's version, so the changes a look
 * reads again behind the store's newest (see FEED_OVERLAP_MS) are known to be in already.
 */
export async function allRecordGraphs(
  source: DumpSource,
  context: MapContext,
  held?: (version: HeldVersion) => void,
): Promise<GraphText[]> {
  const graphs: GraphText[] = [];
  for (const path of dumpOrder) {
    const { batches } = await source.open(path);
    for await (const batch of batches)
      for (const record of batch.records) {
        graphs.push(recordGraph(path, record, context));
        if (held && typeof record.updatedAt === 'string') {
          held({ path, id: record.id as string, updatedAt: record.updatedAt });
        }
      }
  }
  return graphs;
}

/**
 * A write's updated_at is taken before it commits, so a change can appear in a feed behind one already read: each
 * look reads again this far behind the newest change seen, and skips the versions it has applied.
 */
export const FEED_OVERLAP_MS = 30_000;

/** More changes than this in one look are cheaper to take in by reading the whole graph again. */
export const MAX_CHANGES_PER_LOOK = 5_000;

/** Why the follower gives up on changes and asks for the whole graph to be read again. */
export class FeedGap extends Error {
  override name = 'FeedGap';
}

/**
 * Follows the change feeds from a point in time, turning each change into the graph that replaces the record's
 * (or removes it, for a tombstone). Knows which version of each record it has handed out, so the overlap it reads
 * again costs nothing.
 */
export class ChangeFollower {
  private readonly newest: Record<RecordPath, number>;
  /** By path and id, the updatedAt (ms) of the version applied or read whole, for changes still inside the overlap. */
  private readonly applied: Record<RecordPath, Map<string, number>> = {
    organisations: new Map(),
    practices: new Map(),
    projects: new Map(),
    needs: new Map(),
  };

  constructor(
    private readonly registry: GatewayRecords,
    private readonly context: MapContext,
    /** The newest change the graph read whole holds (the registry's last change before it was read). */
    asOf: Date,
    /**
     * Every record version the graph read whole holds. Those inside the overlap are not taken in again, and a removal
     * from before the read of a record the read did not hold is not applied: so however many records changed just
     * before the graph was read (an import, a mass removal), the first looks do not find them all again.
     */
    held: readonly HeldVersion[] = [],
  ) {
    this.newest = Object.fromEntries(dumpOrder.map((path) => [path, asOf.getTime()])) as Record<RecordPath, number>;
    this.readAt = asOf.getTime();
    const behind = this.readAt - FEED_OVERLAP_MS;
    const read = Object.fromEntries(dumpOrder.map((path) => [path, new Set<string>()])) as Record<
      RecordPath,
      Set<string>
    >;
    this.read = read;
    for (const { path, id, updatedAt } of held) {
      read[path].add(id);
      const at = Date.parse(updatedAt);
      if (at >= behind) this.applied[path].set(id, at);
    }
  }

  /** The newest change the graph read whole holds, and the records it held, until the overlap has passed it. */
  private readonly readAt: number;
  private read: Record<RecordPath, Set<string>> | null;

  /**
   * The changes since the last look, each feed's oldest first; `commit` is to be called once they are in the store,
   * and gives the newest change the store then holds. Fails with a
   * FeedGap when the feeds hold too many changes to apply one by one.
   */
  async look(): Promise<{ changes: GraphChange[]; commit(): Date }> {
    const changes: GraphChange[] = [];
    const seen: { path: RecordPath; id: string; updatedAt: string }[] = [];
    // The feeds are read at once; each record's graph stands alone, so their order does not matter.
    const read = async (path: RecordPath) => {
      let after: string | undefined;
      const since = new Date(this.newest[path] - FEED_OVERLAP_MS).toISOString();
      for (;;) {
        const page = await this.registry.changes(path, {
          since,
          first: 100,
          count: false,
          ...(after ? { after } : {}),
        });
        for (const node of page.nodes) {
          const at = Date.parse(node.updatedAt);
          if (this.applied[path].get(node.id) === at) continue;
          const removal = !node.record || Boolean(node.deletedAt);
          if (removal && this.read && at <= this.readAt && !this.read[path].has(node.id)) continue;
          seen.push({ path, id: node.id, updatedAt: node.updatedAt });
          changes.push(
            node.record && !node.deletedAt
              ? (({ graph, text }) => ({ graph, ntriples: text }))(recordGraph(path, node.record, this.context))
              : { graph: iriOf(this.context, path, node.id), ntriples: null },
          );
          if (changes.length > MAX_CHANGES_PER_LOOK)
            throw new FeedGap(`more than ${MAX_CHANGES_PER_LOOK} changes since the last look`);
        }
        after = page.pageInfo.hasNextPage && page.pageInfo.endCursor ? page.pageInfo.endCursor : undefined;
        if (!after) return;
      }
    };
    await Promise.all(dumpOrder.map(read));
    return {
      changes,
      commit: () => {
        for (const { path, id, updatedAt } of seen) {
          this.applied[path].set(id, Date.parse(updatedAt));
          this.newest[path] = Math.max(this.newest[path], Date.parse(updatedAt));
        }
        for (const path of dumpOrder) {
          const behind = this.newest[path] - FEED_OVERLAP_MS;
          for (const [id, updatedAt] of this.applied[path]) if (updatedAt < behind) this.applied[path].delete(id);
        }
        if (Math.min(...Object.values(this.newest)) - FEED_OVERLAP_MS > this.readAt) this.read = null;
        return new Date(Math.max(...Object.values(this.newest)));
      },
    };
  }
}
