// What Hive Gateway tells each subgraph about a request: its id and its caller, signed as RADAR's gateway signs them.
import { type Caller, REQUEST_ID_HEADER, signCaller } from '@radar/common';
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
  const secret = config.RADAR_GATEWAY_SECRET;
  if (!secret && !config.development) throw new Error('RADAR_GATEWAY_SECRET must be set in production');
  return {
    headersFor: ({ caller, requestId }) => ({
      [REQUEST_ID_HEADER]: requestId,
      ...(secret ? signCaller(secret, caller, requestId) : {}),
    }),
  };
}
