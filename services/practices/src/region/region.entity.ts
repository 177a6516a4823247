// Persistence of NUTS region names: the code Eurostat gives a region and the name RADAR shows for it.
import { defineEntity, p } from '@mikro-orm/core';

export const RegionNameSchema = defineEntity({
  name: 'RegionName',
  tableName: 'nuts_region',
  properties: {
    code: p.string().length(5).primary(),
    name: p.string().length(200),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});
export class RegionName extends RegionNameSchema.class {}
RegionNameSchema.setClass(RegionName);
