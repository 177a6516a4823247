// Persistence of synergy proposals: a link one project offers another, waiting for the other side's consent.
import { defineEntity, p } from '@mikro-orm/core';
import { codesOf, synergyKinds } from '../project/project.codes.js';
import { Project } from '../project/project.entity.js';

export const SynergyProposalSchema = defineEntity({
  name: 'SynergyProposal',
  tableName: 'synergy_proposal',
  properties: {
    project: () => p.manyToOne(Project).mapToPk().primary().deleteRule('cascade'),
    other: () => p.manyToOne(Project).mapToPk().primary().deleteRule('cascade').index(),
    /** How the link reads from the proposing project's side. */
    kind: p.enum(codesOf(synergyKinds)),
    /** The organisation whose editor proposed it; null when a curator did. */
    proposedBy: p.uuid().nullable(),
    proposedAt: p.datetime(),
  },
});
export class SynergyProposal extends SynergyProposalSchema.class {}
SynergyProposalSchema.setClass(SynergyProposal);
