// The table of partner operations in test/operations/: each `name.graphql` with its variables and its expected
// answers per caller, and how answers are compared (after removing only what legitimately varies between runs).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { seedIds } from '@radar/organisations';
import { adoptionSeedIds, needSeedIds, practiceSeedIds } from '@radar/practices';
import { projectSeedIds } from '@radar/projects';

export const operationsFolder = new URL('../operations/', import.meta.url);

export const callerNames = ['anonymous', 'editor', 'curator', 'revoked'] as const;
export type CallerName = (typeof callerNames)[number];

/** What is compared of an answer: the HTTP status, the data, and each error's message, path and code. */
export interface Answer {
  status: number;
  data?: unknown;
  errors?: { message: string; path?: (string | number)[]; code?: unknown }[];
}

export interface Operation {
  name: string;
  document: string;
  /** With `{{operation.path}}` placeholders, filled from the same caller's earlier answer on the same gateway. */
  variables: Record<string, unknown>;
  kind: 'query' | 'mutation';
  expected: Partial<Record<CallerName, Answer | null>>;
}

/** Callers an operation is sent as when its expected file does not say. */
const defaultCallers: CallerName[] = ['anonymous', 'editor', 'curator'];

export function loadOperations(): Operation[] {
  return (
    readdirSync(operationsFolder)
      .filter((file) => file.endsWith('.graphql'))
      .map((file) => file.slice(0, -'.graphql'.length))
      // By name, so that `update-practice` comes before `update-practice-stale`, which builds on it.
      .sort()
      .map((name) => {
        const document = readFileSync(new URL(`${name}.graphql`, operationsFolder), 'utf8');
        const variablesFile = new URL(`${name}.variables.json`, operationsFolder);
        const expectedFile = new URL(`${name}.expected.json`, operationsFolder);
        const expected = existsSync(expectedFile)
          ? (JSON.parse(readFileSync(expectedFile, 'utf8')) as Operation['expected'])
          : Object.fromEntries(defaultCallers.map((caller) => [caller, null]));
        for (const caller of Object.keys(expected)) {
          if (!callerNames.includes(caller as CallerName)) throw new Error(`${name}: unknown caller ${caller}`);
        }
        return {
          name,
          document,
          variables: existsSync(variablesFile) ? JSON.parse(readFileSync(variablesFile, 'utf8')) : {},
          kind: /^\s*mutation\b/m.test(document.replace(/#.*$/gm, '')) ? 'mutation' : 'query',
          expected,
        };
      })
  );
}

export function writeExpected(operation: Operation) {
  const file = new URL(`${operation.name}.expected.json`, operationsFolder);
  writeFileSync(file, `${JSON.stringify(operation.expected, null, 2)}\n`);
}

const fixtureIds: ReadonlySet<string> = new Set(
  [seedIds, practiceSeedIds, adoptionSeedIds, projectSeedIds, needSeedIds].flatMap((ids) => Object.values(ids)),
);
const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const timestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/**
 * What varies between runs and between the two gateways' writes, and nothing else: an id the database generated
 * (any UUID that is not a fixture's) and a moment in time (a whole DateTimeISO value).
 */
function normaliseString(value: string): string {
  if (timestamp.test(value)) return '<timestamp>';
  return value.replace(uuid, (id) => (fixtureIds.has(id.toLowerCase()) ? id : '<generated id>'));
}

function normaliseValue(value: unknown): unknown {
  if (typeof value === 'string') return normaliseString(value);
  if (Array.isArray(value)) return value.map(normaliseValue);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, normaliseValue(inner)]));
  }
  return value;
}

export function normaliseAnswer(status: number, body: Record<string, any>): Answer {
  return {
    status,
    ...('data' in body ? { data: normaliseValue(body.data) } : {}),
    ...(body.errors
      ? {
          errors: (body.errors as Record<string, any>[]).map((error) => ({
            message: normaliseString(String(error.message)),
            ...(error.path ? { path: error.path } : {}),
            code: error.extensions?.code,
          })),
        }
      : {}),
  };
}

/** The variables with each `{{operation.path.to.value}}` filled from `earlier` (operation name → its data). */
export function fillVariables(variables: unknown, earlier: Map<string, unknown>): unknown {
  if (typeof variables === 'string') {
    const reference = /^\{\{([a-z0-9-]+)\.([A-Za-z0-9_.]+)\}\}$/.exec(variables);
    if (!reference) return variables;
    const [, operation, path] = reference as unknown as [string, string, string];
    if (!earlier.has(operation)) throw new Error(`${variables}: ${operation} has not answered this caller yet`);
    const value = path.split('.').reduce<any>((at, key) => at?.[key], earlier.get(operation));
    if (value === undefined || value === null) throw new Error(`${variables}: nothing there`);
    return value;
  }
  if (Array.isArray(variables)) return variables.map((value) => fillVariables(value, earlier));
  if (variables && typeof variables === 'object') {
    return Object.fromEntries(Object.entries(variables).map(([key, value]) => [key, fillVariables(value, earlier)]));
  }
  return variables;
}
