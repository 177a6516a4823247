// Every committed migration of the projects database, in order.
import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261122020000_projects } from './Migration20261122020000_projects.js';

export const projectMigrations: MigrationObject[] = [
  { name: 'Migration20261122020000_projects', class: Migration20261122020000_projects },
];
