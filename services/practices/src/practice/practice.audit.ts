// The audit trail: every change to a practice or its adoptions appends who, when and what changed.
import { auditEvent, type Changes, type EntityManager, type SignedInCaller } from '@radar/common';
import { PracticeEvent } from './practice.entity.js';

export function record(
  em: EntityManager,
  practice: string,
  actor: SignedInCaller,
  action: string,
  changes: Changes = {},
  comment: string | null = null,
) {
  em.create(PracticeEvent, { practice, ...auditEvent(actor, action, changes, comment) });
}
