// A validation rule graphql-js 16 lacks (17 has it): an operation of a kind the schema does not offer is invalid.
import { GraphQLError, type ValidationRule } from 'graphql';

/**
 * Without it, `subscription { … }` against a schema without subscriptions passes validation and fails while
 * executing: a 500 behind the gateway and a masked internal error on a subgraph, for what is the caller's error.
 */
export const KnownOperationTypes: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (context.getSchema().getRootType(node.operation)) return;
    context.reportError(
      new GraphQLError(`The ${node.operation} operation is not supported by the schema.`, { nodes: node }),
    );
  },
});
