// What Hive Gateway tells each subgraph about a request: its id and its caller, in a subgraph token as RADAR's gateway
// makes it, bound to the exact body sent.
import { type Caller, REQUEST_ID_HEADER, tokenSignerFrom } from '@radar/common';
import type { GatewayConfig } from '../config.js';

export interface SubgraphRequest {
  caller: Caller;
  requestId: string;
  /** The exact body sent to the subgraph. */
  body: string;
}

export interface SubgraphIdentity {
  headersFor(request: SubgraphRequest): Record<string, string>;
}

export function subgraphIdentity(config: GatewayConfig): SubgraphIdentity {
  const signer = tokenSignerFrom(config);
  if (!signer && !config.development) throw new Error('RADAR_SIGNING_KEYS must be set in production');
  return {
    headersFor: ({ caller, requestId, body }) =>
      signer ? signer.headersFor({ caller, requestId, body }) : { [REQUEST_ID_HEADER]: requestId },
  };
}
