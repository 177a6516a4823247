import type { GraphQLRequestContextWillSendResponse } from '@apollo/server';
import { ConnectionException, DriverException, UniqueConstraintViolationException } from '@mikro-orm/core';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { badUserInput, createErrorFormatter } from './errors.js';
import { createLogger } from './logger.js';
import { formatOutages, isOutage, outagePlugin, rethrowOutage } from './outage.js';

const coded = (code: string, message = 'failed') => Object.assign(new Error(message), { code });
const log = createLogger('test', 'silent');

describe('isOutage', () => {
  it.each([
    ['a refused connection', coded('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['a reset connection', coded('ECONNRESET', 'read ECONNRESET')],
    ['an administrator shutdown (57P01)', coded('57P01', 'terminating connection due to administrator command')],
    ['a server starting up (57P03)', coded('57P03', 'the database system is starting up')],
    ['a connection exception (08006)', coded('08006', 'connection failure')],
    ['too many connections (53300)', coded('53300', 'sorry, too many clients already')],
    ['a pool timeout', new Error('timeout exceeded when trying to connect')],
    ['a dropped connection', new Error('Connection terminated unexpectedly')],
    ['an ORM connection exception', new ConnectionException(new Error('no connection'))],
    ['an ORM error wrapping a refused connection', new DriverException(coded('ECONNREFUSED'))],
    ['a fetch that failed to connect', new TypeError('fetch failed', { cause: coded('ECONNREFUSED') })],
    ['a request that timed out', Object.assign(new Error('The operation was aborted'), { name: 'TimeoutError' })],
    ['a refusal on every address', new AggregateError([coded('ECONNREFUSED'), coded('ECONNREFUSED')])],
    ['a resolver error wrapping one', new GraphQLError('failed', { originalError: coded('ECONNREFUSED') })],
    ['a SERVICE_UNAVAILABLE error', new GraphQLError('down', { extensions: { code: 'SERVICE_UNAVAILABLE' } })],
  ])('recognises %s', (_name, error) => {
    expect(isOutage(error)).toBe(true);
  });

  it.each([
    ['a unique violation', new UniqueConstraintViolationException(coded('23505', 'duplicate key'))],
    ['a cancelled statement (57014)', coded('57014', 'canceling statement due to statement timeout')],
    ['a syntax error', coded('42601', 'syntax error')],
    ['a caller error', badUserInput('title', 'must not be empty')],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a value that is not an error', 'ECONNREFUSED'],
    ['nothing', undefined],
  ])('does not take %s for an outage', (_name, error) => {
    expect(isOutage(error)).toBe(false);
  });

  it('stops on an error that wraps itself', () => {
    const error = new Error('loop') as Error & { cause?: unknown };
    error.cause = error;
    expect(isOutage(error)).toBe(false);
  });
});

describe('rethrowOutage', () => {
  it('turns an outage into SERVICE_UNAVAILABLE with a 503 and Retry-After for Apollo', () => {
    expect.assertions(3);
    try {
      rethrowOutage(coded('ECONNREFUSED'));
    } catch (error) {
      const extensions = (error as GraphQLError).extensions as unknown as {
        code: string;
        http: { status: number; headers: Map<string, string> };
      };
      expect(extensions.code).toBe('SERVICE_UNAVAILABLE');
      expect(extensions.http.status).toBe(503);
      expect(extensions.http.headers.get('retry-after')).toMatch(/^\d+$/);
    }
  });

  it('rethrows anything else unchanged', () => {
    const error = badUserInput('title', 'must not be empty');
    expect(() => rethrowOutage(error)).toThrow(error);
  });
});

describe('formatOutages', () => {
  const format = formatOutages(createErrorFormatter({ log, maskInternal: true }), log);
  const formatted = (error: GraphQLError): GraphQLFormattedError => error.toJSON();

  it('shows an outage as SERVICE_UNAVAILABLE on its path instead of a masked internal error', () => {
    const error = new GraphQLError('connect ECONNREFUSED 10.0.0.5:5432', {
      path: ['practices'],
      originalError: coded('ECONNREFUSED', 'connect ECONNREFUSED 10.0.0.5:5432'),
    });
    const shown = format(formatted(error), error);
    expect(shown.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(shown.path).toEqual(['practices']);
    expect(shown.message).not.toMatch(/10\.0\.0\.5/);
  });

  it('still masks other unexpected errors', () => {
    const error = new GraphQLError('secret detail', { originalError: new TypeError('secret detail') });
    expect(format(formatted(error), error)).toEqual({
      message: 'Internal server error',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });
});

describe('outagePlugin', () => {
  async function statusOf(data: Record<string, unknown> | null, errors: GraphQLFormattedError[], status?: number) {
    const hooks = await outagePlugin().requestDidStart?.({} as never);
    const headers = new Map<string, string>();
    const response = {
      body: { kind: 'single', singleResult: { data, errors } },
      http: { status, headers },
    };
    await hooks?.willSendResponse?.({ response } as unknown as GraphQLRequestContextWillSendResponse<never>);
    return { status: response.http.status, retryAfter: headers.get('retry-after') };
  }
  const down = (path: string[]): GraphQLFormattedError => ({
    message: 'down',
    path,
    extensions: { code: 'SERVICE_UNAVAILABLE' },
  });

  it('answers 503 with Retry-After when an outage left no data', async () => {
    expect(await statusOf(null, [down(['registerPractice'])])).toEqual({ status: 503, retryAfter: '5' });
  });

  it('answers 503 when every root field is null with its own outage error', async () => {
    expect(await statusOf({ project: null }, [down(['project'])])).toEqual({ status: 503, retryAfter: '5' });
  });

  it('keeps 200 for partial data', async () => {
    const partial = await statusOf({ organisation: { name: 'A' }, project: null }, [down(['project'])]);
    expect(partial).toEqual({ status: undefined, retryAfter: undefined });
  });

  it('leaves answers without an outage error alone', async () => {
    const refused = { message: 'bad', path: ['x'], extensions: { code: 'BAD_USER_INPUT' } };
    expect(await statusOf(null, [refused])).toEqual({ status: undefined, retryAfter: undefined });
  });

  it('does not turn a client error status into 503', async () => {
    expect(await statusOf(null, [down(['x'])], 400)).toEqual({ status: 400, retryAfter: undefined });
  });
});
