// A synergy proposal as the API shows it to the coordinators of both projects.
import { Field, ObjectType } from 'type-graphql';
import type { SynergyKind } from '../project/project.codes.js';
import { ProjectType, SynergyKindEnum } from '../project/project.types.js';

@ObjectType('SynergyProposal', {
  description: 'A link one project offers another; it becomes a synergy of both when the other side accepts it.',
})
export class SynergyProposalType {
  @Field(() => ProjectType, { description: 'The project that proposed the link.' })
  project!: ProjectType;

  @Field(() => ProjectType, { description: 'The project asked to accept it.' })
  other!: ProjectType;

  @Field(() => SynergyKindEnum, { description: 'How the link reads from the proposing project.' })
  kind!: SynergyKind;

  @Field({ description: 'When it was proposed.' })
  proposedAt!: Date;
}
