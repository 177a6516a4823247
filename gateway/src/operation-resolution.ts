// A document whose operation cannot be chosen (unknown operationName, several operations and none named) is a 400.
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { type DocumentNode, GraphQLError, Kind } from 'graphql';

export const OPERATION_RESOLUTION_FAILURE = 'OPERATION_RESOLUTION_FAILURE';

/**
 * Apollo Server resolves the operation itself and answers 400 when it cannot, except behind a gateway: there
 * it hands the document to the gateway's executor, which throws, and the answer becomes a 500. Refusing here,
 * once Apollo Server has looked for the operation, gives the gateway the answer a subgraph gives.
 */
export function operationResolutionPlugin<T extends BaseContext>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, request }) {
          if (operation) return;
          throw new GraphQLError(unresolvable(document, request.operationName), {
            extensions: { code: OPERATION_RESOLUTION_FAILURE, http: { status: 400 } },
          });
        },
      };
    },
  };
}

/** The reason, worded as graphql-js words it for a subgraph. */
export function unresolvable(document: DocumentNode, operationName: string | undefined): string {
  if (operationName != null) return `Unknown operation named "${operationName}".`;
  const operations = document.definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  return operations.length > 1
    ? 'Must provide operation name if query contains multiple operations.'
    : 'Must provide an operation.';
}
