// Every scalar the supergraph declares for callers is parsed at the gateway, so a new one cannot be forgotten.
import { readFileSync } from 'node:fs';
import { buildSchema, GraphQLError, GraphQLScalarType, Kind, parse, valueFromAST } from 'graphql';
import { describe, expect, it } from 'vitest';
import { defaultSupergraphPath } from './gateway.js';
import { parseScalarsAsSubgraphsDo, subgraphScalars } from './scalars.js';

const federationScalar = /^(join|link)__/;

describe('the gateway scalars', () => {
  it('cover every custom scalar of the supergraph', () => {
    const declared = parse(readFileSync(defaultSupergraphPath, 'utf8'))
      .definitions.filter((definition) => definition.kind === Kind.SCALAR_TYPE_DEFINITION)
      .map((definition) => definition.name.value)
      .filter((name) => !federationScalar.test(name));
    expect(declared.length).toBeGreaterThan(0);
    expect(subgraphScalars.map((scalar) => scalar.name).sort()).toEqual(declared.sort());
  });

  it('refuse a malformed value and keep a good one as the subgraphs do', () => {
    const schema = buildSchema('scalar UUID scalar LocalDate type Query { one(id: UUID, on: LocalDate): Int }');
    parseScalarsAsSubgraphsDo(schema);
    const uuid = schema.getType('UUID') as GraphQLScalarType;
    expect(() => uuid.parseValue('nope')).toThrow(GraphQLError);
    expect(uuid.parseValue('0b6b3d3e-8a0c-4f5e-9d8e-6f1c2b3a4d5e')).toBe('0b6b3d3e-8a0c-4f5e-9d8e-6f1c2b3a4d5e');
    const date = schema.getType('LocalDate') as GraphQLScalarType;
    expect(valueFromAST({ kind: Kind.STRING, value: '2024-02-30' }, date)).toBeUndefined();
    expect(valueFromAST({ kind: Kind.STRING, value: '2024-02-29' }, date)).toBe('2024-02-29');
  });
});
