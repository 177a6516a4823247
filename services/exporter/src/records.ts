// Reads published records through the gateway — the supergraph is the exporter's one contract.
import { randomUUID } from 'node:crypto';
import { REQUEST_ID_HEADER } from '@radar/common/identity';
import { type Json, mappings, selectionOf, type TypeMapping } from './mapping.js';

/** Why a record left the public registry, as the subgraphs' tombstones say. */
export type TombstoneReason = 'ARCHIVED' | 'UNPUBLISHED' | 'DELETED' | 'MERGED';

export type RecordLookup =
  | { kind: 'record'; record: Json }
  | { kind: 'tombstone'; deletedAt: string; reason: TombstoneReason; replacedBy: string | null }
  | { kind: 'missing' };

export class GatewayUnavailable extends Error {
  override name = 'GatewayUnavailable';
}

/** The gateway refused the request as the caller's mistake (e.g. a forged cursor). */
export class BadHarvestRequest extends Error {
  override name = 'BadHarvestRequest';
  constructor(
    message: string,
    readonly field: string | undefined,
  ) {
    super(message);
  }
}

export interface ChangeNode {
  id: string;
  updatedAt: string;
  deletedAt: string | null;
  reason: TombstoneReason | null;
  replacedBy: string | null;
  record: Json | null;
}

export interface ChangesResult {
  nodes: ChangeNode[];
  totalCount: number | null;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

const changeFields: Record<TypeMapping['path'], { query: string; record: string }> = {
  practices: { query: 'practiceChanges', record: 'practice' },
  organisations: { query: 'organisationChanges', record: 'organisation' },
  projects: { query: 'projectChanges', record: 'project' },
  needs: { query: 'needChanges', record: 'need' },
};

const queries: Record<TypeMapping['path'], { record: string; tombstone: string }> = {
  practices: {
    record: `query ExportPractice($id: UUID!) { record: practice(id: $id) { ${selectionOf(mappings.practices)} } }`,
    tombstone:
      'query ExportPracticeTombstone($id: UUID!) { tombstone: practiceTombstone(id: $id) { deletedAt reason replacedBy } }',
  },
  organisations: {
    record: `query ExportOrganisation($id: UUID!) { record: organisation(id: $id) { ${selectionOf(mappings.organisations)} } }`,
    tombstone:
      'query ExportOrganisationTombstone($id: UUID!) { tombstone: organisation(id: $id, includeDeleted: true) { deletedAt } }',
  },
  projects: {
    record: `query ExportProject($id: UUID!) { record: project(id: $id) { ${selectionOf(mappings.projects)} } }`,
    tombstone: 'query ExportProjectTombstone($id: UUID!) { tombstone: projectTombstone(id: $id) { deletedAt reason } }',
  },
  needs: {
    record: `query ExportNeed($id: UUID!) { record: need(id: $id) { ${selectionOf(mappings.needs)} } }`,
    tombstone: 'query ExportNeedTombstone($id: UUID!) { tombstone: needTombstone(id: $id) { deletedAt reason } }',
  },
};

export class GatewayRecords {
  constructor(private readonly url: string) {}

  /** One GraphQL request as an anonymous reader; the pages for people ask their own selections through it. */
  async query<T>(query: string, variables: Record<string, unknown>, requestId: string = randomUUID()): Promise<T> {
    let body: { data?: T; errors?: { message: string; extensions?: { code?: string; field?: string } }[] };
    try {
      const response = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [REQUEST_ID_HEADER]: requestId },
        body: JSON.stringify({ query, variables }),
      });
      body = (await response.json()) as typeof body;
    } catch (error) {
      throw new GatewayUnavailable(`the gateway at ${this.url} could not be reached: ${(error as Error).message}`);
    }
    const refused = body.errors?.find((error) => error.extensions?.code === 'BAD_USER_INPUT');
    if (refused) throw new BadHarvestRequest(refused.message, refused.extensions?.field);
    if (body.errors?.length || !body.data) {
      throw new GatewayUnavailable(
        `the gateway answered with errors: ${body.errors?.map((error) => error.message).join('; ')}`,
      );
    }
    return body.data;
  }

  async find(path: TypeMapping['path'], id: string, requestId?: string): Promise<RecordLookup> {
    const { record } = await this.query<{ record: Json | null }>(queries[path].record, { id }, requestId);
    if (record) return { kind: 'record', record };
    const { tombstone } = await this.query<{
      tombstone: { deletedAt: string | null; reason?: TombstoneReason; replacedBy?: string | null } | null;
    }>(queries[path].tombstone, { id }, requestId);
    // An organisation's tombstone is the deleted record itself: organisations are only ever deleted.
    return tombstone?.deletedAt
      ? {
          kind: 'tombstone',
          deletedAt: tombstone.deletedAt,
          reason: tombstone.reason ?? 'DELETED',
          replacedBy: tombstone.replacedBy ?? null,
        }
      : { kind: 'missing' };
  }

  async changes(
    path: TypeMapping['path'],
    input: { since?: string; after?: string; before?: string; first: number; count?: boolean },
    requestId?: string,
  ): Promise<ChangesResult> {
    const fields = changeFields[path];
    const query = `query ExportChanges($input: ChangesInput) { changes: ${fields.query}(input: $input) {
      totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      nodes { id updatedAt deletedAt reason replacedBy record: ${fields.record} { ${selectionOf(mappings[path])} } } } }`;
    const { changes } = await this.query<{ changes: ChangesResult }>(query, { input }, requestId);
    return changes;
  }

  /** When anything in the registry last changed, from the newest change in each feed. */
  async lastModified(): Promise<Date | null> {
    const { practices, organisations, projects, needs } = await this.query<
      Record<string, { lastModified: string | null }>
    >(
      `{ practices: practiceChanges(input: { first: 1 }) { lastModified }
         organisations: organisationChanges(input: { first: 1 }) { lastModified }
         projects: projectChanges(input: { first: 1 }) { lastModified }
         needs: needChanges(input: { first: 1 }) { lastModified } }`,
      {},
    );
    const times = [practices, organisations, projects, needs].flatMap((feed) =>
      feed?.lastModified ? [Date.parse(feed.lastModified)] : [],
    );
    return times.length ? new Date(Math.max(...times)) : null;
  }

  /** When the oldest published practice was registered (YYYY-MM-DD), for the catalogue's temporal coverage. */
  async firstRegistration(): Promise<string | null> {
    const { registrations } = await this.query<{ registrations: { start: string }[] }>(
      '{ registrations(interval: MONTH) { start } }',
      {},
    );
    return registrations[0]?.start.slice(0, 10) ?? null;
  }

  /** The languages (ISO 639-1) published practices' texts are written or translated in, most used first. */
  async textLanguages(): Promise<string[]> {
    const { practices } = await this.query<{ practices: { facets: { textLanguages: { value: string }[] } } }>(
      '{ practices(first: 1) { facets { textLanguages { value } } } }',
      {},
    );
    return practices.facets.textLanguages.map((facet) => facet.value);
  }

  async reachable() {
    try {
      await this.query('{ __typename }', {});
      return true;
    } catch {
      return false;
    }
  }
}
