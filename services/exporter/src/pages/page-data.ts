// What the pages for people read besides a record's own fields: the names of the organisations, practices, projects
// and regions it points to, the search with its facets, and the uptake figures (the series over time is read in
// uptake.series.ts). Each is one GraphQL request through the gateway, which fetches every referenced record in one
// batch per subgraph.
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
/** A NUTS region with its name (null when RADAR has none). */
export interface RegionView {
  code: string;
  name: string | null;
}

export interface AdoptionView {
  id: string;
  country: string;
  nuts: string | null;
  region?: RegionView | null;
  scale: string;
  status: string;
  startDate: string | null;
  endDate: string | null;
  note?: string | null;
}

export interface PracticeExtras {
  regions: RegionView[];
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
  /** Its projects, each with its roles there (codes of the project-role list). */
  projectRoles: { roles: string[]; project: ProjectRef }[];
  /** Its NUTS region with the region's name, when it has a region. */
  region?: RegionView | null;
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

const adoptionFields = 'id country nuts region { code name } scale status startDate endDate';
const projectFields = 'id acronym title kind startDate endDate';

const recordQueries = {
  practices: `query PracticePage($id: UUID!) { extras: practice(id: $id) {
    regions { code name }
    owner { id name acronym country }
    contributors { role organisation { id name } }
    adoptions { ${adoptionFields} note adopter { id name } project { id acronym title } }
    projects { ${projectFields} twinning { type completedAt } } } }`,
  organisations: `query OrganisationPage($id: UUID!, $regions: [String!]!) {
    regions: nutsRegions(codes: $regions) { code name }
    extras: organisation(id: $id) {
    memberships { id name } members { id name }
    practices(first: 100) { totalCount nodes { id title summary type maturity owner { id } } }
    adoptions { ${adoptionFields} practice { id title } }
    projectRoles { roles project { ${projectFields} } } } }`,
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

/**
 * What a record's page shows besides the record: `region` is the NUTS region an organisation lies in (its record
 * gives the code), named in the same request.
 */
export async function recordExtras<P extends keyof RecordExtras>(
  records: GatewayRecords,
  path: P,
  id: string,
  requestId?: string,
  region?: string | null,
): Promise<RecordExtras[P] | null> {
  const variables = path === 'organisations' ? { id, regions: region ? [region] : [] } : { id };
  const { extras, regions } = await records.query<{ extras: RecordExtras[P] | null; regions?: RegionView[] }>(
    recordQueries[path],
    variables,
    requestId,
  );
  return extras && regions ? { ...extras, region: regions[0] ?? null } : extras;
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
  assessment?: string[];
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
  facets: Record<'types' | 'maturity' | 'countries' | 'topics' | 'targetGroups' | 'assessment', FacetCount[]>;
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
          topics { value count } targetGroups { value count } assessment { value count } } } }`,
    { filter: input.filter, first: input.first, after: input.after ?? null },
    requestId,
  );
  return practices;
}

export interface UptakeRow {
  country: string;
  nuts: string | null;
  /** The country's name on country rows, the region's on region rows (null when RADAR has none). */
  name: string | null;
  practicesAvailable: number;
  practicesAdopted: number;
  adoptions: number;
  byScale: FacetCount[];
}

/** The uptake figures of every country and region, and the region a page is about with its name (when it is one). */
export async function uptakeRows(
  records: GatewayRecords,
  region: string | null,
  requestId?: string,
): Promise<{ rows: UptakeRow[]; region: RegionView | null }> {
  const { uptake, nutsRegions } = await records.query<{ uptake: UptakeRow[]; nutsRegions: RegionView[] }>(
    `query UptakePage($regions: [String!]!) {
      uptake(byRegion: true) { country nuts name practicesAvailable practicesAdopted adoptions byScale { value count } }
      nutsRegions(codes: $regions) { code name } }`,
    { regions: region ? [region] : [] },
    requestId,
  );
  return { rows: uptake, region: nutsRegions[0] ?? null };
}
