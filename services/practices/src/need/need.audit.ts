// The audit trail of needs: every change appends who, when and what changed.
import { randomUUID } from 'node:crypto';
import { type EntityManager, roleOf, type SignedInCaller } from '@radar/common';
import { type Changes, eventTime } from '../practice/practice.audit.js';
import { NeedEvent } from './need.entity.js';

export function recordNeedEvent(
  em: EntityManager,
  need: string,
  actor: SignedInCaller,
  action: string,
  changes: Changes = {},
  comment: string | null = null,
) {
  em.create(NeedEvent, {
    id: randomUUID(),
    need,
    at: eventTime(),
    action,
    actorKeyId: actor.id,
    actorLabel: actor.label,
    actorRole: roleOf(actor),
    changes,
    comment,
  });
}
