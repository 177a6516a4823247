// Per-request batch loaders of the projects subgraph: statements do not grow with the items a request returns.
import { type EntityManager, groupBy } from '@radar/common';
import DataLoader from 'dataloader';
import { type ProjectRole, projectRoles } from './project/project.codes.js';
import { Participant, PracticeLink, Project, ProjectEvent, Synergy } from './project/project.entity.js';
import { Stage, Twinning, TwinningAdopter } from './twinning/twinning.entity.js';

const projectRoleOrder: string[] = projectRoles.map((role) => role.code);

export function createLoaders(em: EntityManager) {
  const projectById = new DataLoader<string, Project | null>(async (ids) => {
    const found = new Map((await em.find(Project, { id: { $in: [...ids] } })).map((row) => [row.id, row]));
    return ids.map((id) => found.get(id) ?? null);
  });
  const live = async (ids: string[]) =>
    (await projectById.loadMany([...new Set(ids)])).filter(
      (project): project is Project => project instanceof Project && !project.deletedAt,
    );

  const participants = new DataLoader<string, Participant[]>(async (ids) =>
    groupBy(
      ids,
      await em.find(Participant, { project: { $in: [...ids] } }, { orderBy: { role: 'asc', organisationId: 'asc' } }),
      (row) => row.project,
    ),
  );
  const practiceLinks = new DataLoader<string, PracticeLink[]>(async (ids) =>
    groupBy(
      ids,
      await em.find(PracticeLink, { project: { $in: [...ids] } }, { orderBy: { practiceId: 'asc' } }),
      (row) => row.project,
    ),
  );
  const synergies = new DataLoader<string, { project: Project; kind: Synergy['kind'] }[]>(async (ids) => {
    const rows = await em.find(Synergy, { project: { $in: [...ids] } });
    const others = new Map((await live(rows.map((row) => row.other))).map((project) => [project.id, project]));
    return groupBy(ids, rows, (row) => row.project).map((group) =>
      group.flatMap((row) => {
        const project = others.get(row.other);
        return project ? [{ project, kind: row.kind }] : [];
      }),
    );
  });
  const twinning = new DataLoader<string, Twinning | null>(async (ids) => {
    const found = new Map((await em.find(Twinning, { project: { $in: [...ids] } })).map((row) => [row.project, row]));
    return ids.map((id) => found.get(id) ?? null);
  });
  const adopters = new DataLoader<string, TwinningAdopter[]>(async (ids) =>
    groupBy(
      ids,
      await em.find(TwinningAdopter, { twinning: { $in: [...ids] } }, { orderBy: { organisationId: 'asc' } }),
      (row) => row.twinning,
    ),
  );
  const stages = new DataLoader<string, Stage[]>(async (ids) =>
    groupBy(
      ids,
      await em.find(Stage, { twinning: { $in: [...ids] } }, { orderBy: { startDate: 'asc' } }),
      (row) => row.twinning,
    ),
  );

  /** Each project an organisation takes part in, with the role, for organisations `ids` (any role when null). */
  const participations = async (ids: string[], role: ProjectRole | null) => {
    const wants = (candidate: ProjectRole) => role === null || role === candidate;
    const participantRole = role && !['FUNDER', 'ORIGINATOR', 'ADOPTER'].includes(role) ? role : null;
    const [participants, funded, originated, adopted] = await Promise.all([
      role === null || participantRole
        ? em.find(Participant, {
            organisationId: { $in: ids },
            ...(participantRole ? { role: participantRole as never } : {}),
          })
        : [],
      wants('FUNDER') ? em.find(Project, { funderId: { $in: ids } }) : [],
      wants('ORIGINATOR') ? em.find(Twinning, { originatorId: { $in: ids } }) : [],
      wants('ADOPTER') ? em.find(TwinningAdopter, { organisationId: { $in: ids } }) : [],
    ]);
    const pairs: { organisation: string; project: string; role: ProjectRole }[] = [
      ...participants.map((row) => ({ organisation: row.organisationId, project: row.project, role: row.role })),
      ...funded.map((row) => ({ organisation: row.funderId as string, project: row.id, role: 'FUNDER' as const })),
      ...originated.map((row) => ({
        organisation: row.originatorId,
        project: row.project,
        role: 'ORIGINATOR' as const,
      })),
      ...adopted.map((row) => ({ organisation: row.organisationId, project: row.twinning, role: 'ADOPTER' as const })),
    ];
    const projects = new Map((await live(pairs.map((pair) => pair.project))).map((project) => [project.id, project]));
    return groupBy(ids, pairs, (pair) => pair.organisation).map((group) => {
      const roles = new Map<string, ProjectRole[]>();
      for (const pair of group) roles.set(pair.project, [...(roles.get(pair.project) ?? []), pair.role]);
      return sortByStart([...roles.keys()].flatMap((id) => projects.get(id) ?? [])).map((project) => ({
        project,
        roles: [...new Set(roles.get(project.id))].sort(
          (a, b) => projectRoleOrder.indexOf(a) - projectRoleOrder.indexOf(b),
        ),
      }));
    });
  };

  /** Projects an organisation takes part in, keyed by role filter so one batch serves every organisation. */
  const projectsOfOrganisation = new Map<string, DataLoader<string, Project[]>>();
  const organisationProjects = (role: ProjectRole | null) => {
    const key = role ?? '*';
    let loader = projectsOfOrganisation.get(key);
    if (!loader) {
      loader = new DataLoader(async (organisationIds) =>
        (await participations([...organisationIds], role)).map((group) => group.map((entry) => entry.project)),
      );
      projectsOfOrganisation.set(key, loader);
    }
    return loader;
  };

  /** The projects an organisation takes part in, each with every role it has there. */
  const organisationParticipations = new DataLoader<string, { project: Project; roles: ProjectRole[] }[]>(
    async (organisationIds) => participations([...organisationIds], null),
  );

  /** Projects that produced, used, transferred or twinned a practice. */
  const projectsOfPractice = new DataLoader<string, Project[]>(async (practiceIds) => {
    const [links, twinnings] = await Promise.all([
      em.find(PracticeLink, { practiceId: { $in: [...practiceIds] } }),
      em.find(Twinning, { practiceId: { $in: [...practiceIds] } }),
    ]);
    const pairs = [
      ...links.map((row) => ({ practice: row.practiceId, project: row.project })),
      ...twinnings.map((row) => ({ practice: row.practiceId, project: row.project })),
    ];
    const projects = new Map((await live(pairs.map((pair) => pair.project))).map((project) => [project.id, project]));
    return groupBy(practiceIds, pairs, (pair) => pair.practice).map((group) =>
      sortByStart([...new Set(group.map((pair) => pair.project))].flatMap((id) => projects.get(id) ?? [])),
    );
  });

  const history = new DataLoader<string, ProjectEvent[]>(async (ids) =>
    groupBy(
      ids,
      await em.find(ProjectEvent, { project: { $in: [...ids] } }, { orderBy: { at: 'asc', id: 'asc' } }),
      (row) => row.project,
    ),
  );

  return {
    projectById,
    history,
    participants,
    practiceLinks,
    synergies,
    twinning,
    adopters,
    stages,
    organisationProjects,
    organisationParticipations,
    projectsOfPractice,
  };
}

function sortByStart(projects: Project[]) {
  return projects.sort((a, b) => (b.startDate ?? '').localeCompare(a.startDate ?? '') || a.id.localeCompare(b.id));
}

export type Loaders = ReturnType<typeof createLoaders>;
