// Who is calling, for Hive Gateway: the very authentication RADAR's gateway does, on the gateway's own database.
import type { Caller, Database, Logger } from '@radar/common';
import type { GatewayConfig } from '../config.js';
import { openGatewayDatabase } from '../keys/key.database.js';
import { authenticate } from '../keys/key.store.js';

export interface CallerAuthenticator {
  /** The caller an `Authorization` header stands for; a bad credential throws UNAUTHENTICATED, none is anonymous. */
  authenticate(authorization: string | undefined): Promise<Caller>;
  ready(): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * Opens the key store RADAR's gateway reads, or uses the database given (the one a RADAR gateway in the same
 * process already holds open, as an embedded database can be opened once only).
 */
export async function openCallerAuthenticator(
  config: GatewayConfig,
  log: Logger,
  options: { database?: Database; embeddedDataDir?: string } = {},
): Promise<CallerAuthenticator> {
  const db = options.database ?? (await openGatewayDatabase(config, log, options.embeddedDataDir));
  const owned = options.database === undefined;
  return {
    authenticate: (authorization) => authenticate(db.orm.em.fork(), authorization),
    ready: () => db.ping(),
    close: async () => {
      if (owned) await db.close();
    },
  };
}
