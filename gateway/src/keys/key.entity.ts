// API keys: only a hash of the secret part is stored; the key itself is shown once, when minted.
import { defineEntity, p } from '@mikro-orm/core';
import { Role } from '@radar/common/identity';

export const ApiKeySchema = defineEntity({
  name: 'ApiKey',
  tableName: 'api_key',
  properties: {
    id: p.string().length(16).primary(),
    label: p.string().length(200),
    role: p.enum([Role.Editor, Role.Curator]),
    organisationId: p.uuid().nullable(),
    secretHash: p.string().length(64),
    createdAt: p.datetime().onCreate(() => new Date()),
    revokedAt: p.datetime().nullable(),
  },
});
export class ApiKey extends ApiKeySchema.class {}
ApiKeySchema.setClass(ApiKey);
