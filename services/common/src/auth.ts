// Access rules shared by subgraphs: reads are public, writes need a signed-in caller (an API key or a person), editors
// act for the organisations they were granted, curators for every one.
import { forbidden, unauthenticated } from './errors.js';
import { type Caller, Role } from './identity.js';

/** A caller who presented a credential: a machine client's API key or a signed-in person. */
export type SignedInCaller = Extract<Caller, { kind: 'key' | 'person' }>;

export function requireSignedIn(caller: Caller): SignedInCaller {
  if (caller.kind === 'anonymous') throw unauthenticated();
  return caller;
}

export function requireCurator(caller: Caller): SignedInCaller {
  const actor = requireSignedIn(caller);
  if (!actor.curator) throw forbidden('Only a curator may do this.');
  return actor;
}

function whoseRights(caller: SignedInCaller) {
  return caller.kind === 'key' ? 'This key' : 'You';
}

/** Curators may act for any organisation; editors only for the ones they were granted. */
export function requireActingFor(caller: Caller, organisationId: string): SignedInCaller {
  const actor = requireSignedIn(caller);
  if (actor.curator || actor.organisations.includes(organisationId)) return actor;
  throw forbidden(
    actor.organisations.length > 0
      ? `${whoseRights(actor)} may only edit records of organisation ${actor.organisations.join(', ')}.`
      : actor.kind === 'key'
        ? 'This key belongs to no organisation, so it may not edit records.'
        : 'You edit for no organisation yet: ask for access with requestAccess.',
  );
}

export function isCurator(caller: Caller) {
  return caller.kind !== 'anonymous' && caller.curator;
}

/** Whether the caller may act for an organisation: curators for every one, editors for their own. */
export function mayActFor(caller: Caller, organisationId: string | null) {
  return (
    isCurator(caller) ||
    (caller.kind !== 'anonymous' && organisationId !== null && caller.organisations.includes(organisationId))
  );
}

/** The organisations a caller edits for (none for anonymous callers; a curator's own grants, if any). */
export function callerOrganisations(caller: Caller): readonly string[] {
  return caller.kind === 'anonymous' ? [] : caller.organisations;
}

/** The organisation on whose behalf an action for `organisationId` is taken: null when a curator takes it. */
export function actingOrganisation(actor: SignedInCaller, organisationId: string): string | null {
  return actor.curator ? null : organisationId;
}

/** The role an audit trail records for an actor. */
export function roleOf(actor: SignedInCaller): Role {
  return actor.curator ? Role.Curator : Role.Editor;
}
