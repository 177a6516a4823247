// GraphQL queries, mutations and fields of Practice; every list field goes through a loader.
import { ChangesInput, ChangeTypes, changesPage, Tombstone, UUID, withRecords } from '@radar/common';
import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root, registerEnumType } from 'type-graphql';
import type { PracticesContext } from '../context.js';
import { practiceCodeLists } from './practice.codes.js';
import type { Practice } from './practice.entity.js';
import { PracticeFilter, PracticeOrder, RegisterPracticeInput, UpdatePracticeInput } from './practice.inputs.js';
import { searchPractices } from './practice.search.js';
import {
  deletePractice,
  registerPractice,
  transitionPractice,
  updatePractice,
  type WriteContext,
} from './practice.service.js';
import {
  AdoptionType,
  CodeListEntryType,
  Contribution,
  EvidenceLink,
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
  TOPICS = 'topics',
  TARGET_GROUPS = 'targetGroups',
  CARE_SETTINGS = 'careSettings',
  INTEROPERABILITY_STANDARDS = 'interoperabilityStandards',
  EVIDENCE_KINDS = 'evidenceKinds',
  CONTRIBUTOR_ROLES = 'contributorRoles',
  PRACTICE_STATUSES = 'practiceStatuses',
  ADOPTION_SCALES = 'adoptionScales',
  ADOPTION_STATUSES = 'adoptionStatuses',
}
registerEnumType(CodeListName, { name: 'CodeListName', description: 'A controlled list of the practices registry.' });

export function writeContext(context: PracticesContext): WriteContext {
  return { em: context.em, caller: context.caller, requestId: context.requestId, organisations: context.organisations };
}

const { Changes: PracticeChanges } = ChangeTypes('Practice', 'practice', PracticeType_);

@Resolver(() => PracticeType_)
export class PracticeResolver {
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
          "case when p.deleted_at is not null then 'DELETED' when p.status = 'ARCHIVED' then 'ARCHIVED' else 'UNPUBLISHED' end",
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
      'The tombstone of a practice that was published and is not any more (deleted, archived or unpublished); null otherwise.',
  })
  async practiceTombstone(
    @Arg('id', () => UUID) id: string,
    @Ctx() { loaders }: PracticesContext,
  ): Promise<Tombstone | null> {
    const practice = await loaders.practiceById.load(id);
    if (!practice?.publishedAt || (!practice.deletedAt && practice.status === 'PUBLISHED')) return null;
    const reason = practice.deletedAt ? 'DELETED' : practice.status === 'ARCHIVED' ? 'ARCHIVED' : 'UNPUBLISHED';
    return { id: practice.id, deletedAt: practice.deletedAt ?? practice.updatedAt, reason };
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

  @Query(() => [CodeListEntryType], { description: 'The values of a controlled list, with labels and definitions.' })
  codeList(@Arg('name', () => CodeListName) name: CodeListName) {
    return practiceCodeLists[name];
  }

  @Mutation(() => PracticeType_, {
    description: 'Registers a practice as a draft (curators, or editors of the owner).',
  })
  registerPractice(
    @Arg('input', () => RegisterPracticeInput) input: RegisterPracticeInput,
    @Ctx() context: PracticesContext,
  ) {
    return registerPractice(writeContext(context), input);
  }

  @Mutation(() => PracticeType_, { description: 'Changes a practice; `version` is the one you read.' })
  updatePractice(
    @Arg('id', () => UUID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input', () => UpdatePracticeInput) input: UpdatePracticeInput,
    @Ctx() context: PracticesContext,
  ) {
    return updatePractice(writeContext(context), id, version, input);
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

  @FieldResolver(() => OrganisationRef)
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
    description: 'Visible to curators and the owner\u2019s editors only.',
  })
  contactEmail(@Root() practice: Practice, @Ctx() { caller }: PracticesContext): string | null {
    return isInsider(caller, practice) ? (practice.contactEmail ?? null) : null;
  }

  @FieldResolver(() => [PracticeEventType], {
    description: 'Audit trail, oldest first (curators and the owner\u2019s editors).',
  })
  async history(
    @Root() practice: Practice,
    @Ctx() { loaders, caller }: PracticesContext,
  ): Promise<PracticeEventType[]> {
    requireInsider(caller, practice, 'the history of a practice');
    return (await loaders.history.load(practice.id)).map((event) => ({
      at: event.at,
      action: event.action,
      actor: event.actorLabel,
      actorRole: event.actorRole,
      changes: JSON.stringify(event.changes),
    }));
  }
}
