// Reads published records through the gateway — the supergraph is the exporter's one contract.
import { randomUUID } from 'node:crypto';
import { REQUEST_ID_HEADER } from '@radar/common';
import { type Json, mappings, selectionOf, type TypeMapping } from './mapping.js';

export type RecordLookup =
  | { kind: 'record'; record: Json }
  | { kind: 'tombstone'; deletedAt: string }
  | { kind: 'missing' };

export class GatewayUnavailable extends Error {
  override name = 'GatewayUnavailable';
}

const queries: Record<TypeMapping['path'], { record: string; tombstone: string }> = {
  practices: {
    record: `query ExportPractice($id: UUID!) { record: practice(id: $id) { ${selectionOf(mappings.practices)} } }`,
    tombstone: 'query ExportPracticeTombstone($id: UUID!) { tombstone: practiceTombstone(id: $id) { deletedAt } }',
  },
  organisations: {
    record: `query ExportOrganisation($id: UUID!) { record: organisation(id: $id) { ${selectionOf(mappings.organisations)} } }`,
    tombstone:
      'query ExportOrganisationTombstone($id: UUID!) { tombstone: organisation(id: $id, includeDeleted: true) { deletedAt } }',
  },
  projects: {
    record: `query ExportProject($id: UUID!) { record: project(id: $id) { ${selectionOf(mappings.projects)} } }`,
    tombstone: 'query ExportProjectTombstone($id: UUID!) { tombstone: projectTombstone(id: $id) { deletedAt } }',
  },
};

export class GatewayRecords {
  constructor(private readonly url: string) {}

  private async query<T>(
    query: string,
    variables: Record<string, unknown>,
    requestId: string = randomUUID(),
  ): Promise<T> {
    let body: { data?: T; errors?: { message: string }[] };
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
    const { tombstone } = await this.query<{ tombstone: { deletedAt: string | null } | null }>(
      queries[path].tombstone,
      { id },
      requestId,
    );
    return tombstone?.deletedAt ? { kind: 'tombstone', deletedAt: tombstone.deletedAt } : { kind: 'missing' };
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
