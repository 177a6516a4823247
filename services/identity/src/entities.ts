// Every entity of the identity database.
import { AccessRequestSchema } from './access/access-request.entity.js';
import { AccountSchema } from './account/account.entity.js';
import { AuditEntrySchema } from './audit/audit.entity.js';
import { RoleGrantSchema } from './grant/grant.entity.js';
import { ApiKeySchema } from './key/api-key.entity.js';

export const identityEntities = [AccountSchema, ApiKeySchema, RoleGrantSchema, AccessRequestSchema, AuditEntrySchema];
