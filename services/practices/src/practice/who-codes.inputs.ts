// Validation of lists of WHO CDISAH codes (interventions, health system challenges, service types), shared by the
// inputs of practices and needs, and how a code that names a group takes in the codes under it.
import type { CodeListEntry } from '@radar/common';
import { ArrayMaxSize, ArrayUnique, IsIn } from 'class-validator';
import { cdhiCodes, codesOf, healthSystemChallenges, serviceTypes } from './practice.codes.js';

const lists = {
  cdhiCodes: { codes: codesOf(cdhiCodes) as string[], name: 'WHO CDHI v2' },
  healthSystemChallenges: { codes: codesOf(healthSystemChallenges) as string[], name: 'WHO health system challenges' },
  serviceTypes: { codes: codesOf(serviceTypes) as string[], name: 'WHO service and application types' },
} as const;

/** Names the codes of `value` that are not in the list: `2.4.9 is not in the WHO CDHI v2 list`. */
export function notInList(value: unknown, codes: readonly string[], name: string): string {
  const unknown = (Array.isArray(value) ? value : [value]).filter((code) => !codes.includes(code as string));
  if (unknown.length === 0) return `contains a code that is not in the ${name} list`;
  return `${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not in the ${name} list`;
}

/** A list of distinct codes of one WHO axis, at most `max` of them. */
export function IsWhoCodes(list: keyof typeof lists, max = 30): PropertyDecorator {
  const { codes, name } = lists[list];
  return (target, property) => {
    ArrayMaxSize(max)(target, property);
    ArrayUnique()(target, property);
    IsIn(codes, { each: true, message: (args) => notInList(args.value, codes, name) })(target, property);
  };
}

/** The codes given and every code below them: a filter on group 3 matches 3.5. */
export function withChildren(list: 'healthSystemChallenges' | 'serviceTypes', given: readonly string[]): string[] {
  const entries: readonly CodeListEntry[] = list === 'healthSystemChallenges' ? healthSystemChallenges : serviceTypes;
  const wanted = new Set(given);
  return [
    ...new Set([
      ...given,
      ...entries.flatMap((entry) => (entry.parent && wanted.has(entry.parent) ? [entry.code] : [])),
    ]),
  ];
}
