// Every committed migration of the gateway database, in order.
import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261122000100_api_keys } from './Migration20261122000100_api_keys.js';

export const gatewayMigrations: MigrationObject[] = [
  { name: 'Migration20261122000100_api_keys', class: Migration20261122000100_api_keys },
];
