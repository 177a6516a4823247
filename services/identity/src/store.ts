// What operators' tools and tests use of the identity store directly (the same rules the API applies).
import type { SignedInCaller } from '@radar/common';

export { signIn } from './account/account.service.js';
export { addGrant, callerOf, removeGrant } from './grant/grant.service.js';
export { ApiKey } from './key/api-key.entity.js';
export { authenticateKey, KEY_PATTERN, listKeys, mintKey, revokeKey } from './key/api-key.service.js';
export { checkMintRequest, KeyRequestError, type MintRequest } from './key/key.request.js';

/** Who acts when an operator runs `pnpm keys` on the server: a curator, recorded as such in the audit log. */
export const localOperator: SignedInCaller = {
  kind: 'key',
  id: 'operator',
  label: 'local operator (pnpm keys)',
  curator: true,
  organisations: [],
};
