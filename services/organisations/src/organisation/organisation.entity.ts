// Persistence of organisations, their external identifiers, their network memberships and proposed memberships.
import { defineEntity, p } from '@mikro-orm/core';
import { auditEventProperties, lifecycleProperties } from '@radar/common';
import { identifierSchemeCodes, organisationKindCodes } from './organisation.codes.js';

/** Case- and accent-folded name and acronym, indexed with trigrams for text search. */
export const SEARCH_TEXT_SQL = `radar_fold(name || ' ' || coalesce(acronym, ''))`;

export const OrganisationSchema = defineEntity({
  name: 'Organisation',
  tableName: 'organisation',
  properties: {
    id: p.uuid().primary(),
    name: p.string().length(300),
    acronym: p.string().length(50).nullable(),
    kind: p.enum(organisationKindCodes).index(),
    country: p.string().length(2).nullable().index(),
    nuts: p.string().length(5).nullable(),
    city: p.string().length(100).nullable(),
    website: p.string().length(2048).nullable(),
    email: p.string().length(254).nullable(),
    description: p.text().nullable(),
    ...lifecycleProperties(),
  },
  indexes: [
    { name: 'organisation_name_id_index', properties: ['name', 'id'] },
    { name: 'organisation_changes_index', properties: ['updatedAt', 'id'] },
    {
      name: 'organisation_search_trgm_index',
      expression: `create index "organisation_search_trgm_index" on "organisation" using gin (${SEARCH_TEXT_SQL} gin_trgm_ops)`,
    },
  ],
});
export class Organisation extends OrganisationSchema.class {}
OrganisationSchema.setClass(Organisation);

export const OrganisationIdentifierSchema = defineEntity({
  name: 'OrganisationIdentifier',
  tableName: 'organisation_identifier',
  properties: {
    organisation: () => p.manyToOne(Organisation).mapToPk().primary().deleteRule('cascade'),
    scheme: p.enum(identifierSchemeCodes).primary(),
    value: p.string().length(64),
  },
  uniques: [{ name: 'organisation_identifier_scheme_value_unique', properties: ['scheme', 'value'] }],
});
export class OrganisationIdentifier extends OrganisationIdentifierSchema.class {}
OrganisationIdentifierSchema.setClass(OrganisationIdentifier);

export const MembershipSchema = defineEntity({
  name: 'Membership',
  tableName: 'organisation_membership',
  properties: {
    member: () => p.manyToOne(Organisation).mapToPk().primary().deleteRule('cascade'),
    network: () => p.manyToOne(Organisation).mapToPk().primary().deleteRule('cascade').index(),
  },
});
export class Membership extends MembershipSchema.class {}
MembershipSchema.setClass(Membership);

/** A membership the member asked for, waiting for the network's consent; it becomes a Membership when accepted. */
export const MembershipProposalSchema = defineEntity({
  name: 'MembershipProposal',
  tableName: 'organisation_membership_proposal',
  properties: {
    member: () => p.manyToOne(Organisation).mapToPk().primary().deleteRule('cascade'),
    network: () => p.manyToOne(Organisation).mapToPk().primary().deleteRule('cascade').index(),
    /** The organisation whose editor proposed it; null when a curator did. */
    proposedBy: p.uuid().nullable(),
    proposedAt: p.datetime(),
  },
});
export class MembershipProposal extends MembershipProposalSchema.class {}
MembershipProposalSchema.setClass(MembershipProposal);

/** An id the organisation has in a partner registry it was imported from; unique per source. */
export const OrganisationSourceSchema = defineEntity({
  name: 'OrganisationSource',
  tableName: 'organisation_source',
  properties: {
    record: () => p.manyToOne(Organisation).mapToPk().index().deleteRule('cascade'),
    source: p.string().length(100).primary(),
    sourceId: p.string().length(200).primary(),
  },
});
export class OrganisationSource extends OrganisationSourceSchema.class {}
OrganisationSourceSchema.setClass(OrganisationSource);

/** One change in an organisation's audit trail: who, when, what changed and, for an import, which one. */
export const OrganisationEventSchema = defineEntity({
  name: 'OrganisationEvent',
  tableName: 'organisation_event',
  properties: {
    organisation: () => p.manyToOne(Organisation).mapToPk().deleteRule('cascade').index(),
    ...auditEventProperties(),
  },
});
export class OrganisationEvent extends OrganisationEventSchema.class {}
OrganisationEventSchema.setClass(OrganisationEvent);

export const organisationEntities = [
  OrganisationSchema,
  OrganisationIdentifierSchema,
  MembershipSchema,
  MembershipProposalSchema,
  OrganisationSourceSchema,
  OrganisationEventSchema,
];
