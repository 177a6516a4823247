// Every committed migration of the practices database, in order.
import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261122010000_practices } from './Migration20261122010000_practices.js';
import { Migration20261201010000_practice_moderation } from './Migration20261201010000_practice_moderation.js';
import { Migration20261201030000_contribution_proposals } from './Migration20261201030000_contribution_proposals.js';
import { Migration20261201040000_practice_languages } from './Migration20261201040000_practice_languages.js';
import { Migration20261201060000_adoption_uptake } from './Migration20261201060000_adoption_uptake.js';
import { Migration20261201070000_not_duplicates } from './Migration20261201070000_not_duplicates.js';
import { Migration20261202010000_needs } from './Migration20261202010000_needs.js';
import { Migration20261202020000_assessments } from './Migration20261202020000_assessments.js';
import { Migration20261202030000_practice_titles } from './Migration20261202030000_practice_titles.js';
import { Migration20261202040000_source_keys } from './Migration20261202040000_source_keys.js';
import { Migration20261202050000_region_names } from './Migration20261202050000_region_names.js';
import { Migration20261203010000_similar_lists } from './Migration20261203010000_similar_lists.js';
import { Migration20261203020000_practice_match_index } from './Migration20261203020000_practice_match_index.js';
import { Migration20261203030000_adoption_source_keys } from './Migration20261203030000_adoption_source_keys.js';
import { Migration20261203030100_need_source_keys } from './Migration20261203030100_need_source_keys.js';

export const practiceMigrations: MigrationObject[] = [
  { name: 'Migration20261122010000_practices', class: Migration20261122010000_practices },
  { name: 'Migration20261201010000_practice_moderation', class: Migration20261201010000_practice_moderation },
  { name: 'Migration20261201030000_contribution_proposals', class: Migration20261201030000_contribution_proposals },
  { name: 'Migration20261201040000_practice_languages', class: Migration20261201040000_practice_languages },
  { name: 'Migration20261201060000_adoption_uptake', class: Migration20261201060000_adoption_uptake },
  { name: 'Migration20261201070000_not_duplicates', class: Migration20261201070000_not_duplicates },
  { name: 'Migration20261202010000_needs', class: Migration20261202010000_needs },
  { name: 'Migration20261202020000_assessments', class: Migration20261202020000_assessments },
  { name: 'Migration20261202030000_practice_titles', class: Migration20261202030000_practice_titles },
  { name: 'Migration20261202040000_source_keys', class: Migration20261202040000_source_keys },
  { name: 'Migration20261202050000_region_names', class: Migration20261202050000_region_names },
  { name: 'Migration20261203010000_similar_lists', class: Migration20261203010000_similar_lists },
  { name: 'Migration20261203020000_practice_match_index', class: Migration20261203020000_practice_match_index },
  { name: 'Migration20261203030000_adoption_source_keys', class: Migration20261203030000_adoption_source_keys },
  { name: 'Migration20261203030100_need_source_keys', class: Migration20261203030100_need_source_keys },
];
