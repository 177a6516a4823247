// Persistence of adoptions: where a practice is in use, by whom, at what scale and since when.
import { defineEntity, p } from '@mikro-orm/core';
import { lifecycleProperties } from '@radar/common';
import { adoptionScales, adoptionStatuses, codesOf } from '../practice/practice.codes.js';
import { Practice } from '../practice/practice.entity.js';

/**
 * One live adoption per practice, adopter, place (country and NUTS region) and period: two with overlapping periods
 * (a missing date is open-ended) are the same uptake recorded twice, which would inflate the figures. Entity metadata
 * cannot describe an exclusion constraint (and the schema comparator does not read them), so the migration adds it.
 */
export const ADOPTION_OVERLAP_CONSTRAINT = 'adoption_no_overlap';
export const ADOPTION_OVERLAP_CONSTRAINT_SQL = `alter table "adoption" add constraint "${ADOPTION_OVERLAP_CONSTRAINT}" exclude using gist ("practice_id" with =, "adopter_id" with =, "country" with =, (coalesce("nuts", '')) with =, (daterange("start_date", "end_date", '[]')) with &&) where ("deleted_at" is null);`;

export const AdoptionSchema = defineEntity({
  name: 'Adoption',
  tableName: 'adoption',
  properties: {
    id: p.uuid().primary(),
    practice: () => p.manyToOne(Practice).mapToPk().deleteRule('cascade').index(),
    adopterId: p.uuid().index(),
    country: p.string().length(2).index(),
    nuts: p.string().length(5).nullable(),
    scale: p.enum(codesOf(adoptionScales)),
    status: p.enum(codesOf(adoptionStatuses)),
    startDate: p.date().nullable(),
    endDate: p.date().nullable(),
    projectId: p.uuid().nullable().index(),
    note: p.string().length(2000).nullable(),
    ...lifecycleProperties(),
  },
  indexes: [
    {
      // Which practices are adopted in a need's country, read from the index alone (need.match.ts).
      name: 'adoption_counted_country_index',
      expression: `create index "adoption_counted_country_index" on "adoption" ("country", "practice_id") where "deleted_at" is null and "status" <> 'PLANNED'`,
    },
  ],
  checks: [
    {
      name: 'adoption_period_check',
      expression: '"end_date" is null or "start_date" is null or "end_date" >= "start_date"',
    },
  ],
});
export class Adoption extends AdoptionSchema.class {}
AdoptionSchema.setClass(Adoption);
