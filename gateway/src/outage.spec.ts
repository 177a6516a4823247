import { createLogger } from '@radar/common';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { askedPaths, OutageAwareDataSource } from './outage.js';

const log = createLogger('test', 'silent');

describe('askedPaths', () => {
  it('names each root field a subgraph was asked for, by its alias', () => {
    const document = parse('query { organisation(id: "1") { name } other: organisations { totalCount } __typename }');
    expect(askedPaths(document, {})).toEqual([['organisation'], ['other']]);
  });

  it('names each field of each entity of an entity fetch, through fragments', () => {
    const document = parse(`query($representations: [_Any!]!) { _entities(representations: $representations) {
      __typename ... on Project { title ...Dates } } }
      fragment Dates on Project { startDate }`);
    const representations = [
      { __typename: 'Project', id: 'a' },
      { __typename: 'Project', id: 'b' },
    ];
    expect(askedPaths(document, { representations })).toEqual([
      ['_entities', 0, 'title'],
      ['_entities', 0, 'startDate'],
      ['_entities', 1, 'title'],
      ['_entities', 1, 'startDate'],
    ]);
  });
});

describe('OutageAwareDataSource', () => {
  const document = parse('query { project(id: "1") { title } }');
  const options = {
    kind: 'incoming operation',
    request: { query: 'query { project(id: "1") { title } }', variables: {} },
    incomingRequestContext: {},
    context: { log },
    document,
  } as never;
  const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4003'), { code: 'ECONNREFUSED' });

  it('answers SERVICE_UNAVAILABLE on the asked paths when the subgraph cannot be reached', async () => {
    const source = new OutageAwareDataSource<{ log: typeof log }>({
      url: 'http://127.0.0.1:4003/graphql',
      fetcher: async () => {
        throw new TypeError('fetch failed', { cause: refused });
      },
    });
    const answer = await source.process(options);
    expect(answer.data).toBeNull();
    expect(answer.errors).toEqual([
      { message: expect.stringMatching(/unavailable/), path: ['project'], extensions: { code: 'SERVICE_UNAVAILABLE' } },
    ]);
    expect(JSON.stringify(answer)).not.toMatch(/127\.0\.0\.1/);
  });

  it('passes on the message of a subgraph that answers 503 for its own outage', async () => {
    const body = { errors: [{ message: 'The database is unavailable.', extensions: { code: 'SERVICE_UNAVAILABLE' } }] };
    const source = new OutageAwareDataSource<{ log: typeof log }>({
      url: 'http://127.0.0.1:4003/graphql',
      fetcher: async () =>
        new Response(JSON.stringify(body), { status: 503, headers: { 'content-type': 'application/json' } }) as never,
    });
    const answer = await source.process(options);
    expect(answer.errors?.[0]).toMatchObject({ message: 'The database is unavailable.', path: ['project'] });
  });

  it('leaves other failures to the gateway', async () => {
    const source = new OutageAwareDataSource<{ log: typeof log }>({
      url: 'http://127.0.0.1:4003/graphql',
      fetcher: async () => new Response('oops', { status: 500 }) as never,
    });
    await expect(source.process(options)).rejects.toThrow(/500/);
  });

  it('gives up on a subgraph that does not answer in time', async () => {
    const source = new OutageAwareDataSource<{ log: typeof log }>(
      {
        url: 'http://127.0.0.1:4003/graphql',
        fetcher: (_url, init) =>
          new Promise((_resolve, reject) => init?.signal.addEventListener('abort', () => reject(init.signal.reason))),
      },
      50,
    );
    const answer = await source.process(options);
    expect(answer.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
  });
});
