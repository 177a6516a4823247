// Outages: recognises a database or service that cannot be reached right now, and answers it 503
// SERVICE_UNAVAILABLE with Retry-After instead of an internal error.
import type { ApolloServerPlugin, BaseContext, GraphQLRequestContextWillSendResponse } from '@apollo/server';
import { ConnectionException } from '@mikro-orm/core';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ErrorCode } from './errors.js';
import type { Logger } from './logger.js';

/** How long a client is asked to wait before retrying; a restarting PostgreSQL is back within seconds. */
export const RETRY_AFTER_SECONDS = 5;
export const RETRY_AFTER_HEADER = 'retry-after';

/** Socket and fetch failures: the other side is down, restarting or unreachable. */
const connectionErrorCodes: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

/**
 * PostgreSQL SQLSTATEs of a server that is going away or not there yet: admin, crash and
 * immediate shutdown, cannot connect now (starting up, shutting down, recovering), too many connections.
 */
const unavailableSqlStates: ReadonlySet<string> = new Set(['57P01', '57P02', '57P03', '53300']);
/** Class 08: connection exceptions (connection does not exist, failure, rejected, protocol violation). */
const connectionExceptionClass = /^08[0-9A-Z]{3}$/;

/** What node-postgres and its pool say, without a code, when a connection drops or cannot be had in time. */
const connectionFailureMessages = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /is not queryable/i,
  /Connection ended unexpectedly/i,
];

/** True when the error, or anything it wraps, says a database or service could not be reached. */
export function isOutage(error: unknown): boolean {
  return causes(error).some(isOutageItself);
}

function isOutageItself(error: object): boolean {
  if (error instanceof GraphQLError) return error.extensions.code === ErrorCode.ServiceUnavailable;
  if (error instanceof ConnectionException) return true;
  const { code, name, message } = error as { code?: unknown; name?: unknown; message?: unknown };
  if (typeof code === 'string') {
    if (connectionErrorCodes.has(code) || unavailableSqlStates.has(code) || connectionExceptionClass.test(code)) {
      return true;
    }
  }
  // AbortSignal.timeout(): a service that accepted the connection but did not answer in time.
  if (name === 'TimeoutError') return true;
  return typeof message === 'string' && connectionFailureMessages.some((pattern) => pattern.test(message));
}

/** The error and what it wraps: GraphQL's originalError, `cause` and the errors of an AggregateError. */
function causes(error: unknown): object[] {
  const found: object[] = [];
  const pending = [error];
  while (pending.length > 0 && found.length < 16) {
    const next = pending.shift();
    if (typeof next !== 'object' || next === null || found.includes(next)) continue;
    found.push(next);
    const { originalError, cause, errors } = next as { originalError?: unknown; cause?: unknown; errors?: unknown };
    pending.push(originalError, cause, ...(Array.isArray(errors) ? errors : []));
  }
  return found;
}

/**
 * The HTTP head of an outage answer, in the form Apollo Server reads from `extensions.http` (headers as a Map).
 * Typed as a plain record: Hive Gateway's types, once loaded, declare `extensions.http` with other headers.
 */
export function outageHttp(): Record<string, unknown> {
  return { status: 503, headers: new Map([[RETRY_AFTER_HEADER, String(RETRY_AFTER_SECONDS)]]) };
}

export const DATABASE_UNAVAILABLE = 'The database is unavailable right now; retry shortly.';

/** A SERVICE_UNAVAILABLE error that also makes Apollo answer 503 with Retry-After (e.g. from context creation). */
export function serviceUnavailable(message = DATABASE_UNAVAILABLE, cause?: unknown): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: ErrorCode.ServiceUnavailable, http: outageHttp() },
    ...(cause instanceof Error ? { originalError: cause } : {}),
  });
}

/** Rethrows an outage as SERVICE_UNAVAILABLE (503) and anything else as it is. */
export function rethrowOutage(error: unknown): never {
  if (isOutage(error)) {
    throw error instanceof GraphQLError && error.extensions.code === ErrorCode.ServiceUnavailable
      ? new GraphQLError(error.message, {
          extensions: { ...error.extensions, http: outageHttp() },
          originalError: error,
        })
      : serviceUnavailable(DATABASE_UNAVAILABLE, error);
  }
  throw error;
}

type FormatError = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

/** Wraps an error formatter so that an outage reads SERVICE_UNAVAILABLE, not a masked internal error. */
export function formatOutages(format: FormatError, log: Logger): FormatError {
  return (formatted, error) => {
    if (formatted.extensions?.code === ErrorCode.ServiceUnavailable || !isOutage(error)) {
      return format(formatted, error);
    }
    log.warn({ err: error, path: formatted.path }, 'a database or service is unavailable');
    return {
      message: DATABASE_UNAVAILABLE,
      ...(formatted.path ? { path: formatted.path } : {}),
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      extensions: { code: ErrorCode.ServiceUnavailable },
    };
  };
}

/**
 * Answers 503 with Retry-After when an outage left nothing to answer: no data, or every root field null with an
 * error of its own. When part of the query could be answered, the partial data stays a 200 with its errors.
 */
export function outagePlugin<T extends BaseContext>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }: GraphQLRequestContextWillSendResponse<T>) {
          if (response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          if (!errors?.some((error) => error.extensions?.code === ErrorCode.ServiceUnavailable)) return;
          const status = response.http.status;
          if (status !== undefined && status !== 200 && status < 500) return;
          if (!answeredNothing(data, errors)) return;
          response.http.status = 503;
          response.http.headers.set(RETRY_AFTER_HEADER, String(RETRY_AFTER_SECONDS));
        },
      };
    },
  };
}

/** Whether an answer has nothing in it: no data, or every root field null with an error of its own. */
export function answeredNothing(
  data: Record<string, unknown> | null | undefined,
  errors: readonly GraphQLFormattedError[],
) {
  if (data === null || data === undefined) return true;
  const roots = Object.entries(data);
  return (
    roots.length > 0 && roots.every(([key, value]) => value === null && errors.some((error) => error.path?.[0] === key))
  );
}
