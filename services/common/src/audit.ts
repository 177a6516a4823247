// Audit trails of records: the changes one write makes (field → from, to), the columns of an event row, the time that
// keeps one write's events in order, and the GraphQL value type organisations and projects show their history with.
import { randomUUID } from 'node:crypto';
import { p } from '@mikro-orm/core';
import { Directive, Field, ObjectType } from 'type-graphql';
import { roleOf, type SignedInCaller } from './auth.js';
import { currentImportNote } from './sources.js';

export type Changes = Record<string, { from: unknown; to: unknown }>;

/** The fields whose values differ between two snapshots of a record, each with its value before and after. */
export function diff(before: Record<string, unknown>, after: Record<string, unknown>): Changes {
  const changes: Changes = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const from = before[key] ?? null;
    const to = after[key] ?? null;
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[key] = { from, to };
  }
  return changes;
}

let lastEventAt = 0;

/**
 * The time of an audit event: now, but always after the event before it, so events one write records (registered,
 * submitted, published) keep their order in the history, which is sorted by time.
 */
export function eventTime(): Date {
  lastEventAt = Math.max(Date.now(), lastEventAt + 1);
  return new Date(lastEventAt);
}

/** Spread into an event entity's properties, beside the record it belongs to: who, when, what and why. */
export function auditEventProperties() {
  return {
    id: p.uuid().primary(),
    at: p.datetime(),
    action: p.string().length(40),
    actorKeyId: p.string().length(64),
    actorLabel: p.string().length(200),
    actorRole: p.string().length(20),
    changes: p.json<Changes>(),
    /** Why: an import's note ("import <run> from <source> (<sourceId>)") or a curator's reason. */
    comment: p.text().nullable(),
  };
}

/** The columns of one audit event by `actor`, for the entity's own `em.create`. */
export function auditEvent(
  actor: SignedInCaller,
  action: string,
  changes: Changes = {},
  comment: string | null = null,
) {
  return {
    id: randomUUID(),
    at: eventTime(),
    action,
    actorKeyId: actor.id,
    actorLabel: actor.label,
    actorRole: roleOf(actor),
    changes,
    // A write's own reason or import note first, else the import its request is part of.
    comment: comment ?? currentImportNote() ?? null,
  };
}

@Directive('@shareable')
@ObjectType({ description: 'One change in an organisation\u2019s or a project\u2019s audit trail.' })
export class RecordEvent {
  @Field()
  at!: Date;

  @Field({ description: 'What happened; the record type\u2019s `history` field lists its actions.' })
  action!: string;

  @Field({ description: 'Label of the API key that made the change.' })
  actor!: string;

  @Field({ description: 'curator or editor.' })
  actorRole!: string;

  @Field(() => String, { description: 'JSON object: field → { from, to }.' })
  changes!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Why: the import that made the change, as "import <run> from <source> (<sourceId>)"; null otherwise.',
  })
  comment!: string | null;
}

/** A stored event as the GraphQL type shows it. */
/** What an event row holds that the GraphQL type shows. */
export interface StoredEvent {
  at: Date;
  action: string;
  actorLabel: string;
  actorRole: string;
  changes: Changes;
  comment?: string | null;
}

export function recordEventOf(row: StoredEvent): RecordEvent {
  return {
    at: row.at,
    action: row.action,
    actor: row.actorLabel,
    actorRole: row.actorRole,
    changes: JSON.stringify(row.changes),
    comment: row.comment ?? null,
  };
}
