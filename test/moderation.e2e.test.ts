// Moderation through the gateway over real HTTP: curators return submitted practices with a comment, review the
// changes editors make to published practices while the published version stays public, and restore archived
// practices; what each kind of reader sees at each step, every refusal, and the audit trail.
import { type ExporterServer, loadExporterConfig, startExporter } from '@radar/exporter';
import { seedIds as organisations } from '@radar/organisations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack, testEnvironment } from './support/stack.js';

let stack: Stack;
let exporter: ExporterServer;
let owner: string;
let other: string;

beforeAll(async () => {
  stack = await startStack();
  owner = await stack.keys.editorOf(organisations.smartHospital);
  other = await stack.keys.editorOf(organisations.digitalEurope);
  exporter = await startExporter(
    loadExporterConfig({
      ...testEnvironment(),
      EXPORTER_PORT: '0',
      GATEWAY_URL: stack.gatewayUrl,
      RADAR_BASE_IRI: 'https://radar.example.eu',
    }),
  );
});
afterAll(async () => {
  await exporter?.close();
  await stack?.stop();
});

const TITLE = 'Remote rehabilitation after stroke';
const valid = {
  title: TITLE,
  summary: 'Physiotherapists guide stroke patients through exercises at home by video.',
  type: 'DIGITAL_SERVICE',
  maturity: 'PILOT',
  ownerId: organisations.smartHospital,
  countries: ['RO', 'PT'],
  nuts: ['RO21'],
  contactEmail: 'rehab@example.org',
};

const READ = `query($id: UUID!) { practice(id: $id) { id title summary trl nuts status version updatedAt } }`;
const INSIDE = `query($id: UUID!) { practice(id: $id) { title status version
  pendingRevision { version author authorRole changes openedAt changedAt }
  reviewComments { action comment author authorRole at }
  history { action actor actorRole changes comment } } }`;
const UPDATE = `mutation($id: UUID!, $version: Int!, $input: UpdatePracticeInput!) {
  updatePractice(id: $id, version: $version, input: $input) { title version pendingRevision { version changes } } }`;
const step = (name: string) =>
  `mutation($id: UUID!, $version: Int!) { ${name}(id: $id, version: $version) { id status version title } }`;
const RETURN = `mutation($id: UUID!, $version: Int!, $comment: String!) {
  returnPractice(id: $id, version: $version, comment: $comment) { status version } }`;
const ACCEPT = `mutation($id: UUID!, $version: Int!, $comment: String) {
  acceptPracticeRevision(id: $id, version: $version, comment: $comment) { title summary nuts version status pendingRevision { version } } }`;
const RETURN_REVISION = `mutation($id: UUID!, $version: Int!, $comment: String!) {
  returnPracticeRevision(id: $id, version: $version, comment: $comment) { title version pendingRevision { version } } }`;
const RESTORE = step('restorePractice');

async function ok<T = any>(query: string, variables: Record<string, unknown>, key?: string): Promise<T> {
  const response = await stack.gql(query, variables, key ? { key } : {});
  expect(response.errors).toBeUndefined();
  return response.data as T;
}

async function refused(query: string, variables: Record<string, unknown>, key?: string) {
  const response = await stack.gql(query, variables, key ? { key } : {});
  expect(response.data ?? null).toBeNull();
  return response.errors?.[0]?.extensions;
}

async function register() {
  return (
    await ok(
      `mutation($input: RegisterPracticeInput!) { registerPractice(input: $input) { id } }`,
      { input: valid },
      owner,
    )
  ).registerPractice.id as string;
}

async function published() {
  const id = await register();
  await ok(step('submitPractice'), { id, version: 1 }, owner);
  await ok(step('publishPractice'), { id, version: 2 }, stack.keys.curator);
  return id;
}

/** The practice as curators and its editors read it, the audit trail's changes parsed. */
async function inside(id: string, key: string) {
  const { practice } = await ok(INSIDE, { id }, key);
  const history = practice.history.map((event: { changes: string }) => ({
    ...event,
    changes: JSON.parse(event.changes),
  }));
  return { ...practice, history };
}
const actions = async (id: string) =>
  ((await inside(id, stack.keys.curator)).history as { action: string }[]).map((event) => event.action);

/** The practice's entry in the change feed harvesters walk, if it changed at or after `since`. */
async function feedEntry(id: string, since: string) {
  const feed = await ok(
    `query($since: DateTimeISO) { practiceChanges(input: { since: $since }) { nodes { id updatedAt practice { title version } } } }`,
    { since },
  );
  return (feed.practiceChanges.nodes as { id: string }[]).find((node) => node.id === id) ?? null;
}

describe('returning a submitted practice', () => {
  it('sends it back to draft with a comment only its editors and curators read, and audits it', async () => {
    const id = await register();
    await ok(step('submitPractice'), { id, version: 1 }, owner);
    const comment = 'Please add the evaluation report.';

    expect(await refused(RETURN, { id, version: 2, comment })).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await refused(RETURN, { id, version: 2, comment }, owner)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refused(RETURN, { id, version: 2, comment: '  \n ' }, stack.keys.curator)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'comment',
    });
    expect(await refused(RETURN, { id, version: 2, comment: 'x'.repeat(2001) }, stack.keys.curator)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'comment',
    });
    const missing = await stack.gql(RETURN, { id, version: 2 }, { key: stack.keys.curator });
    expect(missing.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(missing.errors?.[0]?.message).toContain('$comment');
    expect(await refused(RETURN, { id, version: 1, comment }, stack.keys.curator)).toMatchObject({
      code: 'CONFLICT',
      field: 'version',
      currentVersion: 2,
    });
    expect(await inside(id, stack.keys.curator)).toMatchObject({ status: 'SUBMITTED', version: 2, reviewComments: [] });

    const returned = await ok(RETURN, { id, version: 2, comment: `  ${comment} ` }, stack.keys.curator);
    expect(returned.returnPractice).toEqual({ status: 'DRAFT', version: 3 });
    for (const key of [owner, stack.keys.curator]) {
      const seen = await inside(id, key);
      expect(seen.status).toBe('DRAFT');
      expect(seen.reviewComments).toEqual([
        { action: 'RETURNED', comment, author: 'test curator', authorRole: 'curator', at: expect.any(String) },
      ]);
      expect(seen.history.at(-1)).toEqual({
        action: 'RETURNED',
        actor: 'test curator',
        actorRole: 'curator',
        changes: { status: { from: 'SUBMITTED', to: 'DRAFT' } },
        comment,
      });
    }
    expect((await ok(READ, { id })).practice).toBeNull();
    expect((await ok(READ, { id }, other)).practice).toBeNull();

    expect(await refused(RETURN, { id, version: 3, comment }, stack.keys.curator)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'status',
    });
    const again = await ok(step('submitPractice'), { id, version: 3 }, owner);
    expect(again.submitPractice).toMatchObject({ status: 'SUBMITTED', version: 4 });
    expect(await actions(id)).toEqual(['REGISTERED', 'SUBMITTED', 'RETURNED', 'SUBMITTED']);
  });

  it('keeps the comment from everyone else', async () => {
    const id = await register();
    await ok(step('submitPractice'), { id, version: 1 }, owner);
    await ok(RETURN, { id, version: 2, comment: 'Not yet.' }, stack.keys.curator);
    await ok(step('submitPractice'), { id, version: 3 }, owner);
    await ok(step('publishPractice'), { id, version: 4 }, stack.keys.curator);
    for (const key of [undefined, other]) {
      const response = await stack.gql(
        `query($id: UUID!) { practice(id: $id) { title reviewComments { comment } } }`,
        { id },
        key ? { key } : {},
      );
      expect(response.data?.practice).toEqual({ title: TITLE, reviewComments: null });
      expect(response.errors?.[0]).toMatchObject({
        path: ['practice', 'reviewComments'],
        extensions: { code: 'FORBIDDEN' },
      });
    }
  });
});

describe('changes to a published practice', () => {
  it('wait as a pending revision its editors and curators see, while everyone else reads the published version', async () => {
    const id = await published();
    const before = (await ok(READ, { id })).practice;
    expect(before).toMatchObject({ title: TITLE, version: 3, status: 'PUBLISHED' });

    const first = await ok(UPDATE, { id, version: 3, input: { title: 'Tele-rehabilitation after stroke' } }, owner);
    expect(first.updatePractice).toMatchObject({ title: TITLE, version: 3, pendingRevision: { version: 4 } });
    expect(JSON.parse(first.updatePractice.pendingRevision.changes)).toEqual({
      title: { from: TITLE, to: 'Tele-rehabilitation after stroke' },
    });

    // Anonymous readers and other organisations' editors: the published version, unchanged; the revision refused.
    for (const key of [undefined, other]) {
      expect((await ok(READ, { id }, key)).practice).toEqual(before);
      const response = await stack.gql(
        `query($id: UUID!) { practice(id: $id) { title pendingRevision { version } } }`,
        { id },
        key ? { key } : {},
      );
      expect(response.data?.practice).toEqual({ title: TITLE, pendingRevision: null });
      expect(response.errors?.[0]).toMatchObject({
        path: ['practice', 'pendingRevision'],
        extensions: { code: 'FORBIDDEN' },
      });
    }
    const search = await ok(`{ practices(filter: { text: "tele-rehabilitation" }) { totalCount } }`, {});
    expect(search.practices.totalCount).toBe(0);
    expect(await feedEntry(id, before.updatedAt)).toMatchObject({ updatedAt: before.updatedAt });

    // The linked-data record is the published version, with nothing of the revision.
    const record = await fetch(`${exporter.url}/practices/${id}`, { headers: { accept: 'application/ld+json' } });
    const body = await record.text();
    expect(JSON.parse(body).title).toEqual([{ '@value': TITLE, '@language': 'en' }]);
    expect(body).not.toContain('Tele-rehabilitation');

    // A second edit names the revision's version and adds to it; the practice's own version is stale while it waits.
    expect(
      await refused(UPDATE, { id, version: 3, input: { summary: 'A stale edit of the published text.' } }, owner),
    ).toMatchObject({ code: 'CONFLICT', field: 'version', currentVersion: 4 });
    const second = await ok(
      UPDATE,
      { id, version: 4, input: { summary: 'Video-guided exercises at home after a stroke.', nuts: ['RO21', 'PT17'] } },
      owner,
    );
    expect(second.updatePractice).toMatchObject({ title: TITLE, version: 3, pendingRevision: { version: 5 } });

    // Bad input to a revision is refused like any update, against what the revision would make of the practice.
    expect(await refused(UPDATE, { id, version: 5, input: { countries: ['RO'] } }, owner)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'countries',
    });
    expect(await refused(UPDATE, { id, version: 5, input: { title: null } }, owner)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'title',
    });
    expect(await refused(UPDATE, { id, version: 5, input: { trl: 9 } }, other)).toMatchObject({ code: 'FORBIDDEN' });
    expect(
      await refused(UPDATE, { id, version: 5, input: { ownerId: organisations.digitalEurope } }, owner),
    ).toMatchObject({ code: 'FORBIDDEN' });

    const ownerView = await inside(id, owner);
    expect(ownerView).toMatchObject({
      title: TITLE,
      version: 3,
      pendingRevision: { version: 5, author: 'test editor' },
    });
    expect(JSON.parse(ownerView.pendingRevision.changes)).toEqual({
      title: { from: TITLE, to: 'Tele-rehabilitation after stroke' },
      summary: { from: valid.summary, to: 'Video-guided exercises at home after a stroke.' },
      nuts: { from: ['RO21'], to: ['RO21', 'PT17'] },
    });
    expect((await inside(id, stack.keys.curator)).pendingRevision).toEqual(ownerView.pendingRevision);
    expect(await actions(id)).toEqual([
      'REGISTERED',
      'SUBMITTED',
      'PUBLISHED',
      'REVISION_SUBMITTED',
      'REVISION_SUBMITTED',
    ]);
  });

  it('are applied when a curator accepts them: a new version, in the change feed and the audit trail', async () => {
    const id = await published();
    const before = (await ok(READ, { id })).practice;
    await ok(UPDATE, { id, version: 3, input: { title: 'Accepted title', nuts: [] } }, owner);

    expect(await refused(ACCEPT, { id, version: 4 })).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await refused(ACCEPT, { id, version: 4 }, owner)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refused(ACCEPT, { id, version: 3 }, stack.keys.curator)).toMatchObject({
      code: 'CONFLICT',
      field: 'version',
      currentVersion: 4,
    });
    expect(await refused(ACCEPT, { id, version: 4, comment: ' ' }, stack.keys.curator)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'comment',
    });
    expect((await ok(READ, { id })).practice).toEqual(before);

    const accepted = await ok(ACCEPT, { id, version: 4, comment: 'Thanks, clearer.' }, stack.keys.curator);
    expect(accepted.acceptPracticeRevision).toEqual({
      title: 'Accepted title',
      summary: valid.summary,
      nuts: [],
      version: 4,
      status: 'PUBLISHED',
      pendingRevision: null,
    });
    const now = (await ok(READ, { id }, other)).practice;
    expect(now).toMatchObject({ title: 'Accepted title', nuts: [], version: 4 });
    expect(now.updatedAt > before.updatedAt).toBe(true);
    expect(await feedEntry(id, now.updatedAt)).toMatchObject({ practice: { title: 'Accepted title', version: 4 } });

    expect(await refused(ACCEPT, { id, version: 4 }, stack.keys.curator)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'id',
    });
    const seen = await inside(id, owner);
    expect(seen.reviewComments).toMatchObject([{ action: 'REVISION_ACCEPTED', comment: 'Thanks, clearer.' }]);
    const proposal = { title: { from: TITLE, to: 'Accepted title' }, nuts: { from: ['RO21'], to: [] } };
    expect(seen.history.slice(-2)).toEqual([
      { action: 'REVISION_SUBMITTED', actor: 'test editor', actorRole: 'editor', changes: proposal, comment: null },
      {
        action: 'REVISION_ACCEPTED',
        actor: 'test curator',
        actorRole: 'curator',
        changes: proposal,
        comment: 'Thanks, clearer.',
      },
    ]);
  });

  it('are dropped when a curator returns them with a comment, and the published version stays', async () => {
    const id = await published();
    const before = (await ok(READ, { id })).practice;
    await ok(UPDATE, { id, version: 3, input: { title: 'Returned title' } }, owner);
    const comment = 'The title must name the condition.';

    expect(await refused(RETURN_REVISION, { id, version: 4, comment }, owner)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refused(RETURN_REVISION, { id, version: 4, comment: '' }, stack.keys.curator)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'comment',
    });
    expect(await refused(RETURN_REVISION, { id, version: 3, comment }, stack.keys.curator)).toMatchObject({
      code: 'CONFLICT',
      currentVersion: 4,
    });

    const returned = await ok(RETURN_REVISION, { id, version: 4, comment }, stack.keys.curator);
    expect(returned.returnPracticeRevision).toEqual({ title: TITLE, version: 3, pendingRevision: null });
    expect((await ok(READ, { id })).practice).toEqual(before);
    expect(await feedEntry(id, before.updatedAt)).toMatchObject({ updatedAt: before.updatedAt });
    const seen = await inside(id, owner);
    expect(seen.reviewComments).toMatchObject([{ action: 'REVISION_RETURNED', comment, author: 'test curator' }]);
    expect(seen.history.at(-1)).toEqual({
      action: 'REVISION_RETURNED',
      actor: 'test curator',
      actorRole: 'curator',
      changes: { title: { from: TITLE, to: 'Returned title' } },
      comment,
    });
    expect(await refused(RETURN_REVISION, { id, version: 4, comment }, stack.keys.curator)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'id',
    });

    // The next edit opens a new revision whose version was never used, so a stale accept cannot take it.
    const next = await ok(UPDATE, { id, version: 3, input: { title: 'Stroke rehabilitation at home' } }, owner);
    expect(next.updatePractice.pendingRevision.version).toBe(5);
    expect(await refused(ACCEPT, { id, version: 4 }, stack.keys.curator)).toMatchObject({ code: 'CONFLICT' });
  });

  it('take one concurrent edit of the same revision version and refuse the others', async () => {
    const id = await published();
    await ok(UPDATE, { id, version: 3, input: { title: 'First proposal' } }, owner);
    const attempts = await Promise.all(
      [1, 2, 3, 4, 5].map((n) =>
        stack.gql(UPDATE, { id, version: 4, input: { summary: `Concurrent proposal number ${n}.` } }, { key: owner }),
      ),
    );
    const won = attempts.filter((response) => !response.errors);
    expect(won).toHaveLength(1);
    for (const response of attempts.filter((attempt) => attempt.errors)) {
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 5 });
    }
    const seen = await inside(id, owner);
    expect(seen.pendingRevision.version).toBe(5);
    expect(JSON.parse(seen.pendingRevision.changes).summary.to).toBe(
      JSON.parse(won[0]?.data?.updatePractice.pendingRevision.changes).summary.to,
    );
    expect(seen.history.filter((event: { action: string }) => event.action === 'REVISION_SUBMITTED')).toHaveLength(2);
  });

  it('by curators apply at once, and a pending revision is then read again under a new version', async () => {
    const id = await published();
    await ok(UPDATE, { id, version: 3, input: { title: 'Editor title' } }, owner);
    const direct = await ok(UPDATE, { id, version: 3, input: { trl: 6 } }, stack.keys.curator);
    expect(direct.updatePractice).toMatchObject({ title: TITLE, version: 4, pendingRevision: { version: 5 } });
    expect((await ok(READ, { id })).practice).toMatchObject({ trl: 6, title: TITLE, version: 4 });
    expect(await refused(UPDATE, { id, version: 4, input: { title: 'Stale editor title' } }, owner)).toMatchObject({
      code: 'CONFLICT',
      currentVersion: 5,
    });
    expect(await refused(ACCEPT, { id, version: 4 }, stack.keys.curator)).toMatchObject({ code: 'CONFLICT' });
    const accepted = await ok(ACCEPT, { id, version: 5 }, stack.keys.curator);
    expect(accepted.acceptPracticeRevision).toMatchObject({ title: 'Editor title', version: 5 });
    expect((await ok(READ, { id })).practice).toMatchObject({ trl: 6, title: 'Editor title' });
    expect(await actions(id)).toEqual([
      'REGISTERED',
      'SUBMITTED',
      'PUBLISHED',
      'REVISION_SUBMITTED',
      'UPDATED',
      'REVISION_ACCEPTED',
    ]);

    // A revision that a curator's later change makes invalid is refused on accept, and nothing is applied.
    await ok(UPDATE, { id, version: 5, input: { nuts: ['RO21', 'PT17'] } }, owner);
    const narrowed = await ok(UPDATE, { id, version: 5, input: { countries: ['RO'] } }, stack.keys.curator);
    const revision = narrowed.updatePractice.pendingRevision.version;
    expect(await refused(ACCEPT, { id, version: revision }, stack.keys.curator)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'nuts',
    });
    expect((await ok(READ, { id })).practice).toMatchObject({ nuts: ['RO21'], version: 6 });
    expect((await inside(id, owner)).pendingRevision.version).toBe(revision);
  });

  it('apply at once on drafts, and a pending revision is dropped, and audited, when the practice is unpublished', async () => {
    const draft = await register();
    const direct = await ok(UPDATE, { id: draft, version: 1, input: { title: 'Draft title' } }, owner);
    expect(direct.updatePractice).toMatchObject({ title: 'Draft title', version: 2 });
    await expect(inside(draft, owner)).resolves.toMatchObject({ pendingRevision: null });

    const id = await published();
    await ok(UPDATE, { id, version: 3, input: { title: 'Never reviewed' } }, owner);
    await ok(step('unpublishPractice'), { id, version: 3 }, stack.keys.curator);
    const seen = await inside(id, owner);
    expect(seen).toMatchObject({ title: TITLE, status: 'DRAFT', pendingRevision: null });
    expect(seen.history.at(-1)).toMatchObject({
      action: 'UNPUBLISHED',
      actor: 'test curator',
      changes: {
        status: { from: 'PUBLISHED', to: 'DRAFT' },
        pendingRevision: { from: { title: { from: TITLE, to: 'Never reviewed' } }, to: null },
      },
    });
    expect(await refused(ACCEPT, { id, version: 4 }, stack.keys.curator)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'id',
    });

    const doomed = await published();
    await ok(UPDATE, { id: doomed, version: 3, input: { title: 'Deleted with it' } }, owner);
    await ok(`mutation($id: UUID!) { deletePractice(id: $id, version: 3) { id } }`, { id: doomed }, owner);
    expect((await ok(READ, { id: doomed }, stack.keys.curator)).practice).toBeNull();
    expect(await refused(ACCEPT, { id: doomed, version: 4 }, stack.keys.curator)).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('restoring an archived practice', () => {
  it('brings a published practice back to the public, by a curator, and audits it', async () => {
    const id = await published();
    await ok(step('archivePractice'), { id, version: 3 }, owner);
    expect((await ok(READ, { id })).practice).toBeNull();

    expect(await refused(RESTORE, { id, version: 4 })).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await refused(RESTORE, { id, version: 4 }, owner)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refused(RESTORE, { id, version: 3 }, stack.keys.curator)).toMatchObject({
      code: 'CONFLICT',
      currentVersion: 4,
    });
    const unknown = await refused(
      RESTORE,
      { id: '00000000-0000-4000-8000-000000000000', version: 1 },
      stack.keys.curator,
    );
    expect(unknown).toMatchObject({ code: 'NOT_FOUND', field: 'id' });

    const restored = await ok(RESTORE, { id, version: 4 }, stack.keys.curator);
    expect(restored.restorePractice).toMatchObject({ status: 'PUBLISHED', version: 5 });
    const now = (await ok(READ, { id }, other)).practice;
    expect(now).toMatchObject({ status: 'PUBLISHED', title: TITLE });
    expect(await feedEntry(id, now.updatedAt)).toMatchObject({ practice: { title: TITLE, version: 5 } });
    expect((await inside(id, owner)).history.slice(-2)).toEqual([
      {
        action: 'ARCHIVED',
        actor: 'test editor',
        actorRole: 'editor',
        changes: { status: { from: 'PUBLISHED', to: 'ARCHIVED' } },
        comment: null,
      },
      {
        action: 'RESTORED',
        actor: 'test curator',
        actorRole: 'curator',
        changes: { status: { from: 'ARCHIVED', to: 'PUBLISHED' } },
        comment: null,
      },
    ]);
    expect(await refused(RESTORE, { id, version: 5 }, stack.keys.curator)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'status',
    });
  });

  it('brings a practice archived before publication back to where its review stood, never to the public', async () => {
    const draft = await register();
    await ok(step('archivePractice'), { id: draft, version: 1 }, owner);
    expect((await ok(RESTORE, { id: draft, version: 2 }, stack.keys.curator)).restorePractice.status).toBe('DRAFT');
    const submitted = await register();
    await ok(step('submitPractice'), { id: submitted, version: 1 }, owner);
    await ok(step('archivePractice'), { id: submitted, version: 2 }, owner);
    expect((await ok(RESTORE, { id: submitted, version: 3 }, stack.keys.curator)).restorePractice.status).toBe(
      'SUBMITTED',
    );
    for (const id of [draft, submitted]) expect((await ok(READ, { id })).practice).toBeNull();
    expect((await ok(READ, { id: draft }, owner)).practice.status).toBe('DRAFT');
  });
});
