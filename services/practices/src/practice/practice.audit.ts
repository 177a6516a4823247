// The audit trail: every change to a practice or its adoptions appends who, when and what changed.
import { randomUUID } from 'node:crypto';
import { type EntityManager, roleOf, type SignedInCaller } from '@radar/common';
import { PracticeEvent } from './practice.entity.js';

export type Changes = Record<string, { from: unknown; to: unknown }>;

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

export function record(
  em: EntityManager,
  practice: string,
  actor: SignedInCaller,
  action: string,
  changes: Changes = {},
  comment: string | null = null,
) {
  em.create(PracticeEvent, {
    id: randomUUID(),
    practice,
    at: eventTime(),
    action,
    actorKeyId: actor.id,
    actorLabel: actor.label,
    actorRole: roleOf(actor),
    changes,
    comment,
  });
}
