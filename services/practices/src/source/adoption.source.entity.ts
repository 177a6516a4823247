// Persistence of adoptions' source keys: their ids in the partner registries they were imported from.
import { defineEntity, p } from '@mikro-orm/core';
import { Adoption } from '../adoption/adoption.entity.js';

export const AdoptionSourceSchema = defineEntity({
  name: 'AdoptionSource',
  tableName: 'adoption_source',
  properties: {
    record: () => p.manyToOne(Adoption).mapToPk().index().deleteRule('cascade'),
    source: p.string().length(100).primary(),
    sourceId: p.string().length(200).primary(),
  },
});
export class AdoptionSource extends AdoptionSourceSchema.class {}
AdoptionSourceSchema.setClass(AdoptionSource);
