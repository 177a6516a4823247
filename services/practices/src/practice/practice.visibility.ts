// Who may see which practices: the public sees published ones, editors also their organisation's, curators all.
import { type Caller, forbidden, isCurator } from '@radar/common';
import type { Practice } from './practice.entity.js';

/** A SQL condition (alias `p`) and its parameters. */
export interface Condition {
  sql: string;
  params: unknown[];
}

export function visibleCondition(caller: Caller): Condition {
  if (isCurator(caller)) return { sql: 'p.deleted_at is null', params: [] };
  if (caller.kind === 'key' && caller.organisationId) {
    return {
      sql: "p.deleted_at is null and (p.status = 'PUBLISHED' or p.owner_id = ?)",
      params: [caller.organisationId],
    };
  }
  return { sql: "p.deleted_at is null and p.status = 'PUBLISHED'", params: [] };
}

export function canSee(caller: Caller, practice: Practice) {
  if (practice.deletedAt) return false;
  if (practice.status === 'PUBLISHED' || isCurator(caller)) return true;
  return caller.kind === 'key' && caller.organisationId === practice.ownerId;
}

/** Curators and the owner's editors see what is not public about a practice: contact, drafts, history. */
export function isInsider(caller: Caller, practice: Pick<Practice, 'ownerId'>) {
  return isCurator(caller) || (caller.kind === 'key' && caller.organisationId === practice.ownerId);
}

export function requireInsider(caller: Caller, practice: Pick<Practice, 'ownerId'>, what: string) {
  if (!isInsider(caller, practice)) throw forbidden(`Only curators and the owner\u2019s editors may see ${what}.`);
}
