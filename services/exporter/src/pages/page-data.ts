// What the pages for people read besides a record's own fields: the names of the organisations, practices and
// projects it points to, the search with its facets, and the uptake figures. Each page is one GraphQL request through
// the gateway, which fetches every referenced record in one batch per subgraph.
import type { GatewayRecords } from '../records.js';

export interface Named {
  id: string;
  name: string;
}
export interface ProjectRef {
  id: string;
  acronym: string;
  title: string;
  kind?: string;
  startDate?: string | null;
  endDate?: string | null;
}
export interface PracticeRef {
  id: string;
  title: string;
}
export interface AdoptionView {
  id: string;
  country: string;
  nuts: string | null;
  scale: string;
  status: string;
  startDate: string | null;
  endDate: string | null;
  note?: string | null;
}

export interface PracticeExtras {
  owner: Named & { acronym: string | null; country: string | null };
  contributors: { role: string; organisation: Named }[];
  adoptions: (AdoptionView & { adopter: Named; project: ProjectRef | null })[];
  projects: (ProjectRef & { twinning: { type: string; completedAt: string | null } | null })[];
}

export interface OrganisationExtras {
  memberships: Named[];
  members: Named[];
  practices: {
    totalCount: number;
    nodes: (PracticeRef & { summary: string; type: string; maturity: string; owner: { id: string } })[];
  };
  adoptions: (AdoptionView & { practice: PracticeRef })[];
  projects: ProjectRef[];
}

export interface ProjectExtras {
  status: string | null;
  funder: Named | null;
  participants: { role: string; organisation: Named & { country: string | null } }[];
  practices: { role: string; practice: PracticeRef | null }[];
  synergies: { kind: string; project: ProjectRef }[];
  twinning: {
    type: string;
    outcome: string | null;
    completedAt: string | null;
    originator: Named;
    practice: PracticeRef | null;
    adopters: { organisation: Named; adoption: AdoptionView | null }[];
    stages: { name: string; startDate: string; endDate: string; description: string | null }[];
  } | null;
}

export interface NeedExtras {
  owner: Named;
  matchedPractice: PracticeRef | null;
  candidates: { practice: PracticeRef; score: number; reasons: string[] }[];
}

/** How many candidate practices a need's page lists. */
export const PAGE_CANDIDATES = 5;

const adoptionFields = 'id country nuts scale status startDate endDate';
const projectFields = 'id acronym title kind startDate endDate';

const recordQueries = {
  practices: `query PracticePage($id: UUID!) { extras: practice(id: $id) {
    owner { id name acronym country }
    contributors { role organisation { id name } }
    adoptions { ${adoptionFields} note adopter { id name } project { id acronym title } }
    projects { ${projectFields} twinning { type completedAt } } } }`,
  organisations: `query OrganisationPage($id: UUID!) { extras: organisation(id: $id) {
    memberships { id name } members { id name }
    practices(first: 100) { totalCount nodes { id title summary type maturity owner { id } } }
    adoptions { ${adoptionFields} practice { id title } }
    projects { ${projectFields} } } }`,
  projects: `query ProjectPage($id: UUID!) { extras: project(id: $id) {
    status funder { id name }
    participants { role organisation { id name country } }
    practices { role practice { id title } }
    synergies { kind project { ${projectFields} } }
    twinning { type outcome completedAt originator { id name } practice { id title }
      adopters { organisation { id name } adoption { ${adoptionFields} } }
      stages { name startDate endDate description } } } }`,
  needs: `query NeedPage($id: UUID!) { extras: need(id: $id) {
    owner { id name } matchedPractice { id title }
    candidates(first: ${PAGE_CANDIDATES}) { practice { id title } score reasons } } }`,
} as const;

export interface RecordExtras {
  practices: PracticeExtras;
  organisations: OrganisationExtras;
  projects: ProjectExtras;
  needs: NeedExtras;
}

export async function recordExtras<P extends keyof RecordExtras>(
  records: GatewayRecords,
  path: P,
  id: string,
  requestId?: string,
): Promise<RecordExtras[P] | null> {
  const { extras } = await records.query<{ extras: RecordExtras[P] | null }>(recordQueries[path], { id }, requestId);
  return extras;
}

export interface FacetCount {
  value: string;
  count: number;
}

export interface SearchFilter {
  text?: string;
  types?: string[];
  minMaturity?: string;
  cdhiCodes?: string[];
  topics?: string[];
  targetGroups?: string[];
  countries?: string[];
  ownerId?: string;
}

export interface SearchResult {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: (PracticeRef & {
    summary: string;
    type: string;
    maturity: string;
    countries: string[];
    owner: Named;
  })[];
  facets: Record<'types' | 'maturity' | 'countries' | 'topics' | 'targetGroups', FacetCount[]>;
}

export async function searchPractices(
  records: GatewayRecords,
  input: { filter: SearchFilter; first: number; after?: string | undefined },
  requestId?: string,
): Promise<SearchResult> {
  const { practices } = await records.query<{ practices: SearchResult }>(
    `query Browse($filter: PracticeFilter, $first: Int, $after: String) {
      practices(filter: $filter, first: $first, after: $after) {
        totalCount pageInfo { hasNextPage endCursor }
        nodes { id title summary type maturity countries owner { id name } }
        facets { types { value count } maturity { value count } countries { value count }
          topics { value count } targetGroups { value count } } } }`,
    { filter: input.filter, first: input.first, after: input.after ?? null },
    requestId,
  );
  return practices;
}

export interface UptakeRow {
  country: string;
  nuts: string | null;
  practicesAvailable: number;
  practicesAdopted: number;
  adoptions: number;
  byScale: FacetCount[];
}

export async function uptakeRows(records: GatewayRecords, requestId?: string): Promise<UptakeRow[]> {
  const { uptake } = await records.query<{ uptake: UptakeRow[] }>(
    '{ uptake(byRegion: true) { country nuts practicesAvailable practicesAdopted adoptions byScale { value count } } }',
    {},
    requestId,
  );
  return uptake;
}

export interface DatedAdoption {
  country: string;
  nuts: string | null;
  status: string;
  startDate: string | null;
  endDate: string | null;
  createdAt: string;
  updatedAt: string;
}

/** How many practices the series reads at most (a hundred per request). */
export const SERIES_PRACTICES = 10_000;

/**
 * Every adoption of a published practice with its dates, read a hundred practices at a time, for the uptake series;
 * `complete` is false when there were more practices than SERIES_PRACTICES. The practices subgraph has no series of
 * its own yet; when it has, this is the one function to point at it.
 */
export async function datedAdoptions(
  records: GatewayRecords,
  requestId?: string,
): Promise<{ adoptions: DatedAdoption[]; complete: boolean }> {
  const adoptions: DatedAdoption[] = [];
  let after: string | null = null;
  for (let read = 0; read < SERIES_PRACTICES; read += 100) {
    const {
      practices,
    }: { practices: { pageInfo: SearchResult['pageInfo']; nodes: { adoptions: DatedAdoption[] }[] } } =
      await records.query(
        `query UptakeSeries($after: String) { practices(first: 100, after: $after) {
          pageInfo { hasNextPage endCursor } nodes { adoptions { country nuts status startDate endDate createdAt updatedAt } } } }`,
        { after },
        requestId,
      );
    for (const node of practices.nodes) adoptions.push(...node.adoptions);
    if (!practices.pageInfo.hasNextPage || !practices.pageInfo.endCursor) return { adoptions, complete: true };
    after = practices.pageInfo.endCursor;
  }
  return { adoptions, complete: false };
}
