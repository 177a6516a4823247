// The review workflow's paths, shared by practices and needs: the steps that lead from one status to another.

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
