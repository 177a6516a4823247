// Finding projects: one SQL condition for every filter, keyset pages, and the status a project's dates give it.
import {
  badUserInput,
  type ConnectionShape,
  decodeCursor,
  type EntityManager,
  pageSize,
  rows,
  textArray,
  toConnection,
} from '@radar/common';
import type { Directories } from '../directories.js';
import type { ProjectStatus } from './project.codes.js';
import { Project } from './project.entity.js';
import { type ProjectFilter, ProjectOrder } from './project.inputs.js';

export function statusOf(
  project: Pick<Project, 'startDate' | 'endDate'>,
  today = new Date().toISOString().slice(0, 10),
): ProjectStatus | null {
  if (project.startDate && project.startDate > today) return 'UPCOMING';
  if (project.endDate && project.endDate < today) return 'CLOSED';
  return project.startDate ? 'ONGOING' : null;
}

const statusSql: Record<ProjectStatus, string> = {
  UPCOMING: 'p.start_date > current_date',
  ONGOING: 'p.start_date <= current_date and (p.end_date is null or p.end_date >= current_date)',
  CLOSED: 'p.end_date < current_date',
};

async function condition(filter: ProjectFilter, directories: Directories, requestId: string) {
  const parts = ['p.deleted_at is null'];
  const params: unknown[] = [];
  if (filter.kinds?.length) {
    parts.push('p.kind = any(?::text[])');
    params.push(textArray(filter.kinds));
  }
  if (filter.programmes?.length) {
    parts.push('p.programme = any(?::text[])');
    params.push(textArray(filter.programmes));
  }
  if (filter.statuses?.length)
    parts.push(`(${filter.statuses.map((status) => `(${statusSql[status]})`).join(' or ')})`);
  if (filter.activeOn) {
    parts.push('p.start_date <= ?::date and p.end_date >= ?::date');
    params.push(filter.activeOn, filter.activeOn);
  }
  if (filter.participantId) {
    parts.push('exists (select 1 from project_participant pp where pp.project_id = p.id and pp.organisation_id = ?)');
    params.push(filter.participantId);
  }
  if (filter.participantCountries?.length) {
    const organisations = await directories.organisationsIn(filter.participantCountries, requestId);
    parts.push(
      'exists (select 1 from project_participant pp where pp.project_id = p.id and pp.organisation_id = any(?::uuid[]))',
    );
    params.push(textArray(organisations));
  }
  if (filter.text) {
    const words = filter.text.match(/[\p{L}\p{N}]+/gu) ?? [];
    if (words.length === 0) throw badUserInput('filter.text', 'has no letters or digits to search for');
    parts.push("p.search_vector @@ to_tsquery('simple'::regconfig, radar_fold(?))");
    params.push(words.map((word) => `${word}:*`).join(' & '));
  }
  return { sql: parts.join(' and '), params };
}

export async function searchProjects(
  em: EntityManager,
  directories: Directories,
  requestId: string,
  filter: ProjectFilter = {},
  orderBy: ProjectOrder = ProjectOrder.START_DATE,
  first?: number | null,
  after?: string | null,
): Promise<ConnectionShape<Project>> {
  const size = pageSize(first);
  const where = await condition(filter, directories, requestId);
  const orders = {
    [ProjectOrder.START_DATE]: {
      sql: "coalesce(p.start_date, '0001-01-01') desc, p.id desc",
      key: "coalesce(p.start_date, '0001-01-01')",
      compare: '<',
      cast: 'date',
      of: (p: Project) => p.startDate ?? '0001-01-01',
    },
    [ProjectOrder.TITLE]: {
      sql: 'p.acronym asc, p.id asc',
      key: 'p.acronym',
      compare: '>',
      cast: 'text',
      of: (p: Project) => p.acronym,
    },
    [ProjectOrder.UPDATED]: {
      sql: 'p.updated_at desc, p.id desc',
      key: 'p.updated_at',
      compare: '<',
      cast: 'timestamptz',
      of: (p: Project) => p.updatedAt.toISOString(),
    },
  } as const;
  const order = orders[orderBy];
  let pageWhere = where.sql;
  const pageParams = [...where.params];
  if (after) {
    const [key, id] = decodeCursor(after, 2);
    if (typeof key !== 'string' || typeof id !== 'string')
      throw badUserInput('after', 'is not a cursor returned by this API for this order');
    pageWhere += ` and (${order.key}, p.id) ${order.compare} (?::${order.cast}, ?::uuid)`;
    pageParams.push(key, id);
  }
  const [counted] = await rows<{ count: number }>(
    em,
    `select count(*)::int as count from project p where ${where.sql}`,
    where.params,
  );
  const page = await rows<{ id: string }>(
    em,
    `select p.id from project p where ${pageWhere} order by ${order.sql} limit ${size + 1}`,
    pageParams,
  );
  const found = new Map(
    (await em.find(Project, { id: { $in: page.map((row) => row.id) } })).map((project) => [project.id, project]),
  );
  const projects = page.flatMap((row) => found.get(row.id) ?? []);
  return toConnection(
    projects,
    size,
    counted?.count ?? 0,
    (project) => [order.of(project), project.id],
    Boolean(after),
  );
}
