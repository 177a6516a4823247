// GraphQL queries, mutations and fields of Practice; every list field goes through a loader.
import {
  ChangesInput,
  ChangeTypes,
  changesPage,
  LANGUAGE_ARGUMENT,
  MAX_BULK_RECORDS,
  SOURCE_ARGUMENT,
  SourceKeyInput,
  STATE_ARGUMENT,
  Tombstone,
  textIn,
  UUID,
  withRecords,
} from '@radar/common';
import { Arg, Args, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root, registerEnumType } from 'type-graphql';
import type { PracticesContext } from '../context.js';
import { codeListRights, practiceCodeLists } from './practice.codes.js';
import { markNotDuplicate, mergePractice } from './practice.duplicates.js';
import type { Practice } from './practice.entity.js';
import { snapshot } from './practice.fields.js';
import {
  PracticeFilter,
  PracticeOrder,
  PracticeStateInput,
  RegisterPracticeInput,
  UpdatePracticeInput,
} from './practice.inputs.js';
import { PracticeRegistrationInput } from './practice.registration.inputs.js';
import { AcceptArgs, MergeArgs, ModerationArgs, NotDuplicateArgs, ReturnArgs } from './practice.review.inputs.js';
import { acceptRevision, restorePractice, returnPractice, returnRevision } from './practice.review.js';
import { PracticeRevisionType, ReviewComment } from './practice.review.types.js';
import { isPending, revisionChanges } from './practice.revision.js';
import { searchPractices } from './practice.search.js';
import {
  deletePractice,
  registerPractice,
  registerPractices,
  transitionPractice,
  updatePractice,
  type WriteContext,
} from './practice.service.js';
import { DEFAULT_SIMILAR, DUPLICATE_SCORE, MAX_SIMILAR, rankSimilar, similarCount } from './practice.similar.js';
import { SimilarPracticesInput, SimilarPracticeType } from './practice.similar.types.js';
import {
  AdoptionType,
  CodeListEntryType,
  CodeListRightsType,
  Contribution,
  EvidenceLink,
  ORGANISATION_REFERENCE,
  OrganisationRef,
  PracticeEventType,
  PracticeSearchConnection,
  PracticeType_,
} from './practice.types.js';
import { canSee, isInsider, requireInsider } from './practice.visibility.js';

export enum CodeListName {
  PRACTICE_TYPES = 'practiceTypes',
  MATURITY_STAGES = 'maturityStages',
  CDHI_CODES = 'cdhiCodes',
  HEALTH_SYSTEM_CHALLENGES = 'healthSystemChallenges',
  SERVICE_TYPES = 'serviceTypes',
  TOPICS = 'topics',
  TARGET_GROUPS = 'targetGroups',
  CARE_SETTINGS = 'careSettings',
  INTEROPERABILITY_STANDARDS = 'interoperabilityStandards',
  EVIDENCE_KINDS = 'evidenceKinds',
  CONTRIBUTOR_ROLES = 'contributorRoles',
  PRACTICE_STATUSES = 'practiceStatuses',
  ADOPTION_SCALES = 'adoptionScales',
  ADOPTION_STATUSES = 'adoptionStatuses',
  ASSESSMENT_CRITERIA = 'assessmentCriteria',
  ASSESSMENT_LABELS = 'assessmentLabels',
  NEED_STATES = 'needStates',
}
registerEnumType(CodeListName, { name: 'CodeListName', description: 'A controlled list of the practices registry.' });

export function writeContext(context: PracticesContext): WriteContext {
  return {
    em: context.em,
    caller: context.caller,
    requestId: context.requestId,
    organisations: context.organisations,
    projects: context.projects,
  };
}

const { Changes: PracticeChanges } = ChangeTypes('Practice', 'practice', PracticeType_);

async function historyOf(loaders: PracticesContext['loaders'], id: string): Promise<PracticeEventType[]> {
  return (await loaders.history.load(id)).map((event) => ({
    at: event.at,
    action: event.action,
    actor: event.actorLabel,
    actorRole: event.actorRole,
    changes: JSON.stringify(event.changes),
    comment: event.comment ?? null,
  }));
}

@Resolver(() => PracticeType_)
export class PracticeResolver {
  @Query(() => [PracticeEventType], {
    nullable: true,
    description:
      'The audit trail of a practice, oldest first, also once it was deleted or merged into another (when practice(id) is null): for curators and the owner\u2019s editors; null for anyone else and for an unknown id.',
  })
  async practiceHistory(
    @Arg('id', () => UUID) id: string,
    @Ctx() { loaders, caller }: PracticesContext,
  ): Promise<PracticeEventType[] | null> {
    const practice = await loaders.practiceById.load(id);
    return practice && isInsider(caller, practice) ? historyOf(loaders, practice.id) : null;
  }

  @Query(() => PracticeChanges, {
    description:
      'The change feed harvesters walk: published practices and tombstones of once-published ones, oldest change first.',
  })
  async practiceChanges(
    @Arg('input', () => ChangesInput, { nullable: true }) input: ChangesInput | undefined,
    @Ctx() { em, loaders }: PracticesContext,
  ) {
    const page = await changesPage(
      em,
      {
        table: 'practice',
        publicSql: "p.deleted_at is null and p.status = 'PUBLISHED'",
        tombstoneSql: 'p.published_at is not null',
        deletedAtSql: 'coalesce(p.deleted_at, p.updated_at)',
        reasonSql:
          "case when p.replaced_by is not null then 'MERGED' when p.deleted_at is not null then 'DELETED' when p.status = 'ARCHIVED' then 'ARCHIVED' else 'UNPUBLISHED' end",
        replacedBySql: 'p.replaced_by',
      },
      input,
    );
    return withRecords(page, (ids) => loaders.practiceById.loadMany(ids));
  }

  @Query(() => PracticeType_, {
    nullable: true,
    description: 'One practice; drafts only for curators and the owner\u2019s editors.',
  })
  async practice(
    @Arg('id', () => UUID) id: string,
    @Ctx() { loaders, caller }: PracticesContext,
  ): Promise<Practice | null> {
    const practice = await loaders.practiceById.load(id);
    return practice && canSee(caller, practice) ? practice : null;
  }

  @Query(() => Tombstone, {
    nullable: true,
    description:
      'The tombstone of a practice that was published and is not any more (deleted, merged into another, archived or unpublished); null otherwise. A practice merged into another before it was ever published has one too, for curators and the owner\u2019s editors only: it was never public.',
  })
  async practiceTombstone(
    @Arg('id', () => UUID) id: string,
    @Ctx() { loaders, caller }: PracticesContext,
  ): Promise<Tombstone | null> {
    const practice = await loaders.practiceById.load(id);
    if (!practice || (!practice.deletedAt && practice.status === 'PUBLISHED')) return null;
    if (!practice.publishedAt && !(practice.replacedBy && isInsider(caller, practice))) return null;
    const reason = practice.replacedBy
      ? 'MERGED'
      : practice.deletedAt
        ? 'DELETED'
        : practice.status === 'ARCHIVED'
          ? 'ARCHIVED'
          : 'UNPUBLISHED';
    return {
      id: practice.id,
      deletedAt: practice.deletedAt ?? practice.updatedAt,
      reason,
      replacedBy: practice.replacedBy ?? null,
    };
  }

  @Query(() => PracticeSearchConnection, { description: 'Search: a page of practices, totalCount and facets.' })
  practices(
    @Arg('filter', () => PracticeFilter, { nullable: true }) filter: PracticeFilter | undefined,
    @Arg('orderBy', () => PracticeOrder, { nullable: true, description: 'RELEVANCE with text, else TITLE.' })
    orderBy: PracticeOrder | undefined,
    @Arg('first', () => Int, { nullable: true, description: '1 to 100; 20 when omitted.' }) first: number | undefined,
    @Arg('after', () => String, { nullable: true }) after: string | undefined,
    @Ctx() { em, caller }: PracticesContext,
  ) {
    return searchPractices(em, caller, filter, orderBy, first, after);
  }

  @Query(() => [SimilarPracticeType], {
    description:
      'Practices like a draft being written, best first, with a score and the reasons: what to look at before registering it again. Only practices the caller may see.',
  })
  async similarPractices(
    @Arg('input', () => SimilarPracticesInput) input: SimilarPracticesInput,
    @Ctx() context: PracticesContext,
  ): Promise<SimilarPracticeType[]> {
    const [matches] = await rankSimilar(context.em, context.caller, [input.probe()], input.first);
    return matches ?? [];
  }

  @Query(() => [CodeListEntryType], { description: 'The values of a controlled list, with labels and definitions.' })
  codeList(@Arg('name', () => CodeListName) name: CodeListName) {
    return practiceCodeLists[name];
  }

  @Query(() => CodeListRightsType, {
    description:
      'Whose a controlled list is, its licence and the line that credits it: WHO\u2019s for its classification\u2019s lists.',
  })
  codeListRights(@Arg('name', () => CodeListName) name: CodeListName): CodeListRightsType {
    const rights = codeListRights(name);
    return {
      source: rights.source ?? null,
      rightsHolder: rights.rightsHolderName ?? null,
      license: rights.license,
      attribution: rights.attribution,
    };
  }

  @Mutation(() => PracticeType_, {
    description: 'Registers a practice as a draft (curators, or editors of the owner).',
  })
  registerPractice(
    @Arg('input', () => RegisterPracticeInput) input: RegisterPracticeInput,
    @Arg('source', () => SourceKeyInput, SOURCE_ARGUMENT) source: SourceKeyInput | undefined,
    @Arg('state', () => PracticeStateInput, STATE_ARGUMENT) state: PracticeStateInput | undefined,
    @Ctx() context: PracticesContext,
  ) {
    return registerPractice(writeContext(context), input, source, state);
  }

  @Mutation(() => [PracticeType_], {
    nullable: 'items',
    description: `Registers up to ${MAX_BULK_RECORDS} practices at once, each as registerPractice would (with its state: status and times) and all-or-nothing on its own, in one transaction: answers each practice in the records' order, or null where the record was refused, with that record's error (its path ends in the record's index).`,
  })
  registerPractices(
    @Arg('records', () => [PracticeRegistrationInput]) records: PracticeRegistrationInput[],
    @Ctx() context: PracticesContext,
  ) {
    return registerPractices(writeContext(context), records);
  }

  @Mutation(() => PracticeType_, {
    description:
      'Changes a practice; `version` is the one you read. An editor\u2019s change to a published practice waits as its `pendingRevision` (send that revision\u2019s version while one is pending) until a curator accepts it; the published practice is returned unchanged.',
  })
  updatePractice(
    @Arg('id', () => UUID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input', () => UpdatePracticeInput) input: UpdatePracticeInput,
    @Arg('source', () => SourceKeyInput, SOURCE_ARGUMENT) source: SourceKeyInput | undefined,
    @Arg('state', () => PracticeStateInput, STATE_ARGUMENT) state: PracticeStateInput | undefined,
    @Ctx() context: PracticesContext,
  ) {
    return updatePractice(writeContext(context), id, version, input, source, state);
  }

  @Mutation(() => PracticeType_, { description: 'DRAFT → SUBMITTED, for review.' })
  submitPractice(
    @Arg('id', () => UUID) id: string,
    @Arg('version', () => Int) version: number,
    @Ctx() context: PracticesContext,
  ) {
    return transitionPractice(writeContext(context), id, version, 'SUBMITTED');
  }

  @Mutation(() => PracticeType_, { description: 'SUBMITTED → PUBLISHED (curators).' })
  publishPractice(
    @Arg('id', () => UUID) id: string,
    @Arg('version', () => Int) version: number,
    @Ctx() context: PracticesContext,
  ) {
    return transitionPractice(writeContext(context), id, version, 'PUBLISHED');
  }

  @Mutation(() => PracticeType_, { description: 'PUBLISHED → DRAFT (curators).' })
  unpublishPractice(
    @Arg('id', () => UUID) id: string,
    @Arg('version', () => Int) version: number,
    @Ctx() context: PracticesContext,
  ) {
    return transitionPractice(writeContext(context), id, version, 'UNPUBLISHED');
  }

  @Mutation(() => PracticeType_, {
    description: 'SUBMITTED → DRAFT with a comment for the owner\u2019s editors (curators).',
  })
  returnPractice(@Args(() => ReturnArgs) { id, version, comment }: ReturnArgs, @Ctx() context: PracticesContext) {
    return returnPractice(writeContext(context), id, version, comment);
  }

  @Mutation(() => PracticeType_, {
    description: 'Applies the pending revision to the published practice (curators); `version` is the revision\u2019s.',
  })
  acceptPracticeRevision(
    @Args(() => AcceptArgs) { id, version, comment }: AcceptArgs,
    @Ctx() context: PracticesContext,
  ) {
    return acceptRevision(writeContext(context), id, version, comment);
  }

  @Mutation(() => PracticeType_, {
    description:
      'Drops the pending revision with a comment for the owner\u2019s editors; the published practice stays as it is (curators). `version` is the revision\u2019s.',
  })
  returnPracticeRevision(
    @Args(() => ReturnArgs) { id, version, comment }: ReturnArgs,
    @Ctx() context: PracticesContext,
  ) {
    return returnRevision(writeContext(context), id, version, comment);
  }

  @Mutation(() => PracticeType_, {
    description:
      'Marks two practices as not duplicates of each other (curators): possibleDuplicates no longer lists the pair, either way; similar still does. Answers the first practice.',
  })
  markNotDuplicate(
    @Args(() => NotDuplicateArgs) { practiceId, otherId, reason }: NotDuplicateArgs,
    @Ctx() context: PracticesContext,
  ) {
    return markNotDuplicate(writeContext(context), practiceId, otherId, reason);
  }

  @Mutation(() => PracticeType_, {
    description:
      'Merges a duplicate (`id`, at `version`) into `survivorId` (curators): the duplicate is deleted and its tombstone, in GraphQL and the linked data, points to the survivor (reason MERGED). Its adoptions move to the survivor unless one overlaps an adoption the survivor has (same adopter, place and period), which stays with the tombstone; its contributions stay with the tombstone. Answers the survivor.',
  })
  mergePractice(
    @Args(() => MergeArgs) { id, version, survivorId, comment }: MergeArgs,
    @Ctx() context: PracticesContext,
  ) {
    return mergePractice(writeContext(context), id, version, survivorId, comment);
  }

  @Mutation(() => PracticeType_, {
    description: 'ARCHIVED → the status it was archived from: PUBLISHED, SUBMITTED or DRAFT (curators).',
  })
  restorePractice(@Args(() => ModerationArgs) { id, version }: ModerationArgs, @Ctx() context: PracticesContext) {
    return restorePractice(writeContext(context), id, version);
  }

  @Mutation(() => PracticeType_, { description: 'Archives a practice that is no longer maintained.' })
  archivePractice(
    @Arg('id', () => UUID) id: string,
    @Arg('version', () => Int) version: number,
    @Ctx() context: PracticesContext,
  ) {
    return transitionPractice(writeContext(context), id, version, 'ARCHIVED');
  }

  @Mutation(() => PracticeType_, { description: 'Deletes a practice, leaving a tombstone.' })
  deletePractice(
    @Arg('id', () => UUID) id: string,
    @Arg('version', () => Int) version: number,
    @Ctx() context: PracticesContext,
  ) {
    return deletePractice(writeContext(context), id, version);
  }

  @FieldResolver(() => String, { description: 'Up to 300 characters.' })
  title(@Root() practice: Practice, @Arg('language', () => String, LANGUAGE_ARGUMENT) language: string | undefined) {
    return textIn(practice, 'title', language);
  }

  @FieldResolver(() => String, { description: 'A short summary, up to 1,000 characters.' })
  summary(@Root() practice: Practice, @Arg('language', () => String, LANGUAGE_ARGUMENT) language: string | undefined) {
    return textIn(practice, 'summary', language);
  }

  @FieldResolver(() => String, { nullable: true, description: 'Markdown.' })
  description(
    @Root() practice: Practice,
    @Arg('language', () => String, LANGUAGE_ARGUMENT) language: string | undefined,
  ): string | null {
    return textIn(practice, 'description', language) ?? null;
  }

  @FieldResolver(() => [SimilarPracticeType], {
    description:
      'Practices like this one that the caller may see, best first: by their texts in every language, shared CDHI codes (a shared group counts less), topics, target groups, care settings, type and maturity.',
  })
  async similar(
    @Root() practice: Practice,
    @Arg('first', () => Int, { defaultValue: DEFAULT_SIMILAR, description: `1 to ${MAX_SIMILAR}.` }) first: number,
    @Ctx() context: PracticesContext,
  ): Promise<SimilarPracticeType[]> {
    return context.loaders.similar(similarCount(first)).load(practice);
  }

  @FieldResolver(() => [SimilarPracticeType], {
    description: `Practices the caller may see that are likely this one registered again (same owner and a near-identical title, or a score of ${DUPLICATE_SCORE} or more); registerPractice and updatePractice return them as a warning and still save. A pair a curator marked with markNotDuplicate is left out. Curators see them in the review queue: practices(filter: { statuses: [SUBMITTED] }).`,
  })
  async possibleDuplicates(
    @Root() practice: Practice,
    @Ctx() context: PracticesContext,
  ): Promise<SimilarPracticeType[]> {
    return context.loaders.similar('duplicates').load(practice);
  }

  @FieldResolver(() => OrganisationRef, { description: ORGANISATION_REFERENCE })
  owner(@Root() practice: Practice): OrganisationRef {
    return { id: practice.ownerId };
  }

  @FieldResolver(() => [Contribution])
  async contributors(@Root() practice: Practice, @Ctx() { loaders }: PracticesContext): Promise<Contribution[]> {
    return (await loaders.contributors.load(practice.id)).map((row) => ({
      organisation: { id: row.organisationId },
      role: row.role,
    }));
  }

  @FieldResolver(() => [EvidenceLink])
  async evidence(@Root() practice: Practice, @Ctx() { loaders }: PracticesContext): Promise<EvidenceLink[]> {
    return (await loaders.evidence.load(practice.id)).map(({ kind, url, title }) => ({
      kind,
      url,
      title: title ?? null,
    }));
  }

  @FieldResolver(() => [AdoptionType], { description: 'Where it is adopted (removed adoptions are left out).' })
  adoptions(@Root() practice: Practice, @Ctx() { loaders }: PracticesContext) {
    return loaders.adoptionsOfPractice.load(practice.id);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'Curators and the owner\u2019s editors only: anyone else gets null here and a FORBIDDEN error on this field, with the rest of the practice. Null also when none was given.',
  })
  contactEmail(@Root() practice: Practice, @Ctx() { caller }: PracticesContext): string | null {
    requireInsider(caller, practice, 'the contact address of a practice');
    return practice.contactEmail ?? null;
  }

  @FieldResolver(() => [PracticeEventType], {
    nullable: true,
    description:
      'Audit trail, oldest first. Curators and the owner\u2019s editors only: anyone else gets null here and a FORBIDDEN error on this field, with the rest of the practice.',
  })
  async history(
    @Root() practice: Practice,
    @Ctx() { loaders, caller }: PracticesContext,
  ): Promise<PracticeEventType[]> {
    requireInsider(caller, practice, 'the history of a practice');
    return historyOf(loaders, practice.id);
  }

  @FieldResolver(() => PracticeRevisionType, {
    nullable: true,
    description:
      'Changes the owner\u2019s editors made since it was published, waiting for a curator; null when none is pending (curators and the owner\u2019s editors).',
  })
  async pendingRevision(
    @Root() practice: Practice,
    @Ctx() { loaders, caller }: PracticesContext,
  ): Promise<PracticeRevisionType | null> {
    requireInsider(caller, practice, 'the pending revision of a practice');
    const revision = await loaders.revisions.load(practice.id);
    if (!isPending(revision)) return null;
    const [contributors, evidence] = await Promise.all([
      loaders.contributors.load(practice.id),
      loaders.evidence.load(practice.id),
    ]);
    return {
      version: revision.revision,
      openedAt: revision.openedAt ?? revision.changedAt ?? practice.updatedAt,
      changedAt: revision.changedAt ?? practice.updatedAt,
      author: revision.authorLabel ?? '',
      authorRole: revision.authorRole ?? '',
      changes: JSON.stringify(revisionChanges(snapshot(practice, { contributors, evidence }), revision)),
    };
  }

  @FieldResolver(() => [ReviewComment], {
    nullable: true,
    description: 'What curators told its editors, oldest first (curators and the owner\u2019s editors).',
  })
  async reviewComments(
    @Root() practice: Practice,
    @Ctx() { loaders, caller }: PracticesContext,
  ): Promise<ReviewComment[]> {
    requireInsider(caller, practice, 'the review comments on a practice');
    return (await loaders.history.load(practice.id)).flatMap((event) =>
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
