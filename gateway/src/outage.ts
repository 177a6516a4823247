// What the gateway answers when a subgraph is down: SERVICE_UNAVAILABLE on the fields that subgraph serves,
// so the rest of the query is still answered, and a bounded wait for a subgraph that does not answer.
import { type GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ErrorCode, isOutage, type Logger } from '@radar/common';
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  GraphQLError,
  Kind,
  type OperationDefinitionNode,
  parse,
  type SelectionSetNode,
} from 'graphql';

/** Longer than any query RADAR answers; a subgraph that takes longer is treated as down. */
export const SUBGRAPH_TIMEOUT_MS = 20_000;

export const SUBGRAPH_UNAVAILABLE = 'A RADAR service this field needs is unavailable right now; retry shortly.';

type Fetcher = RemoteGraphQLDataSource['fetcher'];
type GatewayGraphQLResponse = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;

/**
 * A subgraph data source that turns an unreachable, timed-out or 502/503/504-answering subgraph into
 * SERVICE_UNAVAILABLE errors on the paths it was asked for, instead of one pathless internal error.
 */
export class OutageAwareDataSource<TContext extends { log: Logger }> extends RemoteGraphQLDataSource<TContext> {
  constructor(config: { url: string; fetcher: Fetcher }, timeoutMs = SUBGRAPH_TIMEOUT_MS) {
    super(config);
    const fetcher = config.fetcher;
    this.fetcher = (url, init) => fetcher(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  }

  override async process(options: GraphQLDataSourceProcessOptions<TContext>): Promise<GatewayGraphQLResponse> {
    try {
      return await super.process(options);
    } catch (error) {
      if (!('incomingRequestContext' in options) || !isOutage(error)) throw error;
      options.context.log.warn({ err: error, subgraph: this.url }, 'a subgraph is unavailable');
      const message =
        error instanceof GraphQLError && error.extensions.code === ErrorCode.ServiceUnavailable
          ? error.message
          : SUBGRAPH_UNAVAILABLE;
      return unavailableAnswer(
        options.document ?? parse(options.request.query ?? ''),
        options.request.variables,
        message,
      );
    }
  }

  /** A subgraph that answers 502, 503 or 504 (its database is down, or a proxy found it down) is an outage. */
  override async errorFromResponse(response: Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0]) {
    const error = await super.errorFromResponse(response);
    if (!isOutageStatus(response.status)) return error;
    const body = (error.extensions.response as { body?: unknown } | undefined)?.body;
    return new GraphQLError(outageMessage(body), { extensions: { code: ErrorCode.ServiceUnavailable } });
  }
}

export const isOutageStatus = (status: number) => status === 502 || status === 503 || status === 504;

/** What to tell the caller of a subgraph's outage answer: the subgraph's own SERVICE_UNAVAILABLE message, if any. */
export function outageMessage(body: unknown): string {
  const first = (body as { errors?: { message?: unknown; extensions?: { code?: unknown } }[] } | undefined)
    ?.errors?.[0];
  return first?.extensions?.code === ErrorCode.ServiceUnavailable && typeof first.message === 'string'
    ? first.message
    : SUBGRAPH_UNAVAILABLE;
}

/** The answer of a subgraph that could not be reached: SERVICE_UNAVAILABLE on every path it was asked for. */
export function unavailableAnswer(
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  message = SUBGRAPH_UNAVAILABLE,
) {
  return {
    data: null,
    errors: askedPaths(document, variables).map((path) => ({
      message,
      path,
      extensions: { code: ErrorCode.ServiceUnavailable },
    })),
  };
}

/**
 * The paths a subgraph operation was asked to fill, as the subgraph itself would name them in its errors: each
 * root field, or for an entity fetch each field of each entity (`_entities.<i>.<field>`), which the gateway maps
 * back to where those entities sit in the caller's query.
 */
export function askedPaths(document: DocumentNode, variables: Record<string, unknown> | undefined) {
  const operation = document.definitions.find(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  if (!operation) return [[]];
  const fragments = new Map(
    document.definitions
      .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
      .map((fragment) => [fragment.name.value, fragment]),
  );
  const roots = responseKeys(operation.selectionSet, fragments);
  const representations = variables?.representations;
  if (roots.length === 1 && roots[0] === '_entities' && Array.isArray(representations)) {
    const entities = operation.selectionSet.selections.find(
      (selection) => selection.kind === Kind.FIELD && selection.name.value === '_entities',
    );
    const fields =
      entities?.kind === Kind.FIELD && entities.selectionSet ? responseKeys(entities.selectionSet, fragments) : [];
    return representations.flatMap((_representation, index) =>
      fields.length > 0 ? fields.map((field) => ['_entities', index, field]) : [['_entities', index]],
    );
  }
  return roots.map((key) => [key]);
}

/** The response keys a selection set produces, through inline fragments and fragment spreads, without __typename. */
function responseKeys(selectionSet: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>): string[] {
  const keys = new Set<string>();
  const visit = (set: SelectionSetNode, depth: number) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        if (key !== '__typename') keys.add(key);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet, depth);
      } else if (depth < 10) {
        const fragment = fragments.get(selection.name.value);
        if (fragment) visit(fragment.selectionSet, depth + 1);
      }
    }
  };
  visit(selectionSet, 0);
  return [...keys];
}
