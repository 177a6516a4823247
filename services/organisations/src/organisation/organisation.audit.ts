// The audit trail of organisations: every write appends who, when and what changed, in the write's transaction.
import { auditEvent, type Changes, type EntityManager, type SignedInCaller } from '@radar/common';
import { Membership, type Organisation, OrganisationEvent, OrganisationIdentifier } from './organisation.entity.js';

/** The fields an organisation's own row holds, as a write changes and its history shows them. */
export const ORGANISATION_FIELDS = [
  'name',
  'acronym',
  'kind',
  'country',
  'nuts',
  'city',
  'website',
  'email',
  'description',
] as const;

export function recordOrganisationEvent(
  em: EntityManager,
  organisation: string,
  actor: SignedInCaller,
  action: string,
  changes: Changes = {},
  comment: string | null = null,
) {
  em.create(OrganisationEvent, { organisation, ...auditEvent(actor, action, changes, comment) });
}

/** The fields of an organisation's row, for a diff. */
export function fieldsOf(organisation: Organisation): Record<string, unknown> {
  return Object.fromEntries(ORGANISATION_FIELDS.map((field) => [field, organisation[field] ?? null]));
}

/**
 * An organisation's identifiers ("SCHEME value", sorted) and the networks it belongs to (ids, sorted), read past the
 * identity map: an update deletes and writes these rows again, and rows it had loaded would stand in the way.
 */
export async function childrenOf(em: EntityManager, organisation: string) {
  const [identifiers, memberships] = await Promise.all([
    em.find(OrganisationIdentifier, { organisation }, { disableIdentityMap: true }),
    em.find(Membership, { member: organisation }, { disableIdentityMap: true }),
  ]);
  return {
    identifiers: identifiers.map(({ scheme, value }) => `${scheme} ${value}`).sort(),
    memberships: memberships.map(({ network }) => network).sort(),
  };
}
