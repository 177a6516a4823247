// Every committed migration of the organisations database, in order.
import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261122000000_organisations } from './Migration20261122000000_organisations.js';
import { Migration20261201020000_membership_proposals } from './Migration20261201020000_membership_proposals.js';
import { Migration20261202040000_source_keys } from './Migration20261202040000_source_keys.js';
import { Migration20261204010000_organisation_events } from './Migration20261204010000_organisation_events.js';

export const organisationMigrations: MigrationObject[] = [
  { name: 'Migration20261122000000_organisations', class: Migration20261122000000_organisations },
  { name: 'Migration20261201020000_membership_proposals', class: Migration20261201020000_membership_proposals },
  { name: 'Migration20261202040000_source_keys', class: Migration20261202040000_source_keys },
  { name: 'Migration20261204010000_organisation_events', class: Migration20261204010000_organisation_events },
];
