// Persistence of twinnings: the practice transferred, from whom to whom, in which stages, with what outcome.
import { defineEntity, p } from '@mikro-orm/core';
import { codesOf, twinningTypes } from '../project/project.codes.js';
import { Project } from '../project/project.entity.js';

export const TwinningSchema = defineEntity({
  name: 'Twinning',
  tableName: 'twinning',
  properties: {
    project: () => p.oneToOne(Project).mapToPk().primary().owner().deleteRule('cascade'),
    originatorId: p.uuid().index(),
    practiceId: p.uuid().index(),
    type: p.enum(codesOf(twinningTypes)),
    outcome: p.string().length(4000).nullable(),
    completedAt: p.datetime().nullable(),
    /** Held by the one request completing the twinning, so a concurrent completion is refused before it writes. */
    completionClaim: p.uuid().nullable(),
    completionClaimedAt: p.datetime().nullable(),
  },
});
export class Twinning extends TwinningSchema.class {}
TwinningSchema.setClass(Twinning);

export const TwinningAdopterSchema = defineEntity({
  name: 'TwinningAdopter',
  tableName: 'twinning_adopter',
  properties: {
    twinning: () => p.manyToOne(Twinning).mapToPk().primary().deleteRule('cascade'),
    organisationId: p.uuid().primary().index(),
    /** The adoption the practices subgraph recorded when the twinning was completed. */
    adoptionId: p.uuid().nullable(),
  },
});
export class TwinningAdopter extends TwinningAdopterSchema.class {}
TwinningAdopterSchema.setClass(TwinningAdopter);

export const StageSchema = defineEntity({
  name: 'Stage',
  tableName: 'twinning_stage',
  properties: {
    twinning: () => p.manyToOne(Twinning).mapToPk().primary().deleteRule('cascade'),
    position: p.smallint().primary(),
    name: p.string().length(200),
    startDate: p.date(),
    endDate: p.date(),
    description: p.string().length(2000).nullable(),
  },
  checks: [{ name: 'twinning_stage_period_check', expression: '"end_date" >= "start_date"' }],
});
export class Stage extends StageSchema.class {}
StageSchema.setClass(Stage);
