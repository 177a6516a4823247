// Persistence of practices, their contributors, evidence links and audit trail.
import { defineEntity, p } from '@mikro-orm/core';
import { lifecycleProperties } from '@radar/common';
import {
  codesOf,
  contributorRoles,
  evidenceKinds,
  maturityStages,
  practiceStatuses,
  practiceTypes,
} from './practice.codes.js';

/**
 * Folded (lower-case, unaccented) words of title, summary and description in every language they are given in,
 * weighted A, B, C for ranking.
 */
export const SEARCH_VECTOR_SQL =
  "setweight(to_tsvector('simple'::regconfig, radar_fold(title || ' ' || radar_translations(translations, 'title'))), 'A') || " +
  "setweight(to_tsvector('simple'::regconfig, radar_fold(summary || ' ' || radar_translations(translations, 'summary'))), 'B') || " +
  "setweight(to_tsvector('simple'::regconfig, radar_fold(coalesce(description, '') || ' ' || radar_translations(translations, 'description'))), 'C')";

/** The folded title and the titles of every translation, joined: what similar practices compare titles on first. */
export const TITLES_FOLDED_SQL = "radar_fold(title || ' ' || radar_translations(translations, 'title'))";

/** Title, summary and description in a language other than the practice's own. */
export interface PracticeTranslation {
  language: string;
  title: string;
  summary: string;
  description: string | null;
}

export const PracticeSchema = defineEntity({
  name: 'Practice',
  tableName: 'practice',
  properties: {
    id: p.uuid().primary(),
    title: p.string().length(300),
    summary: p.string().length(1000),
    description: p.text().nullable(),
    /** The ISO 639-1 code of the language title, summary and description are written in. */
    language: p.string().length(2).default('en'),
    /** The same texts in other languages, one entry a language, ordered by language. */
    translations: p
      .json<PracticeTranslation[]>()
      .defaultRaw("'[]'")
      .onCreate(() => []),
    type: p.enum(codesOf(practiceTypes)),
    maturity: p.enum(codesOf(maturityStages)),
    trl: p.smallint().nullable(),
    cdhiCodes: p.array(),
    /** The CDHI codes and all their ancestors, so a parent code finds its children through one GIN index. */
    cdhiCodesExpanded: p.array(),
    /** WHO CDISAH health system challenges the practice addresses, e.g. 3.5. */
    healthSystemChallenges: p.array().defaultRaw("'{}'"),
    /** WHO CDISAH service and application types the practice is, e.g. A9. */
    serviceTypes: p.array().defaultRaw("'{}'"),
    topics: p.array(),
    targetGroups: p.array(),
    careSettings: p.array(),
    languages: p.array(),
    countries: p.array(),
    nuts: p.array(),
    standards: p.array(),
    landingPage: p.string().length(2048).nullable(),
    contactEmail: p.string().length(254).nullable(),
    licence: p.string().length(100).nullable(),
    certification: p.string().length(200).nullable(),
    ownerId: p.uuid().index(),
    status: p.enum(codesOf(practiceStatuses)),
    ...lifecycleProperties(),
    publishedAt: p.datetime().nullable(),
    /** Set when a curator merged this practice into another: the practice that replaces it (it is then deleted). */
    replacedBy: p.uuid().nullable(),
    /** Stored, so ranking reads it instead of re-folding every matching row's text. */
    searchVector: p
      .string()
      .columnType('tsvector')
      .generated(`(${SEARCH_VECTOR_SQL}) stored`)
      .nullable()
      .lazy()
      .hidden(),
    /** Stored, so ranking candidates for similar practices reads it instead of folding every title again. */
    titlesFolded: p.text().generated(`(${TITLES_FOLDED_SQL}) stored`).nullable().lazy().hidden(),
  },
  indexes: [
    { name: 'practice_status_title_index', properties: ['status', 'title', 'id'] },
    { name: 'practice_status_updated_index', properties: ['status', 'updatedAt', 'id'] },
    { name: 'practice_changes_index', properties: ['updatedAt', 'id'] },
    {
      name: 'practice_search_index',
      expression: 'create index "practice_search_index" on "practice" using gin ("search_vector")',
    },
    {
      name: 'practice_arrays_index',
      expression:
        'create index "practice_arrays_index" on "practice" using gin ("cdhi_codes_expanded", "topics", "target_groups", "care_settings", "languages", "countries", "nuts")',
    },
    {
      // What a need's shortlist is found by (need.match.ts), in one index, so each of its conjunctions is one scan.
      name: 'practice_match_index',
      expression:
        'create index "practice_match_index" on "practice" using gin ((array["maturity"]), "cdhi_codes_expanded", "health_system_challenges", "service_types", "target_groups", "care_settings", "languages")',
    },
  ],
});
export class Practice extends PracticeSchema.class {}
PracticeSchema.setClass(Practice);

export const ContributorSchema = defineEntity({
  name: 'Contributor',
  tableName: 'practice_contributor',
  properties: {
    practice: () => p.manyToOne(Practice).mapToPk().primary().deleteRule('cascade'),
    organisationId: p.uuid().primary().index(),
    role: p.enum(codesOf(contributorRoles)),
  },
});
export class Contributor extends ContributorSchema.class {}
ContributorSchema.setClass(Contributor);

/**
 * A contribution the owner's editors proposed, waiting for the named organisation's consent; only when it accepts
 * does it become a Contributor, and only contributors count anywhere.
 */
export const ContributionProposalSchema = defineEntity({
  name: 'ContributionProposal',
  tableName: 'practice_contribution_proposal',
  properties: {
    practice: () => p.manyToOne(Practice).mapToPk().primary().deleteRule('cascade'),
    organisationId: p.uuid().primary().index(),
    role: p.enum(codesOf(contributorRoles)),
    /** The organisation whose editor proposed it; null when a curator did. */
    proposedBy: p.uuid().nullable(),
    proposedAt: p.datetime(),
  },
});
export class ContributionProposal extends ContributionProposalSchema.class {}
ContributionProposalSchema.setClass(ContributionProposal);

export const EvidenceSchema = defineEntity({
  name: 'Evidence',
  tableName: 'practice_evidence',
  properties: {
    practice: () => p.manyToOne(Practice).mapToPk().primary().deleteRule('cascade'),
    position: p.smallint().primary(),
    kind: p.enum(codesOf(evidenceKinds)),
    url: p.string().length(2048),
    title: p.string().length(300).nullable(),
  },
});
export class Evidence extends EvidenceSchema.class {}
EvidenceSchema.setClass(Evidence);

export const PracticeEventSchema = defineEntity({
  name: 'PracticeEvent',
  tableName: 'practice_event',
  properties: {
    id: p.uuid().primary(),
    practice: () => p.manyToOne(Practice).mapToPk().deleteRule('cascade').index(),
    at: p.datetime(),
    action: p.string().length(40),
    actorKeyId: p.string().length(64),
    actorLabel: p.string().length(200),
    actorRole: p.string().length(20),
    changes: p.json<Record<string, { from: unknown; to: unknown }>>(),
    /** A curator's reason, on returns and accepted revisions; shown to the owner's editors. */
    comment: p.text().nullable(),
  },
});
export class PracticeEvent extends PracticeEventSchema.class {}
PracticeEventSchema.setClass(PracticeEvent);

/**
 * The change its editors propose to a published practice, waiting for a curator. One row per practice, kept once
 * accepted or returned (with nothing proposed) so its version only ever grows.
 */
export const PracticeRevisionSchema = defineEntity({
  name: 'PracticeRevision',
  tableName: 'practice_revision',
  properties: {
    practice: () => p.manyToOne(Practice).mapToPk().primary().deleteRule('cascade'),
    /** Always above the practice's own version while a revision is pending, so the two are never mistaken. */
    revision: p.integer(),
    /** Field → proposed value, as an update input names them; null when nothing is pending. */
    proposed: p.json<Record<string, unknown>>().nullable(),
    openedAt: p.datetime().nullable(),
    changedAt: p.datetime().nullable(),
    authorLabel: p.string().length(200).nullable(),
    authorRole: p.string().length(20).nullable(),
  },
});
export class PracticeRevision extends PracticeRevisionSchema.class {}
PracticeRevisionSchema.setClass(PracticeRevision);

/**
 * A pair of practices a curator found not to be duplicates, stored once with the smaller id first: it is no longer
 * listed by possibleDuplicates either way (similar still ranks it).
 */
export const NotDuplicateSchema = defineEntity({
  name: 'NotDuplicate',
  tableName: 'practice_not_duplicate',
  properties: {
    practiceA: () => p.manyToOne(Practice).mapToPk().primary().deleteRule('cascade'),
    practiceB: () => p.manyToOne(Practice).mapToPk().primary().deleteRule('cascade').index(),
    reason: p.text().nullable(),
    markedAt: p.datetime(),
    markedByKeyId: p.string().length(64),
    markedByLabel: p.string().length(200),
  },
  checks: [{ name: 'practice_not_duplicate_order_check', expression: '"practice_a_id" < "practice_b_id"' }],
});
export class NotDuplicate extends NotDuplicateSchema.class {}
NotDuplicateSchema.setClass(NotDuplicate);

/**
 * That the practices most like a practice were ranked over every live practice, and for which of its contents: its
 * list is fresh while `probeKey` is the key of what it is now (see practice.neighbours.ts).
 */
export const SimilarListSchema = defineEntity({
  name: 'SimilarList',
  tableName: 'practice_similar_list',
  properties: {
    practice: () => p.manyToOne(Practice).mapToPk().primary().deleteRule('cascade'),
    probeKey: p.string().length(32),
    computedAt: p.datetime(),
  },
});
export class SimilarList extends SimilarListSchema.class {}
SimilarListSchema.setClass(SimilarList);

/** One practice of a stored list, with how alike the two are; `neighbourKey` is the key of its contents then. */
export const NeighbourSchema = defineEntity({
  name: 'Neighbour',
  tableName: 'practice_neighbour',
  properties: {
    practice: () => p.manyToOne(Practice).mapToPk().primary().deleteRule('cascade'),
    neighbour: () => p.manyToOne(Practice).mapToPk().primary().deleteRule('cascade').index(),
    score: p.double(),
    titleSim: p.double(),
    textSim: p.double(),
    neighbourKey: p.string().length(32),
  },
});
export class Neighbour extends NeighbourSchema.class {}
NeighbourSchema.setClass(Neighbour);

/** A practice written since its list was ranked: the queue the subgraph drains (see practice.neighbours.ts). */
export const SimilarQueueSchema = defineEntity({
  name: 'SimilarQueue',
  tableName: 'practice_similar_queue',
  properties: {
    practice: () => p.manyToOne(Practice).mapToPk().primary().deleteRule('cascade'),
    queuedAt: p.datetime().defaultRaw('now()'),
    /** While a subgraph ranks it: others leave it until then. */
    takenUntil: p.datetime().nullable(),
  },
});
export class SimilarQueue extends SimilarQueueSchema.class {}
SimilarQueueSchema.setClass(SimilarQueue);
