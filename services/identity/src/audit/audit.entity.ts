// The audit log: every key minted or revoked, role granted or withdrawn, account disabled and request decided.
import { defineEntity, p } from '@mikro-orm/core';

export const AuditAction = {
  KeyMinted: 'KEY_MINTED',
  KeyRevoked: 'KEY_REVOKED',
  RoleGranted: 'ROLE_GRANTED',
  RoleWithdrawn: 'ROLE_WITHDRAWN',
  AccountDisabled: 'ACCOUNT_DISABLED',
  AccountEnabled: 'ACCOUNT_ENABLED',
  AccessApproved: 'ACCESS_APPROVED',
  AccessRefused: 'ACCESS_REFUSED',
} as const;
export type AuditAction = (typeof AuditAction)[keyof typeof AuditAction];

export const AuditEntrySchema = defineEntity({
  name: 'AuditEntry',
  tableName: 'audit_entry',
  properties: {
    id: p.uuid().primary(),
    at: p.datetime(),
    action: p.enum(Object.values(AuditAction)),
    actorId: p.string().length(64),
    actorLabel: p.string().length(200),
    /** What the action was taken on: an API key's id, an account's id, or an access request's id. */
    subjectId: p.string().length(36),
    role: p.string().length(20).nullable(),
    organisationId: p.uuid().nullable(),
    detail: p.text().nullable(),
  },
  indexes: [{ name: 'audit_entry_at_index', properties: ['at', 'id'] }],
});
export class AuditEntry extends AuditEntrySchema.class {}
AuditEntrySchema.setClass(AuditEntry);
