// Columns every RADAR record has: when it was created and changed, its version, and when it was deleted.
import { p } from '@mikro-orm/core';

/** Spread into an entity's properties; `version` drives optimistic locking and `deletedAt` soft deletion. */
export function lifecycleProperties() {
  return {
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
    version: p.integer().version(),
    deletedAt: p.datetime().nullable(),
  };
}
