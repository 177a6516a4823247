// The error vocabulary of the API: every expected failure carries extensions.code (and the field it concerns).
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from './logger.js';

export const ErrorCode = {
  BadUserInput: 'BAD_USER_INPUT',
  Unauthenticated: 'UNAUTHENTICATED',
  Forbidden: 'FORBIDDEN',
  NotFound: 'NOT_FOUND',
  Conflict: 'CONFLICT',
  /** A service this one depends on did not answer; retrying later may work. */
  ServiceUnavailable: 'SERVICE_UNAVAILABLE',
  Internal: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Codes whose messages are meant for the caller and are shown unmasked. */
export const publicErrorCodes: ReadonlySet<string> = new Set([
  ...Object.values(ErrorCode).filter((code) => code !== ErrorCode.Internal),
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

export interface FieldProblem {
  field: string;
  message: string;
}

function apiError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions } });
}

export function badUserInput(field: string, message: string, problems: FieldProblem[] = [{ field, message }]) {
  return apiError(ErrorCode.BadUserInput, `${field}: ${message}`, { field, problems });
}

/**
 * Every problem of one input in one error: the message reads as the first problem (and says how many more there
 * are), `field` names the first field, and `problems` lists each field with its message.
 */
export function invalidInput(problems: readonly FieldProblem[]) {
  const [first, ...more] = problems;
  if (!first) throw new Error('invalidInput needs at least one problem');
  const rest =
    more.length === 0
      ? ''
      : ` (and ${more.length} more problem${more.length === 1 ? '' : 's'}: see extensions.problems)`;
  return apiError(ErrorCode.BadUserInput, `${first.field}: ${first.message}${rest}`, {
    field: first.field,
    problems: [...problems],
  });
}

/** Collects the problems of an input found by several checks, so they are all reported at once. */
export class InputProblems {
  readonly list: FieldProblem[] = [];

  add(field: string, message: string | null | undefined) {
    if (message) this.list.push({ field, message });
    return this;
  }

  /** Runs a check that throws BAD_USER_INPUT and keeps its problems instead; returns what the check returns. */
  async collect<T>(check: () => T | Promise<T>): Promise<T | undefined> {
    try {
      return await check();
    } catch (error) {
      const problems = badUserInputProblems(error);
      if (!problems) throw error;
      this.list.push(...problems);
      return undefined;
    }
  }

  throwIfAny() {
    if (this.list.length > 0) throw invalidInput(this.list);
  }
}

function badUserInputProblems(error: unknown): FieldProblem[] | null {
  if (!(error instanceof GraphQLError) || error.extensions.code !== ErrorCode.BadUserInput) return null;
  const problems = error.extensions.problems as FieldProblem[] | undefined;
  const field = String(error.extensions.field ?? '');
  return (
    problems ?? [
      {
        field,
        message: error.message.startsWith(`${field}: `) ? error.message.slice(field.length + 2) : error.message,
      },
    ]
  );
}
export function unauthenticated(
  message = 'Sign in first: send an API key or an OpenID Connect access token as "Authorization: Bearer <credential>".',
) {
  return apiError(ErrorCode.Unauthenticated, message);
}
export function forbidden(message: string) {
  return apiError(ErrorCode.Forbidden, message);
}
/** FORBIDDEN on one field of the input: the part of a write the caller has no right to, e.g. another's record. */
export function forbiddenOn(field: string, message: string) {
  return apiError(ErrorCode.Forbidden, message, { field });
}
export function notFound(what: string, id: string, field = 'id') {
  return apiError(ErrorCode.NotFound, `${what} ${id} does not exist`, { field });
}
export function conflict(message: string, field = 'version', extensions: Record<string, unknown> = {}) {
  return apiError(ErrorCode.Conflict, message, { field, ...extensions });
}

/**
 * Shows expected errors as they are and masks everything else outside development,
 * logging the original so it can be found by request id.
 */
export function createErrorFormatter(options: { log: Logger; maskInternal: boolean }) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && publicErrorCodes.has(code)) return formatted;
    options.log.error({ err: unwrap(error), path: formatted.path }, 'unexpected error');
    if (!options.maskInternal) return formatted;
    return {
      message: 'Internal server error',
      ...(formatted.path ? { path: formatted.path } : {}),
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      extensions: { code: ErrorCode.Internal },
    };
  };
}

function unwrap(error: unknown): unknown {
  return error instanceof GraphQLError && error.originalError ? error.originalError : error;
}
