// The supergraph's own scalars, parsed at the gateway as every subgraph parses them.
import { DateTimeISO, EuroAmount, LocalDate, UUID } from '@radar/common';
import { type GraphQLScalarType, type GraphQLSchema, isScalarType } from 'graphql';

export const subgraphScalars: readonly GraphQLScalarType[] = [DateTimeISO, EuroAmount, LocalDate, UUID];

/**
 * The supergraph declares these scalars without their parsing, so the gateway let any value through and the
 * subgraph's refusal came back as a field error under a 200. With the subgraphs' parsers in the gateway's
 * schema, a malformed literal fails validation and a malformed variable fails coercion: both a 400 before any
 * subgraph is asked. Only parsing is taken: the gateway still forwards the caller's variables and the
 * subgraphs' results as they are.
 */
export function parseScalarsAsSubgraphsDo(schema: GraphQLSchema): void {
  for (const scalar of subgraphScalars) {
    const type = schema.getType(scalar.name);
    if (!isScalarType(type)) continue;
    type.parseValue = scalar.parseValue;
    type.parseLiteral = scalar.parseLiteral;
  }
}
