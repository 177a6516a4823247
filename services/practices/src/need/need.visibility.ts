// Who may see which needs, as for practices: the public sees published ones, editors also their organisation's,
// curators all.
import { type Caller, callerOrganisations, isCurator, textArray } from '@radar/common';
import type { Condition } from '../practice/practice.visibility.js';
import type { Need } from './need.entity.js';

/** A SQL condition on alias `n`. */
export function visibleNeedCondition(caller: Caller): Condition {
  if (isCurator(caller)) return { sql: 'n.deleted_at is null', params: [] };
  const own = callerOrganisations(caller);
  if (own.length > 0) {
    return {
      sql: "n.deleted_at is null and (n.status = 'PUBLISHED' or n.owner_id = any(?::uuid[]))",
      params: [textArray(own)],
    };
  }
  return { sql: "n.deleted_at is null and n.status = 'PUBLISHED'", params: [] };
}

export function canSeeNeed(caller: Caller, need: Need) {
  if (need.deletedAt) return false;
  if (need.status === 'PUBLISHED' || isCurator(caller)) return true;
  return callerOrganisations(caller).includes(need.ownerId);
}
