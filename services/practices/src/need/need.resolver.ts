// GraphQL queries, mutations and fields of Need, Practice.matchingNeeds and twinningCandidates; lists go through
// loaders.
import {
  ChangesInput,
  ChangeTypes,
  changesPage,
  forbidden,
  SOURCE_ARGUMENT,
  SourceKeyInput,
  STATE_ARGUMENT,
  Tombstone,
  UUID,
  withRecords,
} from '@radar/common';
import { Arg, Args, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { PracticesContext } from '../context.js';
import type { Practice } from '../practice/practice.entity.js';
import { writeContext } from '../practice/practice.resolver.js';
import { ModerationArgs, ReturnArgs } from '../practice/practice.review.inputs.js';
import { ReviewComment } from '../practice/practice.review.types.js';
import { ORGANISATION_REFERENCE, OrganisationRef, PracticeType_ } from '../practice/practice.types.js';
import { canSee, isInsider } from '../practice/practice.visibility.js';
import type { Need } from './need.entity.js';
import {
  CreateNeedInput,
  candidateCount,
  DEFAULT_CANDIDATES,
  MAX_CANDIDATES,
  NeedFilter,
  NeedStateInput,
  TwinningCandidateFilter,
  UpdateNeedInput,
} from './need.inputs.js';
import { describePairs } from './need.loaders.js';
import { rankTwinnings, TWINNING_POOL } from './need.match.js';
import { searchNeeds } from './need.search.js';
import { createNeed, deleteNeed, setNeedState, transitionNeed, updateNeed } from './need.service.js';
import {
  NeedCandidate,
  NeedEventType,
  NeedMatch,
  NeedSearchConnection,
  NeedType,
  TwinningCandidate,
} from './need.types.js';
import { canSeeNeed } from './need.visibility.js';

const { Changes: NeedChanges } = ChangeTypes('Need', 'need', NeedType);

function requireNeedInsider(context: PracticesContext, need: Need, what: string) {
  if (!isInsider(context.caller, need)) {
    throw forbidden(`Only curators and the owner\u2019s editors may see ${what}.`);
  }
}

const FIRST = { defaultValue: DEFAULT_CANDIDATES, description: `1 to ${MAX_CANDIDATES}.` };

@Resolver(() => NeedType)
export class NeedResolver {
  @Query(() => NeedType, {
    nullable: true,
    description: 'One need; drafts only for curators and the owner\u2019s editors.',
  })
  async need(@Arg('id', () => UUID) id: string, @Ctx() { loaders, caller }: PracticesContext): Promise<Need | null> {
    const need = await loaders.needById.load(id);
    return need && canSeeNeed(caller, need) ? need : null;
  }

  @Query(() => NeedSearchConnection, {
    description: 'A page of needs the caller may see, by title, their total and facet counts.',
  })
  needs(
    @Arg('filter', () => NeedFilter, { nullable: true }) filter: NeedFilter | undefined,
    @Arg('first', () => Int, { nullable: true, description: '1 to 100; 20 when omitted.' }) first: number | undefined,
    @Arg('after', () => String, { nullable: true }) after: string | undefined,
    @Ctx() { em, caller }: PracticesContext,
  ) {
    return searchNeeds(em, caller, filter, first, after);
  }

  @Query(() => NeedChanges, {
    description:
      'The change feed harvesters walk: published needs and tombstones of once-published ones, oldest change first.',
  })
  async needChanges(
    @Arg('input', () => ChangesInput, { nullable: true }) input: ChangesInput | undefined,
    @Ctx() { em, loaders }: PracticesContext,
  ) {
    const page = await changesPage(
      em,
      {
        table: 'need',
        publicSql: "p.deleted_at is null and p.status = 'PUBLISHED'",
        tombstoneSql: 'p.published_at is not null',
        deletedAtSql: 'coalesce(p.deleted_at, p.updated_at)',
        reasonSql:
          "case when p.deleted_at is not null then 'DELETED' when p.status = 'ARCHIVED' then 'ARCHIVED' else 'UNPUBLISHED' end",
      },
      input,
    );
    return withRecords(page, (ids) => loaders.needById.loadMany(ids));
  }

  @Query(() => Tombstone, {
    nullable: true,
    description:
      'The tombstone of a need that was published and is not any more (deleted, archived or unpublished); null otherwise.',
  })
  async needTombstone(
    @Arg('id', () => UUID) id: string,
    @Ctx() { loaders }: PracticesContext,
  ): Promise<Tombstone | null> {
    const need = await loaders.needById.load(id);
    if (!need?.publishedAt || (!need.deletedAt && need.status === 'PUBLISHED')) return null;
    const reason = need.deletedAt ? 'DELETED' : need.status === 'ARCHIVED' ? 'ARCHIVED' : 'UNPUBLISHED';
    return { id: need.id, deletedAt: need.deletedAt ?? need.updatedAt, reason, replacedBy: null };
  }

  @Query(() => [TwinningCandidate], {
    description: `Pairs a twinning programme could fund, best first: a published practice adopted in at least \`minAdoptions\` places (2 by default; planned adoptions do not count), and a published, open need in a country or region where it is not adopted. Without \`needId\` or \`practiceId\`, only the ${TWINNING_POOL} most widely adopted practices are paired.`,
  })
  async twinningCandidates(
    @Arg('first', () => Int, FIRST) first: number,
    @Arg('filter', () => TwinningCandidateFilter, { nullable: true }) filter: TwinningCandidateFilter | undefined,
    @Ctx() { em, loaders }: PracticesContext,
  ): Promise<TwinningCandidate[]> {
    const rows = await rankTwinnings(em, filter ?? {}, candidateCount(first));
    return (await describePairs(rows, loaders.needById, loaders.practiceById)).map(
      ({ row, need, practice, score, reasons }) => ({
        need,
        practice,
        score,
        reasons,
        adoptedIn: [...row.adopted_in].sort(),
      }),
    );
  }

  @Mutation(() => NeedType, { description: 'States a need as a draft (curators, or editors of the owner).' })
  createNeed(
    @Arg('input', () => CreateNeedInput) input: CreateNeedInput,
    @Arg('source', () => SourceKeyInput, SOURCE_ARGUMENT) source: SourceKeyInput | undefined,
    @Arg('state', () => NeedStateInput, STATE_ARGUMENT) state: NeedStateInput | undefined,
    @Ctx() context: PracticesContext,
  ) {
    return createNeed(writeContext(context), input, source, state);
  }

  @Mutation(() => NeedType, {
    description:
      'Changes a need; `version` is the one you read. An editor\u2019s change to a published need sends it back to SUBMITTED, for a curator to publish again.',
  })
  updateNeed(
    @Arg('id', () => UUID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input', () => UpdateNeedInput) input: UpdateNeedInput,
    @Arg('source', () => SourceKeyInput, SOURCE_ARGUMENT) source: SourceKeyInput | undefined,
    @Arg('state', () => NeedStateInput, STATE_ARGUMENT) state: NeedStateInput | undefined,
    @Ctx() context: PracticesContext,
  ) {
    return updateNeed(writeContext(context), id, version, input, source, state);
  }

  @Mutation(() => NeedType, { description: 'DRAFT \u2192 SUBMITTED, for review.' })
  submitNeed(@Args(() => ModerationArgs) { id, version }: ModerationArgs, @Ctx() context: PracticesContext) {
    return transitionNeed(writeContext(context), id, version, 'SUBMITTED');
  }

  @Mutation(() => NeedType, { description: 'SUBMITTED \u2192 PUBLISHED (curators).' })
  publishNeed(@Args(() => ModerationArgs) { id, version }: ModerationArgs, @Ctx() context: PracticesContext) {
    return transitionNeed(writeContext(context), id, version, 'PUBLISHED');
  }

  @Mutation(() => NeedType, {
    description: 'SUBMITTED \u2192 DRAFT with a comment for the owner\u2019s editors (curators).',
  })
  returnNeed(@Args(() => ReturnArgs) { id, version, comment }: ReturnArgs, @Ctx() context: PracticesContext) {
    return transitionNeed(writeContext(context), id, version, 'RETURNED', comment);
  }

  @Mutation(() => NeedType, { description: 'PUBLISHED \u2192 DRAFT (curators).' })
  unpublishNeed(@Args(() => ModerationArgs) { id, version }: ModerationArgs, @Ctx() context: PracticesContext) {
    return transitionNeed(writeContext(context), id, version, 'UNPUBLISHED');
  }

  @Mutation(() => NeedType, { description: 'Archives a need that is no longer pursued (the owner\u2019s editors).' })
  archiveNeed(@Args(() => ModerationArgs) { id, version }: ModerationArgs, @Ctx() context: PracticesContext) {
    return transitionNeed(writeContext(context), id, version, 'ARCHIVED');
  }

  @Mutation(() => NeedType, { description: 'ARCHIVED \u2192 DRAFT (curators).' })
  restoreNeed(@Args(() => ModerationArgs) { id, version }: ModerationArgs, @Ctx() context: PracticesContext) {
    return transitionNeed(writeContext(context), id, version, 'RESTORED');
  }

  @Mutation(() => NeedType, {
    description: 'OPEN \u2192 MATCHED: a published practice meets the need (the owner\u2019s editors, curators).',
  })
  matchNeed(
    @Arg('id', () => UUID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('practiceId', () => UUID) practiceId: string,
    @Ctx() context: PracticesContext,
  ) {
    return setNeedState(writeContext(context), id, version, 'MATCHED', practiceId);
  }

  @Mutation(() => NeedType, { description: 'OPEN or MATCHED \u2192 CLOSED: no longer looking.' })
  closeNeed(@Args(() => ModerationArgs) { id, version }: ModerationArgs, @Ctx() context: PracticesContext) {
    return setNeedState(writeContext(context), id, version, 'CLOSED');
  }

  @Mutation(() => NeedType, { description: 'MATCHED or CLOSED \u2192 OPEN: looking again.' })
  reopenNeed(@Args(() => ModerationArgs) { id, version }: ModerationArgs, @Ctx() context: PracticesContext) {
    return setNeedState(writeContext(context), id, version, 'OPEN');
  }

  @Mutation(() => NeedType, { description: 'Deletes a need, leaving a tombstone.' })
  deleteNeed(@Args(() => ModerationArgs) { id, version }: ModerationArgs, @Ctx() context: PracticesContext) {
    return deleteNeed(writeContext(context), id, version);
  }

  @FieldResolver(() => OrganisationRef, { description: ORGANISATION_REFERENCE })
  owner(@Root() need: Need): OrganisationRef {
    return { id: need.ownerId };
  }

  @FieldResolver(() => PracticeType_, {
    nullable: true,
    description: 'The practice it was matched to; null when none, or when the caller may not see it.',
  })
  async matchedPractice(@Root() need: Need, @Ctx() { loaders, caller }: PracticesContext): Promise<Practice | null> {
    if (!need.matchedPracticeId) return null;
    const practice = await loaders.practiceById.load(need.matchedPracticeId);
    return practice && canSee(caller, practice) ? practice : null;
  }

  @FieldResolver(() => [NeedCandidate], {
    description:
      'Published practices that may meet the need, best first, with a score and the reasons: the maturity required is met (a practice below it is left out), CDHI codes (a shared group counts less), health system challenges, service types, target groups, care settings, languages, adoptions in the same region, a neighbouring one (same NUTS 1), the same country or elsewhere, and evidence.',
  })
  candidates(
    @Root() need: Need,
    @Arg('first', () => Int, FIRST) first: number,
    @Ctx() { loaders }: PracticesContext,
  ): Promise<NeedCandidate[]> {
    return loaders.candidates(candidateCount(first)).load(need);
  }

  @FieldResolver(() => [NeedEventType], {
    nullable: true,
    description:
      'Audit trail, oldest first. Curators and the owner\u2019s editors only: anyone else gets null here and a FORBIDDEN error on this field.',
  })
  async history(@Root() need: Need, @Ctx() context: PracticesContext): Promise<NeedEventType[]> {
    requireNeedInsider(context, need, 'the history of a need');
    return (await context.loaders.needHistory.load(need.id)).map((event) => ({
      at: event.at,
      action: event.action,
      actor: event.actorLabel,
      actorRole: event.actorRole,
      changes: JSON.stringify(event.changes),
      comment: event.comment ?? null,
    }));
  }

  @FieldResolver(() => [ReviewComment], {
    nullable: true,
    description: 'What curators told its editors, oldest first (curators and the owner\u2019s editors).',
  })
  async reviewComments(@Root() need: Need, @Ctx() context: PracticesContext): Promise<ReviewComment[]> {
    requireNeedInsider(context, need, 'the review comments on a need');
    return (await context.loaders.needHistory.load(need.id)).flatMap((event) =>
      event.comment
        ? [
            {
              at: event.at,
              action: event.action,
              comment: event.comment,
              author: event.actorLabel,
              authorRole: event.actorRole,
            },
          ]
        : [],
    );
  }
}

@Resolver(() => OrganisationRef)
export class OrganisationNeedsResolver {
  @FieldResolver(() => [NeedType], {
    description: 'Needs it stated, by title: published ones, and drafts for curators and its own editors.',
  })
  needs(@Root() organisation: OrganisationRef, @Ctx() { loaders }: PracticesContext): Promise<Need[]> {
    return loaders.needsOfOwner.load(organisation.id);
  }
}

@Resolver(() => PracticeType_)
export class PracticeNeedsResolver {
  @FieldResolver(() => [NeedMatch], {
    description:
      'Published, open needs this practice may meet, best first, with a score and the reasons (as Need.candidates): for owners looking for adopters. Empty for a practice that is not published.',
  })
  matchingNeeds(
    @Root() practice: Practice,
    @Arg('first', () => Int, FIRST) first: number,
    @Ctx() { loaders }: PracticesContext,
  ): Promise<NeedMatch[]> {
    return loaders.matchingNeeds(candidateCount(first)).load(practice.id);
  }
}
