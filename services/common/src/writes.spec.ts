import { OptimisticLockError } from '@mikro-orm/core';
import type { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { badUserInput, InputProblems } from './errors.js';
import { checkExist, checkVersion, mapWriteErrors } from './writes.js';

async function caught(work: () => Promise<unknown>): Promise<GraphQLError> {
  const error = await work().then(
    () => null,
    (thrown: GraphQLError) => thrown,
  );
  if (!error) throw new Error('expected the work to be refused');
  return error;
}

describe('checkVersion', () => {
  it('passes the version stored and refuses another with the current one', async () => {
    expect(() => checkVersion('practice', { id: 'p1', version: 3 }, 3)).not.toThrow();
    const error = await caught(async () => checkVersion('practice', { id: 'p1', version: 3 }, 2));
    expect(error.message).toBe('You sent version 2 but practice p1 is at version 3; read it again and retry.');
    expect(error.extensions).toMatchObject({ code: 'CONFLICT', field: 'version', currentVersion: 3 });
  });
});

describe('mapWriteErrors', () => {
  it('turns a concurrent change into CONFLICT naming the record', async () => {
    const error = await caught(() =>
      mapWriteErrors('organisation', async () => {
        throw OptimisticLockError.lockFailed('organisation');
      }),
    );
    expect(error.extensions?.code).toBe('CONFLICT');
    expect(error.message).toMatch(/^The organisation was changed by someone else/);
  });

  it('returns what the write returns and lets other errors through', async () => {
    await expect(mapWriteErrors({ what: 'project' }, async () => 42)).resolves.toBe(42);
    await expect(
      mapWriteErrors('project', async () => {
        throw new RangeError('boom');
      }),
    ).rejects.toThrow(RangeError);
  });
});

describe('checkExist', () => {
  it('reports every missing record with its field at once', async () => {
    const named = [
      { field: 'ownerId', id: 'a' },
      { field: 'contributors[0].organisationId', id: 'b' },
      { field: 'contributors[1].organisationId', id: 'c' },
    ];
    const error = await caught(() => checkExist('organisation', named, async () => new Set(['a', 'c'])));
    expect(error.message).toBe('ownerId: organisation a does not exist (and 1 more problem: see extensions.problems)');
    expect(error.extensions?.problems).toEqual([
      { field: 'ownerId', message: 'organisation a does not exist' },
      { field: 'contributors[1].organisationId', message: 'organisation c does not exist' },
    ]);
    await expect(checkExist('organisation', named, async () => new Set())).resolves.toBeUndefined();
  });
});

describe('InputProblems', () => {
  it('gathers problems from several checks into one error and lets other failures through', async () => {
    const problems = new InputProblems().add('nuts', 'NUTS region RO21 is not in country PT').add('title', null);
    await problems.collect(() => {
      throw badUserInput('endDate', 'must not be before startDate');
    });
    const error = await caught(async () => problems.throwIfAny());
    expect(error.extensions?.problems).toEqual([
      { field: 'nuts', message: 'NUTS region RO21 is not in country PT' },
      { field: 'endDate', message: 'must not be before startDate' },
    ]);
    await expect(
      new InputProblems().collect(() => {
        throw new TypeError('not an input problem');
      }),
    ).rejects.toThrow(TypeError);
  });
});
