// Access rules shared by subgraphs: reads are public, writes need a key, editors act for their own organisation.
import { forbidden, unauthenticated } from './errors.js';
import { type Caller, Role } from './identity.js';

export type KeyCaller = Extract<Caller, { kind: 'key' }>;

export function requireKey(caller: Caller): KeyCaller {
  if (caller.kind !== 'key') throw unauthenticated();
  return caller;
}

export function requireCurator(caller: Caller): KeyCaller {
  const key = requireKey(caller);
  if (key.role !== Role.Curator) throw forbidden('Only a curator may do this.');
  return key;
}

/** Curators may act for any organisation; editors only for the one their key belongs to. */
export function requireActingFor(caller: Caller, organisationId: string): KeyCaller {
  const key = requireKey(caller);
  if (key.role === Role.Curator) return key;
  if (key.organisationId !== organisationId) {
    throw forbidden(
      key.organisationId
        ? `This key may only edit records of organisation ${key.organisationId}.`
        : 'This key belongs to no organisation, so it may not edit records.',
    );
  }
  return key;
}

export function isCurator(caller: Caller) {
  return caller.kind === 'key' && caller.role === Role.Curator;
}

/** Whether the caller may act for an organisation: curators for every one, editors for their own. */
export function mayActFor(caller: Caller, organisationId: string | null) {
  return (
    isCurator(caller) || (caller.kind === 'key' && organisationId !== null && caller.organisationId === organisationId)
  );
}
