// The review workflow's paths, shared by practices and needs: the steps that lead from one status to another, as a
// write that states the status it reaches takes them, and the publication time a curator carries.
import { badUserInput, type Caller, forbiddenOn, isCurator } from '@radar/common';

/** A workflow step: the statuses it leads from and the one it leads to, and whether only curators may take it. */
export interface WorkflowRule {
  from: readonly string[];
  to: string;
  curatorOnly: boolean;
}

/**
 * The shortest list of steps from `from` to `to` (DRAFT to PUBLISHED is submit, then publish); [] when they are the
 * same, null when no steps lead there.
 */
export function stepsBetween<S extends string>(rules: Record<S, WorkflowRule>, from: string, to: string): S[] | null {
  const paths = new Map<string, S[]>([[from, []]]);
  const queue = [from];
  while (queue.length > 0) {
    const at = queue.shift() as string;
    for (const [step, rule] of Object.entries(rules) as [S, WorkflowRule][]) {
      if (!rule.from.includes(at) || paths.has(rule.to)) continue;
      paths.set(rule.to, [...(paths.get(at) ?? []), step]);
      queue.push(rule.to);
    }
  }
  return paths.get(to) ?? null;
}

/**
 * The steps a write takes from `from` to `to`, shortest first (DRAFT to PUBLISHED is submit, then publish), each
 * checked against the caller's rights; none when `to` is omitted or already reached. A status the workflow does not
 * lead to from `from` is refused on state.status. `noun` names the record in the messages.
 */
export function statusSteps<S extends string>(
  rules: Record<S, WorkflowRule>,
  caller: Caller,
  noun: string,
  from: string,
  to: string | null | undefined,
): S[] {
  if (!to || to === from) return [];
  const steps = stepsBetween(rules, from, to);
  if (!steps) throw badUserInput('state.status', `a ${from.toLowerCase()} ${noun} cannot be made ${to.toLowerCase()}`);
  if (steps.some((step) => rules[step].curatorOnly) && !isCurator(caller)) {
    throw forbiddenOn(
      'state.status',
      `Only a curator may make a ${noun} ${to.toLowerCase()}: an editor submits it at most (status SUBMITTED).`,
    );
  }
  return steps;
}

/** The publication time a curator carries, for a record that is or becomes published by `steps`. */
export function carriedPublication<S extends string>(
  rules: Record<S, WorkflowRule>,
  caller: Caller,
  noun: string,
  state: { publishedAt?: Date | null } | undefined,
  from: string,
  steps: readonly S[],
): Date | undefined {
  if (!state?.publishedAt) return undefined;
  if (!isCurator(caller)) {
    throw forbiddenOn('state.publishedAt', 'Only a curator may date a record: it takes the time of the write.');
  }
  const last = steps.at(-1);
  const published = last ? rules[last].to === 'PUBLISHED' : from === 'PUBLISHED';
  if (!published) throw badUserInput('state.publishedAt', `is given only for a ${noun} that is or becomes published`);
  return state.publishedAt;
}
