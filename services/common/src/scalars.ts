// Scalars shared by every subgraph, from graphql-scalars so their parsing and errors are the standard ones.
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

export {
  DateTimeISOResolver as DateTimeISO,
  LocalDateResolver as LocalDate,
  UUIDResolver as UUID,
} from 'graphql-scalars';

const EURO_PATTERN = /^(0|[1-9]\d{0,11})(\.\d{1,2})?$/;

function parseEuro(value: unknown): string {
  if (typeof value !== 'string' || !EURO_PATTERN.test(value)) {
    throw new GraphQLError('An amount in euros is a string of digits with up to two decimals, such as "1250000.50".', {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return value;
}

/** An amount of euros as a decimal string: never a float, so cents are never lost. */
export const EuroAmount = new GraphQLScalarType({
  name: 'EuroAmount',
  description: 'An amount in euros as a decimal string with up to two decimals, e.g. "1250000.50".',
  serialize: (value) => (typeof value === 'string' ? value : String(value)),
  parseValue: parseEuro,
  parseLiteral: (ast) => parseEuro(ast.kind === Kind.STRING ? ast.value : undefined),
});
