// Turns a code list (code, label, definition) into a GraphQL enum, so the list is written once.
import { registerEnumType } from 'type-graphql';

export interface CodeListEntry {
  readonly code: string;
  readonly label: string;
  readonly definition?: string;
  /** The code directly above this one, in a hierarchical list. */
  readonly parent?: string;
}

export function codeListEnum<const T extends readonly CodeListEntry[]>(name: string, description: string, entries: T) {
  const values = Object.fromEntries(entries.map((entry) => [entry.code, entry.code])) as {
    [K in T[number]['code']]: K;
  };
  registerEnumType(values, {
    name,
    description,
    valuesConfig: Object.fromEntries(
      entries.map((entry) => [
        entry.code,
        { description: entry.definition ? `${entry.label}: ${entry.definition}` : entry.label },
      ]),
    ) as never,
  });
  return values;
}
