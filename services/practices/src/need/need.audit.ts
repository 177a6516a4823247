// The audit trail of needs: every change appends who, when and what changed.
import { auditEvent, type Changes, type EntityManager, type SignedInCaller } from '@radar/common';
import { NeedEvent } from './need.entity.js';

export function recordNeedEvent(
  em: EntityManager,
  need: string,
  actor: SignedInCaller,
  action: string,
  changes: Changes = {},
  comment: string | null = null,
) {
  em.create(NeedEvent, { need, ...auditEvent(actor, action, changes, comment) });
}
