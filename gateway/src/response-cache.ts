// The gateway's response cache for anonymous reads: an answer is served again only while the data generation of
// every subgraph it came from is the one it was read at, so a read after any committed write is answered afresh.
import { createHash, randomUUID } from 'node:crypto';
import type { Experimental_DidResolveQueryPlanCallback } from '@apollo/gateway';
import type { ApolloServerPlugin, BaseContext, GraphQLRequestContextWillSendResponse } from '@apollo/server';
import { type Caller, DATA_GENERATION_PATH, type Logger } from '@radar/common';
import type { FormattedExecutionResult } from 'graphql';

/** Response header saying how an answer was made: HIT (from the cache), MISS (stored) or BYPASS (not cacheable). */
export const CACHE_HEADER = 'x-radar-cache';

export interface ResponseCacheSettings {
  /** Seconds an answer may be served again at most (0 turns the cache off). */
  ttlSeconds: number;
  /** Bound on the answers kept, counted as their JSON size. */
  maxBytes: number;
  /** Each subgraph's name and GraphQL URL; its generation is read beside it. */
  subgraphs: Record<string, string>;
  /** Headers a subgraph needs to answer the gateway (the signed anonymous caller). */
  /** The headers of one data generation read from `url`: its request id and the subgraph token made for it. */
  headers: (url: string) => Record<string, string>;
  log: Logger;
}

/** A subgraph slower than this to say its generation is treated as unable to. */
const GENERATION_TIMEOUT_MS = 1_000;

/** Data generation of each subgraph that could say it, read at one moment. */
type Generations = Record<string, string>;

export interface Entry {
  result: FormattedExecutionResult;
  /** Generations of the subgraphs the answer came from, read before it was made. */
  generations: Generations;
  storedAt: number;
  bytes: number;
}

/**
 * Reads every subgraph's generation. A read that asks while another is under way waits for the next one, which
 * starts after it asked, so what it gets is never older than its request: concurrent requests share one read.
 */
class GenerationReader {
  private running: Promise<Generations> | undefined;
  private next: Promise<Generations> | undefined;
  private failing = false;

  constructor(private readonly settings: ResponseCacheSettings) {}

  current(): Promise<Generations> {
    if (!this.running) {
      this.running = this.read().finally(() => {
        this.running = undefined;
      });
      return this.running;
    }
    this.next ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.next = undefined;
        return this.current();
      });
    return this.next;
  }

  private async read(): Promise<Generations> {
    const read = await Promise.allSettled(
      Object.entries(this.settings.subgraphs).map(async ([name, url]) => {
        const target = new URL(DATA_GENERATION_PATH, url);
        const response = await fetch(target, {
          headers: this.settings.headers(target.href),
          signal: AbortSignal.timeout(GENERATION_TIMEOUT_MS),
        });
        if (!response.ok) throw new Error(`${name} answered its data generation with HTTP ${response.status}`);
        const { generation } = (await response.json()) as { generation?: unknown };
        if (typeof generation !== 'string') throw new Error(`${name} answered no data generation`);
        return [name, generation] as const;
      }),
    );
    // A subgraph that cannot say its generation has none: no answer that needs it is served or stored meanwhile.
    const failed = read.filter((result) => result.status === 'rejected');
    if (failed.length > 0 && !this.failing) {
      this.settings.log.warn({ err: failed[0]?.reason }, 'could not read a subgraph’s data generation; not caching');
    }
    this.failing = failed.length > 0;
    return Object.fromEntries(read.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : [])));
  }
}

/** Answers kept by key, least recently used dropped first once they exceed the size bound. */
export class AnswerStore {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  get(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  set(key: string, entry: Entry) {
    if (entry.bytes > this.maxBytes) return;
    this.delete(key);
    this.entries.set(key, entry);
    this.bytes += entry.bytes;
    for (const [oldest, old] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= old.bytes;
    }
  }

  delete(key: string) {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entry.bytes;
  }

  get size() {
    return { answers: this.entries.size, bytes: this.bytes };
  }
}

/** The subgraphs a query plan fetches from, found once per plan (plans are cached, so the same object comes back). */
const planSubgraphs = new WeakMap<object, string[]>();

function subgraphsOf(plan: object): string[] {
  let found = planSubgraphs.get(plan);
  if (found) return found;
  const names = new Set<string>();
  const visit = (node: unknown) => {
    if (Array.isArray(node)) {
      for (const child of node) visit(child);
    } else if (node && typeof node === 'object') {
      const fields = node as Record<string, unknown>;
      if (fields.kind === 'Fetch' && typeof fields.serviceName === 'string') names.add(fields.serviceName);
      for (const [key, value] of Object.entries(fields)) {
        if (key !== 'operationDocumentNode' && typeof value === 'object') visit(value);
      }
    }
  };
  visit(plan);
  found = [...names];
  planSubgraphs.set(plan, found);
  return found;
}

export interface ResponseCache<T extends BaseContext> {
  plugin: ApolloServerPlugin<T>;
  /** For ApolloGateway: records which subgraphs each request's plan reads. */
  didResolveQueryPlan: Experimental_DidResolveQueryPlanCallback;
  size(): { answers: number; bytes: number };
}

/** A response cache for the anonymous callers of a gateway whose context carries the caller. */
export function responseCache<T extends BaseContext & { caller: Caller }>(
  settings: ResponseCacheSettings,
): ResponseCache<T> {
  const store = new AnswerStore(settings.maxBytes);
  const reader = new GenerationReader(settings);
  const ttlMs = settings.ttlSeconds * 1000;
  const planned = new WeakMap<object, string[]>();

  const plugin: ApolloServerPlugin<T> = {
    async requestDidStart({ contextValue }) {
      // Only anonymous callers share answers; anyone else never reads or fills the cache.
      if (contextValue.caller.kind !== 'anonymous') {
        return {
          async willSendResponse({ response }) {
            response.http.headers.set(CACHE_HEADER, 'BYPASS');
          },
        };
      }
      let key: string | undefined;
      let readAt: Generations | undefined;
      let hit = false;
      return {
        async responseForOperation(requestContext) {
          if (requestContext.operation.operation !== 'query') return null;
          const { operationName, variables } = requestContext.request;
          key = createHash('sha256')
            .update(JSON.stringify([requestContext.queryHash, operationName ?? null, variables ?? null]))
            .digest('base64url');
          readAt = await reader.current();
          const entry = store.get(key);
          if (!entry) return null;
          const now = Date.now();
          const current = readAt;
          if (
            now - entry.storedAt >= ttlMs ||
            Object.entries(entry.generations).some(([name, generation]) => current[name] !== generation)
          ) {
            store.delete(key);
            return null;
          }
          hit = true;
          const headers = requestContext.response.http.headers;
          headers.set(CACHE_HEADER, 'HIT');
          headers.set('age', String(Math.floor((now - entry.storedAt) / 1000)));
          return { http: requestContext.response.http, body: { kind: 'single', singleResult: entry.result } };
        },
        async willSendResponse(requestContext: GraphQLRequestContextWillSendResponse<T>) {
          if (hit) return;
          const headers = requestContext.response.http.headers;
          const { body } = requestContext.response;
          const subgraphs = planned.get(requestContext.contextValue);
          if (
            !key ||
            !readAt ||
            !subgraphs ||
            body.kind !== 'single' ||
            body.singleResult.errors?.length ||
            (requestContext.response.http.status ?? 200) !== 200
          ) {
            headers.set(CACHE_HEADER, 'BYPASS');
            return;
          }
          const result = body.singleResult;
          const generations: Generations = {};
          for (const name of subgraphs) {
            const generation = readAt[name];
            if (generation === undefined) {
              headers.set(CACHE_HEADER, 'BYPASS');
              return;
            }
            generations[name] = generation;
          }
          const bytes = JSON.stringify(result).length + key.length;
          store.set(key, { result, generations, storedAt: Date.now(), bytes });
          headers.set(CACHE_HEADER, 'MISS');
        },
      };
    },
  };

  return {
    plugin,
    didResolveQueryPlan: ({ queryPlan, requestContext }) => {
      planned.set(requestContext.context, subgraphsOf(queryPlan));
    },
    size: () => store.size,
  };
}

/** A fresh request id for each generation read, as subgraphs expect one per request. */
export function generationRequestId() {
  return `generation-${randomUUID()}`;
}
