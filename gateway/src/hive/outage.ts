// A subgraph that is down, for Hive Gateway, answered as RADAR's gateway answers it: SERVICE_UNAVAILABLE on the
// fields it serves, the rest of the query still answered, and 503 with Retry-After when nothing could be.
import type { GatewayPlugin } from '@graphql-hive/gateway';
import { answeredNothing, ErrorCode, isOutage, RETRY_AFTER_HEADER, RETRY_AFTER_SECONDS } from '@radar/common';
import type { DocumentNode, GraphQLFormattedError } from 'graphql';
import { isOutageStatus, outageMessage, SUBGRAPH_TIMEOUT_MS, unavailableAnswer } from '../outage.js';

/**
 * RADAR's gateway's answer for a subgraph that is down. An entity fetch gets a null per entity, so that Hive
 * Gateway places each error at its entity's path, as RADAR's gateway does, rather than once on the list.
 */
function unavailable(document: DocumentNode, variables: Record<string, unknown> | undefined, message?: string) {
  const answer = unavailableAnswer(document, variables, message);
  const representations = variables?.representations;
  if (!Array.isArray(representations)) return Response.json(answer);
  return Response.json({ ...answer, data: { _entities: representations.map(() => null) } });
}

export function useRadarOutages(): GatewayPlugin {
  return {
    onFetch({ executionRequest, fetchFn, setFetchFn, context }) {
      if (!executionRequest) return;
      const { document, variables } = executionRequest;
      setFetchFn(async (url, init, ...rest) => {
        const timeout = AbortSignal.timeout(SUBGRAPH_TIMEOUT_MS);
        const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
        let response: Response;
        try {
          response = await fetchFn(url, { ...init, signal }, ...rest);
        } catch (error) {
          if (!isOutage(error)) throw error;
          context.log.warn({ err: error, subgraph: url }, 'a subgraph is unavailable');
          return unavailable(document, variables);
        }
        if (!isOutageStatus(response.status)) return response;
        return unavailable(document, variables, outageMessage(await response.json().catch(() => undefined)));
      });
    },
    onResultProcess({ result }) {
      if (Array.isArray(result) || Symbol.asyncIterator in result) return;
      const errors = result.errors ?? [];
      const outage = errors.find((error) => error.extensions?.code === ErrorCode.ServiceUnavailable);
      if (!outage || errors.some((error) => error.extensions?.http)) return;
      if (!answeredNothing(result.data, errors as readonly GraphQLFormattedError[])) return;
      (outage.extensions as Record<string, unknown>).http = {
        status: 503,
        headers: { [RETRY_AFTER_HEADER]: String(RETRY_AFTER_SECONDS) },
      };
    },
  };
}
