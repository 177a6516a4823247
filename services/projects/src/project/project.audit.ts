// The audit trail of projects: every write appends who, when and what changed, in the write's transaction. What a
// write changed is the difference between the project as it was and as it is, read the same way before and after.
import { auditEvent, type Changes, diff, type EntityManager, type SignedInCaller } from '@radar/common';
import { Stage, Twinning, TwinningAdopter } from '../twinning/twinning.entity.js';
import { reverseSynergy, type SynergyKind } from './project.codes.js';
import { Participant, PracticeLink, type Project, ProjectEvent, ProjectSchema, Synergy } from './project.entity.js';

/** What a project's row holds beside its data: its id, times, version and search text are not the history's. */
const notAudited: ReadonlySet<string> = new Set([
  'id',
  'createdAt',
  'updatedAt',
  'version',
  'deletedAt',
  'searchVector',
]);

/** The fields of a project's own row its history shows: every column but those, so a new one is never forgotten. */
export const PROJECT_FIELDS = Object.keys(ProjectSchema.meta.properties).filter(
  (field) => !notAudited.has(field),
) as (keyof Project)[];

export type ProjectSnapshot = Record<string, unknown> & { synergies: string[] };

export function recordProjectEvent(
  em: EntityManager,
  project: string,
  actor: SignedInCaller,
  action: string,
  changes: Changes = {},
  comment: string | null = null,
) {
  em.create(ProjectEvent, { project, ...auditEvent(actor, action, changes, comment) });
}

/**
 * A project as its history compares it: its fields, participants ("organisation=ROLE"), practice links
 * ("practice=ROLE") and synergies ("project=KIND"), each sorted, and its twinning with adopters and stages.
 */
export async function snapshotOf(tx: EntityManager, project: Project): Promise<ProjectSnapshot> {
  const id = project.id;
  const participants = await tx.find(Participant, { project: id });
  const practices = await tx.find(PracticeLink, { project: id });
  const synergies = await tx.find(Synergy, { project: id });
  const twinning = await tx.findOne(Twinning, { project: id });
  const adopters = twinning ? await tx.find(TwinningAdopter, { twinning: id }) : [];
  const stages = twinning ? await tx.find(Stage, { twinning: id }, { orderBy: { position: 'asc' } }) : [];
  return {
    ...Object.fromEntries(PROJECT_FIELDS.map((field) => [field, project[field] ?? null])),
    participants: participants.map((row) => `${row.organisationId}=${row.role}`).sort(),
    practices: practices.map((row) => `${row.practiceId}=${row.role}`).sort(),
    synergies: synergies.map((row) => `${row.other}=${row.kind}`).sort(),
    twinning: twinning && {
      originatorId: twinning.originatorId,
      practiceId: twinning.practiceId,
      type: twinning.type,
      outcome: twinning.outcome ?? null,
      completedAt: twinning.completedAt ?? null,
      adopterIds: adopters.map((row) => row.organisationId).sort(),
      stages: stages.map(({ name, startDate, endDate, description }) => ({
        name,
        startDate,
        endDate,
        description: description ?? null,
      })),
    },
  };
}

/**
 * A synergy shows on both projects, so the other project's history says so too: SYNERGY_ADDED, SYNERGY_REMOVED or
 * SYNERGY_CHANGED, with the link as it reads from there ("project=KIND").
 */
export function recordOtherSides(
  tx: EntityManager,
  actor: SignedInCaller,
  id: string,
  before: ProjectSnapshot,
  after: ProjectSnapshot,
  comment: string | null,
  live: ReadonlySet<string>,
) {
  const links = (snapshot: ProjectSnapshot) =>
    new Map(
      snapshot.synergies.map((link) => {
        const [other, kind] = link.split('=') as [string, SynergyKind];
        return [other, `${id}=${reverseSynergy[kind]}`];
      }),
    );
  const [was, is] = [links(before), links(after)];
  for (const other of new Set([...was.keys(), ...is.keys()])) {
    const from = was.get(other) ?? null;
    const to = is.get(other) ?? null;
    if (from === to || !live.has(other)) continue;
    const action = from === null ? 'SYNERGY_ADDED' : to === null ? 'SYNERGY_REMOVED' : 'SYNERGY_CHANGED';
    recordProjectEvent(tx, other, actor, action, diff({ synergy: from }, { synergy: to }), comment);
  }
}
