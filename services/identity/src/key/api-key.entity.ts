// API keys of machine clients: only a hash of the secret part is stored; the key itself is shown once, when minted.
import { defineEntity, p } from '@mikro-orm/core';

export const ApiKeySchema = defineEntity({
  name: 'ApiKey',
  tableName: 'api_key',
  properties: {
    id: p.string().length(16).primary(),
    label: p.string().length(200),
    secretHash: p.string().length(64),
    createdAt: p.datetime(),
    /** Who minted it: the label of the curator, or of the local operator. */
    createdBy: p.string().length(200),
    expiresAt: p.datetime().nullable(),
    revokedAt: p.datetime().nullable(),
  },
});
export class ApiKey extends ApiKeySchema.class {}
ApiKeySchema.setClass(ApiKey);
