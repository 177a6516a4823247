// Who is calling, for Hive Gateway: the very authentication RADAR's gateway does (API keys and OpenID Connect access
// tokens, looked up in the identity subgraph's store).
import type { Caller, Logger } from '@radar/common';
import { createAuthenticator } from '../authenticator.js';
import type { GatewayConfig } from '../config.js';

export interface CallerAuthenticator {
  /** The caller an `Authorization` header stands for; a bad credential throws UNAUTHENTICATED, none is anonymous. */
  authenticate(authorization: string | undefined): Promise<Caller>;
  /** Whether the identity subgraph, which says who each credential is, answers. */
  ready(): Promise<boolean>;
  close(): Promise<void>;
}

export async function openCallerAuthenticator(config: GatewayConfig, _log: Logger): Promise<CallerAuthenticator> {
  const authenticator = createAuthenticator(config);
  const readyUrl = new URL('/ready', config.subgraphUrls.identity);
  return {
    authenticate: (authorization) => authenticator.authenticate(authorization),
    ready: async () => {
      try {
        return (await fetch(readyUrl)).ok;
      } catch {
        return false;
      }
    },
    close: () => authenticator.close(),
  };
}
