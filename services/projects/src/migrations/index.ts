// Every committed migration of the projects database, in order.
import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261122020000_projects } from './Migration20261122020000_projects.js';
import { Migration20261201000000_consent_and_claims } from './Migration20261201000000_consent_and_claims.js';
import { Migration20261201040000_project_languages } from './Migration20261201040000_project_languages.js';
import { Migration20261203040000_source_keys } from './Migration20261203040000_source_keys.js';
import { Migration20261204020000_project_events } from './Migration20261204020000_project_events.js';

export const projectMigrations: MigrationObject[] = [
  { name: 'Migration20261122020000_projects', class: Migration20261122020000_projects },
  { name: 'Migration20261201000000_consent_and_claims', class: Migration20261201000000_consent_and_claims },
  { name: 'Migration20261201040000_project_languages', class: Migration20261201040000_project_languages },
  { name: 'Migration20261203040000_source_keys', class: Migration20261203040000_source_keys },
  { name: 'Migration20261204020000_project_events', class: Migration20261204020000_project_events },
];
