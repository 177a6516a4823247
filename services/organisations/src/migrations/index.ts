// Every committed migration of the organisations database, in order.
import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261122000000_organisations } from './Migration20261122000000_organisations.js';

export const organisationMigrations: MigrationObject[] = [
  { name: 'Migration20261122000000_organisations', class: Migration20261122000000_organisations },
];
