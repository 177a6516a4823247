// Every committed migration of the practices database, in order.
import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261122010000_practices } from './Migration20261122010000_practices.js';

export const practiceMigrations: MigrationObject[] = [
  { name: 'Migration20261122010000_practices', class: Migration20261122010000_practices },
];
