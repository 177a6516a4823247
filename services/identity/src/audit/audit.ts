// Appends to the audit log, in the transaction of the change it records.
import { randomUUID } from 'node:crypto';
import type { EntityManager, SignedInCaller } from '@radar/common';
import { type AuditAction, AuditEntry } from './audit.entity.js';

export function audit(
  tx: EntityManager,
  actor: SignedInCaller,
  action: AuditAction,
  subjectId: string,
  details: { role?: string | null; organisationId?: string | null; detail?: string | null } = {},
) {
  tx.create(AuditEntry, {
    id: randomUUID(),
    at: new Date(),
    action,
    actorId: actor.id,
    actorLabel: actor.label,
    subjectId,
    role: details.role ?? null,
    organisationId: details.organisationId ?? null,
    detail: details.detail ?? null,
  });
}

export function auditLog(em: EntityManager, first: number) {
  return em.find(AuditEntry, {}, { orderBy: { at: 'desc', id: 'desc' }, limit: first });
}
