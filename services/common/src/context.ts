// What every resolver receives: who is calling, a request-scoped EntityManager, loaders and a logger.
import type { EntityManager } from './database.js';
import type { Caller } from './identity.js';
import type { Logger } from './logger.js';

export interface BaseContext {
  requestId: string;
  caller: Caller;
  /** Forked for this request only: its identity map never leaks to another caller. */
  em: EntityManager;
  log: Logger;
  /** Set on a dry run: the request's writes happen in a transaction that is rolled back before it answers. */
  dryRun?: boolean;
}
