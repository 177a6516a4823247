// Raw SQL for what the query builder cannot say (unnest, aggregates over arrays, lateral joins): one way to run it.
import type { EntityManager } from './database.js';

/** Runs one statement with positional parameters and returns its rows; in a transaction when `em` is in one. */
export async function rows<T>(em: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  return (await em.getConnection().execute(sql, params, 'all', em.getTransactionContext())) as T[];
}
