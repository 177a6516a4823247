// Persistence of needs' source keys: their ids in the partner registries they were imported from.
import { defineEntity, p } from '@mikro-orm/core';
import { Need } from '../need/need.entity.js';

export const NeedSourceSchema = defineEntity({
  name: 'NeedSource',
  tableName: 'need_source',
  properties: {
    record: () => p.manyToOne(Need).mapToPk().index().deleteRule('cascade'),
    source: p.string().length(100).primary(),
    sourceId: p.string().length(200).primary(),
  },
});
export class NeedSource extends NeedSourceSchema.class {}
NeedSourceSchema.setClass(NeedSource);
