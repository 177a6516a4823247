// Links between records of different organisations, through the gateway: a network's membership and a practice's
// contributors need the other side's consent (or a curator), only accepted links count, and every link that starts
// or ends moves the versions and change feeds of the records whose answers it changes.
import { seedIds as organisations } from '@radar/organisations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GraphQLResponse, type Stack, startStack } from './support/stack.js';

let stack: Stack;
let outsiderKey: string;

beforeAll(async () => {
  stack = await startStack();
  outsiderKey = await stack.keys.editorOf(organisations.digitalEurope);
});
afterAll(async () => {
  await stack?.stop();
});

const UNKNOWN = '00000000-0000-4000-8000-000000000000';
const pause = () => new Promise((resolve) => setTimeout(resolve, 5));

async function ok<T = any>(query: string, variables: Record<string, unknown> = {}, key?: string): Promise<T> {
  const response = await stack.gql(query, variables, key ? { key } : {});
  expect(response.errors).toBeUndefined();
  return response.data as T;
}

/** The error a refused call answers with; the refused call returned no data. */
async function refused(query: string, variables: Record<string, unknown>, key?: string) {
  const response: GraphQLResponse = await stack.gql(query, variables, key ? { key } : {});
  expect(response.errors).toHaveLength(1);
  const data = response.data ? Object.values(response.data).filter((value) => value !== null) : [];
  expect(data).toEqual([]);
  return response.errors?.[0] as { message: string; extensions: Record<string, unknown> };
}

interface Org {
  id: string;
  key: string;
}

let named = 0;
/** A fresh organisation registered by a curator, and a key of one of its editors. */
async function organisation(kind = 'HEALTHCARE_PROVIDER'): Promise<Org> {
  named += 1;
  const created = await ok(
    `mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }`,
    { input: { name: `Consenting organisation ${named}`, kind, country: 'RO' } },
    stack.keys.curator,
  );
  const id = created.createOrganisation.id as string;
  return { id, key: await stack.keys.editorOf(id) };
}

describe('memberships of networks', () => {
  const READ = `query($id: UUID!) { organisation(id: $id) { version memberships { id } members { id } } }`;
  const read = async (id: string) =>
    (await ok(READ, { id })).organisation as {
      version: number;
      memberships: { id: string }[];
      members: { id: string }[];
    };
  const PROPOSE = `mutation($memberId: UUID!, $networkId: UUID!) {
    proposeMembership(memberId: $memberId, networkId: $networkId) { member { id } network { id } proposedAt } }`;
  const ACCEPT = `mutation($networkId: UUID!, $version: Int!, $memberId: UUID!) {
    acceptMembership(networkId: $networkId, version: $version, memberId: $memberId) { id version members { id } } }`;
  const DECLINE = `mutation($networkId: UUID!, $memberId: UUID!) { declineMembership(networkId: $networkId, memberId: $memberId) }`;
  const PROPOSALS = `query($id: UUID!) { membershipProposals(organisationId: $id) { member { id } network { id } } }`;
  const UPDATE = `mutation($id: UUID!, $version: Int!, $input: UpdateOrganisationInput!) {
    updateOrganisation(id: $id, version: $version, input: $input) { version memberships { id } } }`;
  const LEAVE = `mutation($id: UUID!, $version: Int!, $networkId: UUID!) {
    leaveNetwork(id: $id, version: $version, networkId: $networkId) { version memberships { id } } }`;
  const REMOVE = `mutation($id: UUID!, $version: Int!, $memberId: UUID!) {
    removeMember(id: $id, version: $version, memberId: $memberId) { version members { id } } }`;

  /** The versions the organisation change feed shows for `ids` among changes since `since`. */
  async function feed(since: string, ids: string[]) {
    const answer = await ok(
      `query($since: DateTimeISO) { organisationChanges(input: { since: $since, first: 100 }) { nodes { id organisation { version } } } }`,
      { since },
    );
    const nodes = answer.organisationChanges.nodes as { id: string; organisation: { version: number } | null }[];
    return Object.fromEntries(
      nodes.filter((node) => ids.includes(node.id)).map((node) => [node.id, node.organisation?.version ?? null]),
    );
  }

  it('refuses an editor declaring membership of a network directly, pointing at the proposal, and writes nothing', async () => {
    const member = await organisation();
    const network = await organisation('ASSOCIATION_NETWORK');
    const error = await refused(
      UPDATE,
      { id: member.id, version: 1, input: { memberships: [network.id] } },
      member.key,
    );
    expect(error.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'memberships[0]' });
    expect(error.message).toMatch(/proposeMembership/);
    expect(await read(member.id)).toEqual({ version: 1, memberships: [], members: [] });
    expect(await read(network.id)).toEqual({ version: 1, memberships: [], members: [] });
  });

  it('refuses proposals with the wrong key or bad ids, and never proposes twice', async () => {
    const member = await organisation();
    const network = await organisation('ASSOCIATION_NETWORK');
    const ids = { memberId: member.id, networkId: network.id };
    expect((await refused(PROPOSE, ids)).extensions.code).toBe('UNAUTHENTICATED');
    expect((await refused(PROPOSE, ids, network.key)).extensions.code).toBe('FORBIDDEN');
    expect((await refused(PROPOSE, ids, outsiderKey)).extensions.code).toBe('FORBIDDEN');
    expect((await refused(PROPOSE, { ...ids, memberId: UNKNOWN }, stack.keys.curator)).extensions.code).toBe(
      'NOT_FOUND',
    );
    expect((await refused(PROPOSE, { ...ids, networkId: UNKNOWN }, member.key)).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'networkId',
    });
    const self = await refused(PROPOSE, { ...ids, networkId: member.id }, member.key);
    expect(self.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'networkId' });
    expect(self.message).toMatch(/member of itself/);
    expect((await refused(PROPOSE, { ...ids, networkId: 'not-a-uuid' }, member.key)).extensions.code).toBe(
      'BAD_USER_INPUT',
    );
    expect(await ok(PROPOSALS, { id: member.id }, member.key)).toEqual({ membershipProposals: [] });

    await ok(PROPOSE, ids, member.key);
    const twice = await refused(PROPOSE, ids, member.key);
    expect(twice.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'networkId' });
    expect(twice.message).toMatch(/already proposed/);
    expect((await ok(PROPOSALS, { id: network.id }, network.key)).membershipProposals).toHaveLength(1);
  });

  it('starts when the network accepts, moving both organisations and both feed entries', async () => {
    const member = await organisation();
    const network = await organisation('ASSOCIATION_NETWORK');
    const ids = { memberId: member.id, networkId: network.id };
    const proposal = await ok(PROPOSE, ids, member.key);
    expect(proposal.proposeMembership).toMatchObject({ member: { id: member.id }, network: { id: network.id } });

    // A proposal changes neither organisation and is seen by both sides and curators only.
    expect(await read(member.id)).toEqual({ version: 1, memberships: [], members: [] });
    expect(await read(network.id)).toEqual({ version: 1, memberships: [], members: [] });
    const waiting = { membershipProposals: [{ member: { id: member.id }, network: { id: network.id } }] };
    for (const key of [member.key, stack.keys.curator])
      expect(await ok(PROPOSALS, { id: member.id }, key)).toEqual(waiting);
    expect(await ok(PROPOSALS, { id: network.id }, network.key)).toEqual(waiting);
    expect((await refused(PROPOSALS, { id: network.id }, outsiderKey)).extensions).toMatchObject({
      code: 'FORBIDDEN',
      field: 'organisationId',
    });
    expect((await refused(PROPOSALS, { id: network.id })).extensions.code).toBe('UNAUTHENTICATED');
    const organisationsList = await ok(
      `query($id: UUID!) { organisations(filter: { memberOf: $id }) { totalCount } }`,
      {
        id: network.id,
      },
    );
    expect(organisationsList.organisations.totalCount).toBe(0);

    // The member cannot accept its own proposal; a stale version or an unknown proposal is refused.
    expect((await refused(ACCEPT, { ...ids, version: 1 }, member.key)).extensions.code).toBe('FORBIDDEN');
    expect((await refused(ACCEPT, { ...ids, version: 2 }, network.key)).extensions).toMatchObject({
      code: 'CONFLICT',
      field: 'version',
    });
    expect((await refused(ACCEPT, { ...ids, memberId: UNKNOWN, version: 1 }, network.key)).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'memberId',
    });

    await pause();
    const since = new Date().toISOString();
    const accepted = await ok(ACCEPT, { ...ids, version: 1 }, network.key);
    expect(accepted.acceptMembership).toEqual({ id: network.id, version: 2, members: [{ id: member.id }] });
    expect(await read(member.id)).toEqual({ version: 2, memberships: [{ id: network.id }], members: [] });
    expect(await feed(since, [member.id, network.id])).toEqual({ [member.id]: 2, [network.id]: 2 });
    expect(await ok(PROPOSALS, { id: network.id }, network.key)).toEqual({ membershipProposals: [] });
    const twice = await refused(PROPOSE, ids, member.key);
    expect(twice.message).toMatch(/already a member/);
  });

  it('is declined by the network or withdrawn by the member, changing neither', async () => {
    const member = await organisation();
    const network = await organisation('ASSOCIATION_NETWORK');
    const other = await organisation('ASSOCIATION_NETWORK');
    await ok(PROPOSE, { memberId: member.id, networkId: network.id }, member.key);
    await ok(PROPOSE, { memberId: member.id, networkId: other.id }, member.key);

    const outsider = await refused(DECLINE, { networkId: network.id, memberId: member.id }, outsiderKey);
    expect(outsider.extensions.code).toBe('FORBIDDEN');
    expect(await ok(DECLINE, { networkId: network.id, memberId: member.id }, network.key)).toEqual({
      declineMembership: true,
    });
    expect(await ok(DECLINE, { networkId: other.id, memberId: member.id }, member.key)).toEqual({
      declineMembership: true,
    });
    const gone = await refused(DECLINE, { networkId: other.id, memberId: member.id }, member.key);
    expect(gone.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'memberId' });
    expect(
      (await refused(ACCEPT, { networkId: network.id, memberId: member.id, version: 1 }, network.key)).extensions,
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'memberId' });
    for (const id of [member.id, network.id, other.id]) {
      expect(await read(id)).toEqual({ version: 1, memberships: [], members: [] });
    }
  });

  it('is made at once by a curator, and ended by either side, moving both each time', async () => {
    const member = await organisation();
    const network = await organisation('ASSOCIATION_NETWORK');
    await ok(PROPOSE, { memberId: member.id, networkId: network.id }, member.key);

    // A curator links at once and settles the proposal.
    await pause();
    let since = new Date().toISOString();
    await ok(UPDATE, { id: member.id, version: 1, input: { memberships: [network.id] } }, stack.keys.curator);
    expect(await feed(since, [member.id, network.id])).toEqual({ [member.id]: 2, [network.id]: 2 });
    expect(await ok(PROPOSALS, { id: network.id }, stack.keys.curator)).toEqual({ membershipProposals: [] });

    // Keeping a network in a list is allowed to the member's editor; only new ones need consent.
    const kept = await ok(
      UPDATE,
      { id: member.id, version: 2, input: { memberships: [network.id], city: 'Iasi' } },
      member.key,
    );
    expect(kept.updateOrganisation).toEqual({ version: 3, memberships: [{ id: network.id }] });
    expect((await read(network.id)).version).toBe(2);

    // The network removes the member; a stranger, a stale version and a non-member are refused.
    expect(
      (await refused(REMOVE, { id: network.id, version: 2, memberId: member.id }, member.key)).extensions.code,
    ).toBe('FORBIDDEN');
    expect(
      (await refused(REMOVE, { id: network.id, version: 1, memberId: member.id }, network.key)).extensions.code,
    ).toBe('CONFLICT');
    expect(
      (await refused(REMOVE, { id: network.id, version: 2, memberId: UNKNOWN }, network.key)).extensions,
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'memberId' });
    await pause();
    since = new Date().toISOString();
    const removed = await ok(REMOVE, { id: network.id, version: 2, memberId: member.id }, network.key);
    expect(removed.removeMember).toEqual({ version: 3, members: [] });
    expect(await read(member.id)).toEqual({ version: 4, memberships: [], members: [] });
    expect(await feed(since, [member.id, network.id])).toEqual({ [member.id]: 4, [network.id]: 3 });

    // The member leaves, by leaveNetwork or by dropping the network from its list.
    await ok(PROPOSE, { memberId: member.id, networkId: network.id }, member.key);
    await ok(ACCEPT, { networkId: network.id, version: 3, memberId: member.id }, network.key);
    expect(
      (await refused(LEAVE, { id: member.id, version: 5, networkId: network.id }, network.key)).extensions.code,
    ).toBe('FORBIDDEN');
    await pause();
    since = new Date().toISOString();
    const left = await ok(LEAVE, { id: member.id, version: 5, networkId: network.id }, member.key);
    expect(left.leaveNetwork).toEqual({ version: 6, memberships: [] });
    expect(await feed(since, [member.id, network.id])).toEqual({ [member.id]: 6, [network.id]: 5 });
    const notMember = await refused(LEAVE, { id: member.id, version: 6, networkId: network.id }, member.key);
    expect(notMember.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'networkId' });

    await ok(PROPOSE, { memberId: member.id, networkId: network.id }, member.key);
    await ok(ACCEPT, { networkId: network.id, version: 5, memberId: member.id }, network.key);
    await pause();
    since = new Date().toISOString();
    const dropped = await ok(UPDATE, { id: member.id, version: 7, input: { memberships: [] } }, member.key);
    expect(dropped.updateOrganisation).toEqual({ version: 8, memberships: [] });
    expect(await feed(since, [member.id, network.id])).toEqual({ [member.id]: 8, [network.id]: 7 });
  });

  it('moves the networks and members of a deleted organisation, and drops what was proposed to it', async () => {
    const member = await organisation();
    const network = await organisation('ASSOCIATION_NETWORK');
    const asking = await organisation();
    await ok(UPDATE, { id: member.id, version: 1, input: { memberships: [network.id] } }, stack.keys.curator);
    await ok(PROPOSE, { memberId: asking.id, networkId: network.id }, asking.key);
    await pause();
    const since = new Date().toISOString();
    await ok(
      `mutation($id: UUID!) { deleteOrganisation(id: $id, version: 2) { id } }`,
      { id: network.id },
      stack.keys.curator,
    );
    expect(await read(member.id)).toEqual({ version: 3, memberships: [], members: [] });
    // The network shows in the feed as a tombstone, the member with its new version.
    expect(await feed(since, [member.id, network.id])).toEqual({ [member.id]: 3, [network.id]: null });
    expect(await ok(PROPOSALS, { id: asking.id }, asking.key)).toEqual({ membershipProposals: [] });
  });

  it('moves the networks a curator names when registering an organisation', async () => {
    const network = await organisation('ASSOCIATION_NETWORK');
    const created = await ok(
      `mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id version memberships { id } } }`,
      { input: { name: 'Registered with a network', kind: 'COMPANY', memberships: [network.id] } },
      stack.keys.curator,
    );
    expect(created.createOrganisation).toMatchObject({ version: 1, memberships: [{ id: network.id }] });
    expect(await read(network.id)).toEqual({
      version: 2,
      memberships: [],
      members: [{ id: created.createOrganisation.id }],
    });
  });
});

describe('contributors of practices', () => {
  const REGISTER = `mutation($input: RegisterPracticeInput!) { registerPractice(input: $input) { id version } }`;
  const READ = `query($id: UUID!) { practice(id: $id) { version contributors { role organisation { id } } } }`;
  const read = async (id: string) =>
    (await ok(READ, { id }, stack.keys.curator)).practice as {
      version: number;
      contributors: { role: string; organisation: { id: string } }[];
    };
  const UPDATE = `mutation($id: UUID!, $version: Int!, $input: UpdatePracticeInput!) {
    updatePractice(id: $id, version: $version, input: $input) { version contributors { role organisation { id } } } }`;
  const PROPOSE = `mutation($practiceId: UUID!, $organisationId: UUID!, $role: ContributorRole!) {
    proposeContribution(practiceId: $practiceId, organisationId: $organisationId, role: $role) {
      practiceId role organisation { id } } }`;
  const ACCEPT = `mutation($practiceId: UUID!, $organisationId: UUID!) {
    acceptContribution(practiceId: $practiceId, organisationId: $organisationId) { version contributors { role organisation { id } } } }`;
  const DECLINE = `mutation($practiceId: UUID!, $organisationId: UUID!) {
    declineContribution(practiceId: $practiceId, organisationId: $organisationId) }`;
  const WITHDRAW = `mutation($practiceId: UUID!, $organisationId: UUID!) {
    withdrawContribution(practiceId: $practiceId, organisationId: $organisationId) { version contributors { role } } }`;
  const BY_PRACTICE = `query($id: UUID!) { contributionProposals(practiceId: $id) { role organisation { id } } }`;
  const BY_ORGANISATION = `query($id: UUID!) { contributionProposals(organisationId: $id) { practiceId practice { id } role } }`;

  /** A published practice of `owner`, registered by a curator (so version 3). */
  async function publishedPractice(owner: Org, extra: Record<string, unknown> = {}) {
    const registered = await ok(
      REGISTER,
      {
        input: {
          title: `Practice of ${owner.id}`,
          summary: 'A practice whose contributors are named with their consent.',
          type: 'APP',
          maturity: 'PILOT',
          ownerId: owner.id,
          ...extra,
        },
      },
      stack.keys.curator,
    );
    const id = registered.registerPractice.id as string;
    await ok(`mutation($id: UUID!) { submitPractice(id: $id, version: 1) { version } }`, { id }, stack.keys.curator);
    await ok(`mutation($id: UUID!) { publishPractice(id: $id, version: 2) { version } }`, { id }, stack.keys.curator);
    return id;
  }

  async function practiceFeed(since: string, id: string) {
    const answer = await ok(
      `query($since: DateTimeISO) { practiceChanges(input: { since: $since }) { nodes { id practice { version } } } }`,
      { since },
    );
    const nodes = answer.practiceChanges.nodes as { id: string; practice: { version: number } | null }[];
    return nodes.filter((node) => node.id === id).map((node) => node.practice?.version ?? null);
  }

  it('refuses an editor naming a new contributor directly, pointing at the proposal, and writes nothing', async () => {
    const owner = await organisation();
    const partner = await organisation();
    const registered = await stack.gql(
      REGISTER,
      {
        input: {
          title: 'Named without consent',
          summary: 'An editor names another organisation as a contributor.',
          type: 'APP',
          maturity: 'PILOT',
          ownerId: owner.id,
          contributors: [{ organisationId: partner.id, role: 'PARTNER' }],
        },
      },
      { key: owner.key },
    );
    expect(registered.data?.registerPractice ?? null).toBeNull();
    expect(registered.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      field: 'contributors[0].organisationId',
    });
    expect(registered.errors?.[0]?.message).toMatch(/proposeContribution/);
    const owned = await ok(
      `query($id: UUID!) { organisation(id: $id) { practices { totalCount } } }`,
      { id: owner.id },
      owner.key,
    );
    expect(owned.organisation.practices.totalCount).toBe(0);

    const id = await publishedPractice(owner);
    const error = await refused(
      UPDATE,
      { id, version: 3, input: { contributors: [{ organisationId: partner.id, role: 'PARTNER' }] } },
      owner.key,
    );
    expect(error.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'contributors[0].organisationId' });
    expect(error.message).toMatch(/proposeContribution/);
    expect(await read(id)).toEqual({ version: 3, contributors: [] });
    const pending = await ok(
      `query($id: UUID!) { practice(id: $id) { pendingRevision { version } } }`,
      { id },
      owner.key,
    );
    expect(pending.practice.pendingRevision).toBeNull();
  });

  it('refuses proposals with the wrong key or bad ids, and never proposes twice', async () => {
    const owner = await organisation();
    const partner = await organisation();
    const id = await publishedPractice(owner);
    const ask = { practiceId: id, organisationId: partner.id, role: 'EVALUATOR' };
    expect((await refused(PROPOSE, ask)).extensions.code).toBe('UNAUTHENTICATED');
    expect((await refused(PROPOSE, ask, partner.key)).extensions.code).toBe('FORBIDDEN');
    expect((await refused(PROPOSE, { ...ask, practiceId: UNKNOWN }, owner.key)).extensions.code).toBe('NOT_FOUND');
    expect((await refused(PROPOSE, { ...ask, organisationId: UNKNOWN }, owner.key)).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'organisationId',
    });
    expect((await refused(PROPOSE, { ...ask, organisationId: owner.id }, owner.key)).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'organisationId',
    });
    expect((await refused(PROPOSE, { ...ask, role: 'SPONSOR' }, owner.key)).extensions.code).toBe('BAD_USER_INPUT');
    await ok(PROPOSE, ask, owner.key);
    const twice = await refused(PROPOSE, { ...ask, role: 'FUNDER' }, owner.key);
    expect(twice.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'organisationId' });
    expect(twice.message).toMatch(/already proposed/);
    expect((await ok(BY_PRACTICE, { id }, owner.key)).contributionProposals).toEqual([
      { role: 'EVALUATOR', organisation: { id: partner.id } },
    ]);
    expect(await read(id)).toEqual({ version: 3, contributors: [] });
  });

  it('counts a contributor only once it accepts, for the API, project links and its own practice list', async () => {
    const owner = await organisation();
    const partner = await organisation();
    const id = await publishedPractice(owner);
    await ok(PROPOSE, { practiceId: id, organisationId: partner.id, role: 'IMPLEMENTER' }, owner.key);

    // Pending: seen by both sides and curators, counted nowhere.
    expect(await read(id)).toEqual({ version: 3, contributors: [] });
    const waiting = [{ practiceId: id, practice: { id }, role: 'IMPLEMENTER' }];
    expect((await ok(BY_ORGANISATION, { id: partner.id }, partner.key)).contributionProposals).toEqual(waiting);
    expect((await ok(BY_ORGANISATION, { id: partner.id }, stack.keys.curator)).contributionProposals).toEqual(waiting);
    expect((await refused(BY_ORGANISATION, { id: partner.id }, outsiderKey)).extensions).toMatchObject({
      code: 'FORBIDDEN',
      field: 'organisationId',
    });
    expect((await refused(BY_PRACTICE, { id }, partner.key)).extensions).toMatchObject({
      code: 'FORBIDDEN',
      field: 'practiceId',
    });
    const CONTRIBUTED = `query($id: UUID!) { organisation(id: $id) { practices(role: CONTRIBUTOR) { totalCount } } }`;
    expect((await ok(CONTRIBUTED, { id: partner.id })).organisation.practices.totalCount).toBe(0);

    const coordinated = await ok(
      `mutation($input: CreateProjectInput!) { createProject(input: $input) { id version } }`,
      {
        input: {
          acronym: 'CONSENT',
          title: 'A project of the contributor',
          kind: 'RESEARCH_INNOVATION',
          programme: 'HORIZON_EUROPE',
          participants: [{ organisationId: partner.id, role: 'COORDINATOR' }],
        },
      },
      partner.key,
    );
    const project = coordinated.createProject.id as string;
    const LINK = `mutation($id: UUID!, $version: Int!, $practiceId: UUID!) {
      linkPractice(id: $id, version: $version, link: { practiceId: $practiceId, role: PRODUCED }) { version } }`;
    const claim = await refused(LINK, { id: project, version: 1, practiceId: id }, partner.key);
    expect(claim.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'role' });

    // The owner cannot accept its own proposal; the named organisation can.
    const own = await refused(ACCEPT, { practiceId: id, organisationId: partner.id }, owner.key);
    expect(own.extensions.code).toBe('FORBIDDEN');
    expect(
      (await refused(ACCEPT, { practiceId: id, organisationId: UNKNOWN }, stack.keys.curator)).extensions,
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'organisationId' });
    await pause();
    const since = new Date().toISOString();
    const accepted = await ok(ACCEPT, { practiceId: id, organisationId: partner.id }, partner.key);
    expect(accepted.acceptContribution).toEqual({
      version: 4,
      contributors: [{ role: 'IMPLEMENTER', organisation: { id: partner.id } }],
    });
    expect(await practiceFeed(since, id)).toEqual([4]);
    expect((await ok(BY_PRACTICE, { id }, owner.key)).contributionProposals).toEqual([]);
    expect((await ok(CONTRIBUTED, { id: partner.id })).organisation.practices.totalCount).toBe(1);
    expect((await ok(LINK, { id: project, version: 1, practiceId: id }, partner.key)).linkPractice.version).toBe(2);
    const history = await ok(
      `query($id: UUID!) { practice(id: $id) { history { action changes } } }`,
      { id },
      owner.key,
    );
    const events = history.practice.history as { action: string; changes: string }[];
    expect(
      events.filter((event) => event.action === 'CONTRIBUTOR_ACCEPTED').map((event) => JSON.parse(event.changes)),
    ).toEqual([{ contributors: { from: [], to: [{ organisationId: partner.id, role: 'IMPLEMENTER' }] } }]);
  });

  it('is declined by the organisation or withdrawn by the owner, and an accepted one may withdraw itself', async () => {
    const owner = await organisation();
    const partner = await organisation();
    const other = await organisation();
    const id = await publishedPractice(owner);
    await ok(PROPOSE, { practiceId: id, organisationId: partner.id, role: 'PARTNER' }, owner.key);
    await ok(PROPOSE, { practiceId: id, organisationId: other.id, role: 'FUNDER' }, owner.key);
    expect((await refused(DECLINE, { practiceId: id, organisationId: partner.id }, outsiderKey)).extensions.code).toBe(
      'FORBIDDEN',
    );
    expect(await ok(DECLINE, { practiceId: id, organisationId: partner.id }, partner.key)).toEqual({
      declineContribution: true,
    });
    expect(await ok(DECLINE, { practiceId: id, organisationId: other.id }, owner.key)).toEqual({
      declineContribution: true,
    });
    expect(
      (await refused(ACCEPT, { practiceId: id, organisationId: partner.id }, partner.key)).extensions,
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'organisationId',
    });
    expect(await read(id)).toEqual({ version: 3, contributors: [] });

    await ok(PROPOSE, { practiceId: id, organisationId: partner.id, role: 'PARTNER' }, owner.key);
    await ok(ACCEPT, { practiceId: id, organisationId: partner.id }, partner.key);
    expect((await refused(WITHDRAW, { practiceId: id, organisationId: partner.id }, outsiderKey)).extensions.code).toBe(
      'FORBIDDEN',
    );
    await pause();
    const since = new Date().toISOString();
    expect(await ok(WITHDRAW, { practiceId: id, organisationId: partner.id }, partner.key)).toEqual({
      withdrawContribution: { version: 5, contributors: [] },
    });
    expect(await practiceFeed(since, id)).toEqual([5]);
    const again = await refused(WITHDRAW, { practiceId: id, organisationId: partner.id }, partner.key);
    expect(again.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'organisationId' });
  });

  it('lets curators add at once, settling a proposal, and owners keep or re-role accepted contributors', async () => {
    const owner = await organisation();
    const partner = await organisation();
    const draft = await ok(
      REGISTER,
      {
        input: {
          title: 'Draft with partners',
          summary: 'A draft that names its partners.',
          type: 'APP',
          maturity: 'PILOT',
          ownerId: owner.id,
        },
      },
      owner.key,
    );
    const id = draft.registerPractice.id as string;
    await ok(PROPOSE, { practiceId: id, organisationId: partner.id, role: 'PARTNER' }, owner.key);
    // A draft is not readable by the organisation asked, but the proposal still shows to it.
    expect((await ok(BY_ORGANISATION, { id: partner.id }, partner.key)).contributionProposals).toEqual([
      { practiceId: id, practice: null, role: 'PARTNER' },
    ]);
    const added = await ok(
      UPDATE,
      { id, version: 1, input: { contributors: [{ organisationId: partner.id, role: 'FUNDER' }] } },
      stack.keys.curator,
    );
    expect(added.updatePractice).toEqual({
      version: 2,
      contributors: [{ role: 'FUNDER', organisation: { id: partner.id } }],
    });
    expect((await ok(BY_ORGANISATION, { id: partner.id }, partner.key)).contributionProposals).toEqual([]);
    const rerolled = await ok(
      UPDATE,
      { id, version: 2, input: { contributors: [{ organisationId: partner.id, role: 'EVALUATOR' }] } },
      owner.key,
    );
    expect(rerolled.updatePractice.contributors).toEqual([{ role: 'EVALUATOR', organisation: { id: partner.id } }]);
    const removed = await ok(UPDATE, { id, version: 3, input: { contributors: [] } }, owner.key);
    expect(removed.updatePractice).toEqual({ version: 4, contributors: [] });
  });

  it('applies a pending revision\u2019s contributors only as far as they still consent', async () => {
    const owner = await organisation();
    const staying = await organisation();
    const leaving = await organisation();
    const joining = await organisation();
    const id = await publishedPractice(owner, {});
    for (const partner of [staying, leaving]) {
      await ok(PROPOSE, { practiceId: id, organisationId: partner.id, role: 'PARTNER' }, owner.key);
      await ok(ACCEPT, { practiceId: id, organisationId: partner.id }, partner.key);
    }
    expect((await read(id)).version).toBe(5);
    // The owner's editor re-roles both in a revision that waits for a curator.
    const revised = await ok(
      `mutation($id: UUID!, $version: Int!, $input: UpdatePracticeInput!) {
        updatePractice(id: $id, version: $version, input: $input) { pendingRevision { version } } }`,
      {
        id,
        version: 5,
        input: {
          summary: 'Revised with its partners.',
          contributors: [
            { organisationId: staying.id, role: 'IMPLEMENTER' },
            { organisationId: leaving.id, role: 'IMPLEMENTER' },
          ],
        },
      },
      owner.key,
    );
    expect(revised.updatePractice.pendingRevision.version).toBe(6);
    // Meanwhile one withdraws and another joins; the revision follows both.
    await ok(WITHDRAW, { practiceId: id, organisationId: leaving.id }, leaving.key);
    await ok(PROPOSE, { practiceId: id, organisationId: joining.id, role: 'FUNDER' }, stack.keys.curator);
    await ok(ACCEPT, { practiceId: id, organisationId: joining.id }, joining.key);
    const pending = await ok(
      `query($id: UUID!) { practice(id: $id) { version pendingRevision { version } } }`,
      { id },
      owner.key,
    );
    expect(pending.practice.version).toBe(7);
    const accepted = await ok(
      `mutation($id: UUID!, $version: Int!) { acceptPracticeRevision(id: $id, version: $version) {
        version summary contributors { role organisation { id } } } }`,
      { id, version: pending.practice.pendingRevision.version },
      stack.keys.curator,
    );
    expect(accepted.acceptPracticeRevision.summary).toBe('Revised with its partners.');
    expect(accepted.acceptPracticeRevision.contributors).toEqual(
      expect.arrayContaining([
        { role: 'IMPLEMENTER', organisation: { id: staying.id } },
        { role: 'FUNDER', organisation: { id: joining.id } },
      ]),
    );
    expect(accepted.acceptPracticeRevision.contributors).toHaveLength(2);
  });
});
