// The plugins that make Hive Gateway answer as RADAR's gateway does: request ids, the caller, operation limits,
// error codes and masking, and the caller forwarded to each subgraph.
import { randomUUID } from 'node:crypto';
import type { GatewayPlugin } from '@graphql-hive/gateway';
import {
  type Caller,
  createErrorFormatter,
  formatOutages,
  KnownOperationTypes,
  type Logger,
  REQUEST_ID_HEADER,
} from '@radar/common';
import { GraphQLError, type GraphQLFormattedError, parse, type ValidationRule } from 'graphql';
import { isOperationLimitRefusal, OPERATION_LIMIT_EXCEEDED, type operationLimits } from '../operation-limits.js';
import { OPERATION_RESOLUTION_FAILURE, unresolvable } from '../operation-resolution.js';
import type { CallerAuthenticator } from './caller-authentication.js';
import type { SubgraphIdentity } from './subgraph-identity.js';

/** What RADAR's plugins add to a request's context. */
export interface RadarRequestContext {
  requestId: string;
  caller: Caller;
}

type Limits = ReturnType<typeof operationLimits>;

/** The caller's request id when well formed (as RADAR's HTTP shell takes it), else a new one. */
const requestIdPattern = /^[A-Za-z0-9._:-]{1,128}$/;

interface RequestState {
  requestId: string;
  log: Logger;
  caller?: Caller;
}

/** How a GraphQL error asks for its HTTP status; Hive Gateway reads it and leaves it out of the body. */
const httpStatus = (status: number) => ({ status });

/** A GraphQL error answered with an HTTP status. */
function withStatus(error: { message: string; extensions?: Record<string, unknown> }, status: number) {
  return new GraphQLError(error.message, { extensions: { ...error.extensions, http: httpStatus(status) } });
}

/** Like `withStatus`, keeping where in the document the error is. */
function withCode(error: GraphQLError, code: string, status: number) {
  return new GraphQLError(error.message, {
    ...(error.nodes ? { nodes: error.nodes } : {}),
    ...(error.source ? { source: error.source } : {}),
    ...(error.positions ? { positions: error.positions } : {}),
    ...(error.path ? { path: error.path } : {}),
    originalError: error.originalError ?? error,
    extensions: { ...error.extensions, code, http: httpStatus(status) },
  });
}

/**
 * Request ids, the lexical limits and authentication, in the order RADAR's HTTP shell applies them: an id for
 * every request; a document over a lexical limit refused (400) before anything else; then the credential
 * checked (401 when bad), before the document is parsed; the caller and id in the context of what follows, and
 * in the headers of every subgraph request, made for its exact body.
 */
export function useRadarRequests(options: {
  authenticator: CallerAuthenticator;
  identity: SubgraphIdentity;
  limits: Limits;
  log: Logger;
}): GatewayPlugin<RadarRequestContext> {
  const states = new WeakMap<Request, RequestState>();
  return {
    onRequest({ request }) {
      const given = request.headers.get(REQUEST_ID_HEADER);
      const requestId = given && requestIdPattern.test(given) ? given : randomUUID();
      states.set(request, { requestId, log: options.log.child({ requestId }) });
    },
    async onParams({ params, request, setResult }) {
      const state = states.get(request);
      if (!state) return;
      const refusal = typeof params.query === 'string' ? options.limits.lexicalRefusalOf(params.query) : undefined;
      if (refusal) {
        state.log.info({ limit: refusal.extensions.limit }, 'refused an operation over a lexical limit');
        setResult({ errors: [withStatus(refusal, 400)] });
        return;
      }
      try {
        state.caller = await options.authenticator.authenticate(request.headers.get('authorization') ?? undefined);
      } catch (error) {
        if (!(error instanceof GraphQLError)) throw error;
        setResult({ errors: [withStatus(error, 401)] });
      }
    },
    onContextBuilding({ context, extendContext }) {
      const state = states.get(context.request);
      if (!state?.caller) return;
      extendContext({ requestId: state.requestId, caller: state.caller });
    },
    onFetch({ context, options: init, setOptions }) {
      if (!('request' in context)) return;
      const state = states.get(context.request);
      if (!state?.caller) return;
      // What the subgraph is told is made for the very body it receives, which Hive Gateway sends as text.
      if (typeof init.body !== 'string') throw new Error('a subgraph request whose body is not text');
      setOptions({
        ...init,
        headers: {
          ...(init.headers as Record<string, string> | undefined),
          ...options.identity.headersFor({ caller: state.caller, requestId: state.requestId, body: init.body }),
        },
      });
    },
    onResponse({ request, response }) {
      const state = states.get(request);
      if (state) response.headers.set(REQUEST_ID_HEADER, state.requestId);
    },
    onDispose: () => options.authenticator.close(),
  };
}

/** Apollo Server's refusal of introspection, word for word, where RADAR's gateway does not offer it. */
const NoIntrospection: ValidationRule = (context) => ({
  Field(node) {
    if (node.name.value !== '__schema' && node.name.value !== '__type') return;
    context.reportError(
      new GraphQLError(
        'GraphQL introspection is not allowed by Apollo Server, but the query contained __schema or __type. To enable introspection, pass introspection: true to ApolloServer in production',
        { nodes: [node], extensions: { validationErrorCode: 'INTROSPECTION_DISABLED' } },
      ),
    );
  },
});

/** graphql-armor's suggestion hiding as RADAR's gateway runs it (its Apollo Server plugin), over every error. */
const hideSuggestions = (message: string) => message.replace(/Did you mean ".+"/g, '[Suggestion hidden]');

/**
 * The document rules of RADAR's gateway and the answers Apollo Server gives what breaks them: RADAR's operation
 * limits on depth, aliases, cost and directives (the very graphql-armor rules RADAR's gateway runs), its rule on
 * operation types, introspection when it is off; a syntax error 400 GRAPHQL_PARSE_FAILED, an invalid document
 * 400 GRAPHQL_VALIDATION_FAILED, a limit's refusal 400 OPERATION_LIMIT_EXCEEDED, an operation that cannot be
 * chosen 400 OPERATION_RESOLUTION_FAILURE in Apollo Server's words, a variable that does not fit its type 400
 * BAD_USER_INPUT; suggestions hidden in production.
 */
export function useRadarDocumentRules(
  limits: Limits,
  settings: { hideFieldSuggestions: boolean; introspection: boolean },
): GatewayPlugin {
  const rules = [KnownOperationTypes, ...limits.validationRules, ...(settings.introspection ? [] : [NoIntrospection])];
  const documents = new WeakMap<Request, { query: string; operationName: string | undefined }>();
  return {
    onParams({ params, request }) {
      if (typeof params.query === 'string') {
        documents.set(request, { query: params.query, operationName: params.operationName ?? undefined });
      }
    },
    onParse() {
      return ({ result, replaceParseResult }) => {
        if (result instanceof GraphQLError) replaceParseResult(withCode(result, 'GRAPHQL_PARSE_FAILED', 400));
      };
    },
    onValidate({ addValidationRule }) {
      for (const rule of rules) addValidationRule(rule);
      return ({ valid, result, setResult }) => {
        if (valid) return;
        setResult(
          result.map((error) =>
            withCode(
              error,
              isOperationLimitRefusal(error) ? OPERATION_LIMIT_EXCEEDED : 'GRAPHQL_VALIDATION_FAILED',
              400,
            ),
          ),
        );
      };
    },
    onExecute() {
      return {
        onExecuteDone({ result, setResult }) {
          if (Symbol.asyncIterator in result) return;
          // No data at all: execution never started, as when a variable does not fit its type.
          if (result.data !== undefined || !result.errors?.length) return;
          setResult({
            ...result,
            errors: result.errors.map((error) =>
              error.extensions?.code ? error : withCode(error, 'BAD_USER_INPUT', 400),
            ),
          });
        },
      };
    },
    onResultProcess({ request, result }) {
      for (const one of Array.isArray(result) ? result : [result]) {
        if (Symbol.asyncIterator in one) continue;
        for (const error of one.errors ?? []) {
          // Yoga refuses a document whose operation cannot be chosen right after parsing it, in words of its own.
          const sent = documents.get(request);
          if (error.extensions?.code === OPERATION_RESOLUTION_FAILURE && sent) {
            error.message = unresolvable(parse(sent.query), sent.operationName);
          }
          // Apollo Server answers a refused document 400 whatever the client accepts; Yoga, 200 to application/json.
          const http = error.extensions?.http as { spec?: boolean } | undefined;
          if (http?.spec) http.spec = false;
          if (settings.hideFieldSuggestions) error.message = hideSuggestions(error.message);
        }
      }
    },
  };
}

/**
 * RADAR's error masking: errors with a public code are shown as they are, anything else is logged and shown as
 * "Internal server error" (outside development); an outage reads SERVICE_UNAVAILABLE.
 */
export function radarMaskError(options: { log: Logger; maskInternal: boolean }) {
  const format = formatOutages(createErrorFormatter(options), options.log);
  return (error: unknown): Error => {
    const graphqlError =
      error instanceof GraphQLError
        ? error
        : new GraphQLError(error instanceof Error ? error.message : String(error), {
            ...(error instanceof Error ? { originalError: error } : {}),
          });
    const formatted: GraphQLFormattedError = graphqlError.toJSON();
    const shown = format(formatted, graphqlError);
    if (shown === formatted) return graphqlError;
    return new GraphQLError(shown.message, {
      ...(graphqlError.nodes ? { nodes: graphqlError.nodes } : {}),
      ...(graphqlError.source ? { source: graphqlError.source } : {}),
      ...(graphqlError.positions ? { positions: graphqlError.positions } : {}),
      ...(shown.path ? { path: shown.path } : {}),
      extensions: {
        ...shown.extensions,
        ...(graphqlError.extensions.http ? { http: graphqlError.extensions.http } : {}),
      },
    });
  };
}
