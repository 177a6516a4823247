// Who may see which practices: the public sees published ones, editors also their organisation's, curators all.
import { type Caller, callerOrganisations, forbidden, isCurator, textArray } from '@radar/common';
import type { Practice } from './practice.entity.js';

/** A SQL condition (alias `p`) and its parameters. */
export interface Condition {
  sql: string;
  params: unknown[];
}

/** Every practice that is not deleted: what curators see. */
export const LIVE: Condition = { sql: 'p.deleted_at is null', params: [] };

export function visibleCondition(caller: Caller): Condition {
  if (isCurator(caller)) return LIVE;
  const own = callerOrganisations(caller);
  if (own.length > 0) {
    return {
      sql: "p.deleted_at is null and (p.status = 'PUBLISHED' or p.owner_id = any(?::uuid[]))",
      params: [textArray(own)],
    };
  }
  return { sql: "p.deleted_at is null and p.status = 'PUBLISHED'", params: [] };
}

export function canSee(caller: Caller, practice: Practice) {
  if (practice.deletedAt) return false;
  if (practice.status === 'PUBLISHED' || isCurator(caller)) return true;
  return callerOrganisations(caller).includes(practice.ownerId);
}

/** Curators and the owner's editors see what is not public about a practice: contact, drafts, history. */
export function isInsider(caller: Caller, practice: Pick<Practice, 'ownerId'>) {
  return isCurator(caller) || callerOrganisations(caller).includes(practice.ownerId);
}

export function requireInsider(caller: Caller, practice: Pick<Practice, 'ownerId'>, what: string) {
  if (!isInsider(caller, practice)) throw forbidden(`Only curators and the owner\u2019s editors may see ${what}.`);
}
