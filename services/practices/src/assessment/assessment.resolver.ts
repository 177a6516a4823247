// GraphQL of assessments: recording one (curators), a practice's current assessment, its history and its label,
// and the "ready to transfer" list. Every list field goes through a loader.
import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { PracticesContext } from '../context.js';
import type { Practice } from '../practice/practice.entity.js';
import { writeContext } from '../practice/practice.resolver.js';
import { PracticeType_ } from '../practice/practice.types.js';
import { type AssessmentLabel, labelOf } from './assessment.codes.js';
import { RecordAssessmentInput } from './assessment.inputs.js';
import { recordAssessment } from './assessment.service.js';
import { AssessmentLabelEnum, AssessmentType } from './assessment.types.js';
import { assessmentView } from './assessment.view.js';
import { READY_MATURITY, ReadyToTransferArgs } from './ready-to-transfer.inputs.js';
import { readyToTransfer } from './ready-to-transfer.js';
import { ReadyToTransferConnection } from './ready-to-transfer.types.js';

/** recordAssessment checks its input once the caller may record: an editor is told FORBIDDEN, not what is wrong. */
const CHECKED_AFTER_AUTHORISATION = { validateFn: () => undefined };

@Resolver(() => PracticeType_)
export class AssessmentResolver {
  @Mutation(() => AssessmentType, {
    description:
      'Records a curator\u2019s assessment of a practice against the EU Best Practice Portal\u2019s ten criteria, each scored 0 to 4 with a note (curators). Its label follows from the scores by the rule AssessmentLabel states; it becomes the practice\u2019s current assessment and supersedes the previous one, which stays in `assessments`.',
  })
  async recordAssessment(
    @Arg('input', () => RecordAssessmentInput, CHECKED_AFTER_AUTHORISATION) input: RecordAssessmentInput,
    @Ctx() context: PracticesContext,
  ): Promise<AssessmentType> {
    return assessmentView(await recordAssessment(writeContext(context), input));
  }

  @Query(() => ReadyToTransferConnection, {
    description: `Published practices ready to transfer, widest spread first: maturity ${READY_MATURITY} or later, at least one evidence link, and active (piloting or ongoing) adoptions in at least \`minPlaces\` distinct countries or NUTS 2 regions. Each row says why.`,
  })
  readyToTransfer(@Args(() => ReadyToTransferArgs) args: ReadyToTransferArgs, @Ctx() { em, caller }: PracticesContext) {
    return readyToTransfer(em, caller, args);
  }

  @FieldResolver(() => AssessmentType, { nullable: true, description: 'The current assessment; null when none.' })
  async assessment(@Root() practice: Practice, @Ctx() { loaders }: PracticesContext): Promise<AssessmentType | null> {
    const [current] = await loaders.assessmentsOfPractice.load(practice.id);
    return current && !current.supersededAt ? assessmentView(current) : null;
  }

  @FieldResolver(() => [AssessmentType], { description: 'Every assessment, newest first: the current one first.' })
  async assessments(@Root() practice: Practice, @Ctx() { loaders }: PracticesContext): Promise<AssessmentType[]> {
    return (await loaders.assessmentsOfPractice.load(practice.id)).map(assessmentView);
  }

  @FieldResolver(() => AssessmentLabelEnum, {
    description: 'The current assessment\u2019s label; NOT_ASSESSED when none.',
  })
  async assessmentLabel(@Root() practice: Practice, @Ctx() { loaders }: PracticesContext): Promise<AssessmentLabel> {
    const [current] = await loaders.assessmentsOfPractice.load(practice.id);
    return current && !current.supersededAt ? current.label : labelOf(null);
  }
}
