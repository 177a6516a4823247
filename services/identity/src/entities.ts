// Every entity of the identity database.
import { AccessRequestSchema } from './access/access-request.entity.js';
import { AccountSchema } from './account/account.entity.js';
import { AuditEntrySchema } from './audit/audit.entity.js';

export { AccessRequest } from './access/access-request.entity.js';
export { Account } from './account/account.entity.js';
export { AuditEntry } from './audit/audit.entity.js';
export { RoleGrant } from './grant/grant.entity.js';
export { ApiKey } from './key/api-key.entity.js';

import { RoleGrantSchema } from './grant/grant.entity.js';
import { ApiKeySchema } from './key/api-key.entity.js';

export const identityEntities = [AccountSchema, ApiKeySchema, RoleGrantSchema, AccessRequestSchema, AuditEntrySchema];
