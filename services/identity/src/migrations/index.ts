// Every committed migration of the identity database, in order.
import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261201040000_identity } from './Migration20261201040000_identity.js';

export const identityMigrations: MigrationObject[] = [
  { name: 'Migration20261201040000_identity', class: Migration20261201040000_identity },
];
