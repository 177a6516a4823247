// The subgraphs RADAR is made of, once: `pnpm start`, the gateway, the compose file, the tests and the exporter all
// read this list, and every setting name, default address and database name follows from an entry.
import { env } from './config.js';

/**
 * One entry per subgraph, in start order. A subgraph reads the address of each subgraph it `calls`; those listed
 * before it are up when it starts, those after it are asked only when a request needs them (so the order never has
 * to wait in a circle). `streams` are the record streams for full dumps it serves at /export/{stream}.
 */
export const subgraphManifest = [
  { name: 'organisations', port: 4002, calls: [], streams: ['organisations'] },
  { name: 'practices', port: 4001, calls: ['organisations', 'projects'], streams: ['practices', 'needs'] },
  { name: 'projects', port: 4003, calls: ['organisations', 'practices'], streams: ['projects'] },
  { name: 'identity', port: 4004, calls: ['organisations'], streams: [] },
] as const;

type Entry = (typeof subgraphManifest)[number];
export type SubgraphName = Entry['name'];
export type StreamName = Entry['streams'][number];
export type PortVariable<N extends string = SubgraphName> = `${Uppercase<N>}_PORT`;
export type UrlVariable<N extends string = SubgraphName> = `${Uppercase<N>}_URL`;
type EntryOf<N extends SubgraphName> = Extract<Entry, { name: N }>;

export interface Subgraph<N extends SubgraphName = SubgraphName> {
  name: N;
  /** Default port, `<NAME>_PORT` overrides it. */
  port: number;
  portVariable: PortVariable<N>;
  /** Where the gateway and the other subgraphs reach it: `<NAME>_URL`. */
  urlVariable: UrlVariable<N>;
  /** The address a process on the same host reaches it at by default. */
  defaultUrl: string;
  /** Its database's name after `DATABASE_PREFIX_` on a PostgreSQL server, and its folder under RADAR_DATA_DIR. */
  database: string;
  calls: EntryOf<N>['calls'];
  /** The subgraphs it calls that start before it: they must be up (and, in containers, healthy) first. */
  startsAfter: readonly SubgraphName[];
  streams: readonly StreamName[];
}

const names = subgraphManifest.map((entry) => entry.name) as SubgraphName[];

function described<N extends SubgraphName>(entry: EntryOf<N>): Subgraph<N> {
  const upper = entry.name.toUpperCase() as Uppercase<N>;
  const calls = entry.calls as readonly SubgraphName[];
  for (const called of calls) {
    if (!names.includes(called) || called === entry.name) {
      throw new Error(`the ${entry.name} subgraph calls "${called}", which is not another subgraph of the manifest`);
    }
  }
  const result: Subgraph = {
    name: entry.name,
    port: entry.port,
    portVariable: `${upper}_PORT`,
    urlVariable: `${upper}_URL`,
    defaultUrl: `http://127.0.0.1:${entry.port}/graphql`,
    database: entry.name,
    calls: entry.calls,
    startsAfter: calls.filter((called) => names.indexOf(called) < names.indexOf(entry.name)),
    streams: entry.streams,
  };
  return result as Subgraph<N>;
}

/** Every subgraph, in start order. */
export const subgraphs: readonly Subgraph[] = subgraphManifest.map((entry) => described<SubgraphName>(entry));
export const subgraphNames: readonly SubgraphName[] = names;

export function subgraph<N extends SubgraphName>(name: N): Subgraph<N> {
  const found = subgraphs.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no subgraph named ${name}`);
  return found as Subgraph<N>;
}

/** The subgraph that serves a record stream. */
export function streamOwner(stream: StreamName): Subgraph {
  const owner = subgraphs.find((candidate) => candidate.streams.includes(stream));
  if (!owner) throw new Error(`no subgraph serves the ${stream} stream`);
  return owner;
}

type PortSetting = ReturnType<typeof env.port.default>;
type UrlSetting = ReturnType<typeof env.url.default>;

/** The zod setting of a subgraph's own port, `<NAME>_PORT`, defaulting to its manifest port. */
export function portSetting<N extends SubgraphName>(name: N): { [K in PortVariable<N>]: PortSetting } {
  const { portVariable, port } = subgraph(name);
  return { [portVariable]: env.port.default(port) } as { [K in PortVariable<N>]: PortSetting };
}

/** The zod settings of the addresses of `called` subgraphs, `<NAME>_URL`, defaulting to their local addresses. */
export function urlSettings<const N extends SubgraphName>(
  called: readonly N[],
): { [K in N as UrlVariable<K>]: UrlSetting } {
  return Object.fromEntries(
    called.map((name) => {
      const { urlVariable, defaultUrl } = subgraph(name);
      return [urlVariable, env.url.default(defaultUrl)];
    }),
  ) as { [K in N as UrlVariable<K>]: UrlSetting };
}

/** Each of `called`'s address from settings parsed with `urlSettings(called)`, by subgraph name. */
export function subgraphUrls<const N extends SubgraphName>(
  parsed: { [K in N as UrlVariable<K>]: string },
  called: readonly N[],
): Record<N, string> {
  const settings = parsed as Record<string, string>;
  return Object.fromEntries(called.map((name) => [name, settings[subgraph(name).urlVariable]])) as Record<N, string>;
}

/** The `<NAME>_URL` variables that name the given addresses, to hand to a process's environment. */
export function urlEnvironment(urls: Partial<Record<SubgraphName, string>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(urls).flatMap(([name, url]) =>
      url === undefined ? [] : [[subgraph(name as SubgraphName).urlVariable, url]],
    ),
  );
}
