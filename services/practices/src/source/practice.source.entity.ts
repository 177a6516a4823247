// Persistence of practices' source keys: the ids they have in the partner registries they were imported from.
import { defineEntity, p } from '@mikro-orm/core';
import { Practice } from '../practice/practice.entity.js';

export const PracticeSourceSchema = defineEntity({
  name: 'PracticeSource',
  tableName: 'practice_source',
  properties: {
    record: () => p.manyToOne(Practice).mapToPk().index().deleteRule('cascade'),
    source: p.string().length(100).primary(),
    sourceId: p.string().length(200).primary(),
  },
});
export class PracticeSource extends PracticeSourceSchema.class {}
PracticeSourceSchema.setClass(PracticeSource);
