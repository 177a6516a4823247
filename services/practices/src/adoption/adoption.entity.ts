// Persistence of adoptions: where a practice is in use, by whom, at what scale and since when.
import { defineEntity, p } from '@mikro-orm/core';
import { lifecycleProperties } from '@radar/common';
import { adoptionScales, adoptionStatuses, codesOf } from '../practice/practice.codes.js';
import { Practice } from '../practice/practice.entity.js';

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
  checks: [
    {
      name: 'adoption_period_check',
      expression: '"end_date" is null or "start_date" is null or "end_date" >= "start_date"',
    },
  ],
});
export class Adoption extends AdoptionSchema.class {}
AdoptionSchema.setClass(Adoption);
