// Roles held by an account or an API key: curator, or editor of one organisation (one row per organisation).
import { defineEntity, p } from '@mikro-orm/core';
import { Role } from '@radar/common';

export const HolderKind = { Key: 'key', Person: 'person' } as const;
export type HolderKind = (typeof HolderKind)[keyof typeof HolderKind];

export const RoleGrantSchema = defineEntity({
  name: 'RoleGrant',
  tableName: 'role_grant',
  properties: {
    id: p.uuid().primary(),
    holderKind: p.enum([HolderKind.Key, HolderKind.Person]),
    /** The API key's id or the account's id. */
    holderId: p.string().length(36).index(),
    role: p.enum([Role.Editor, Role.Curator]),
    /** The organisation an editor edits for; null for a curator. */
    organisationId: p.uuid().nullable(),
    grantedAt: p.datetime(),
    grantedBy: p.string().length(200),
  },
  uniques: [{ name: 'role_grant_holder_role_organisation_unique', properties: ['holderId', 'role', 'organisationId'] }],
});
export class RoleGrant extends RoleGrantSchema.class {}
RoleGrantSchema.setClass(RoleGrant);
