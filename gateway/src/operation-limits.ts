// The gateway's operation limits (tokens, depth, aliases, cost, directives): each refusal a 400 OPERATION_LIMIT_EXCEEDED that names its limit.
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  GraphQLError,
  type GraphQLFormattedError,
  Lexer,
  type ParseOptions,
  Source,
  TokenKind,
  type ValidationContext,
} from 'graphql';

export const OPERATION_LIMIT_EXCEEDED = 'OPERATION_LIMIT_EXCEEDED';

export interface OperationLimitSettings {
  tokens: number;
  depth: number;
  aliases: number;
  cost: number;
  directives: number;
  /** Strips "Did you mean …" from errors, so a caller cannot map the schema by typos (production). */
  hideFieldSuggestions: boolean;
}

export type OperationLimit = Exclude<keyof OperationLimitSettings, 'hideFieldSuggestions'>;

interface Refusal {
  limit: OperationLimit;
  maximum: number;
  message: string;
}

type ErrorFormatter = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

/**
 * Tokens are counted by graphql-js's own parser (`maxTokens`), so a document over the limit is never parsed
 * whole; graphql-armor's token plugin re-parses in a hook Apollo Server cannot turn into a 400, so it stays off.
 * The other limits are graphql-armor's validation rules, told to report each refusal instead of throwing.
 * Apollo Server answers both kinds 400 (as parse and validation errors); `formatError` then gives each
 * refusal the limit's own code, found by the error object it was recorded under, not by its message.
 */
export function operationLimits<T extends BaseContext>(settings: OperationLimitSettings) {
  const refusals = new WeakMap<object, Refusal>();
  const refuse = (limit: OperationLimit) => (context: ValidationContext | null, armorError: GraphQLError) => {
    // graphql-armor words every refusal as a syntax error; it is not one.
    const message = armorError.message.replace(/^Syntax Error: /, '');
    const error = new GraphQLError(message, { extensions: { limit, maximum: settings[limit] } });
    refusals.set(error, { limit, maximum: settings[limit], message });
    context?.reportError(error);
  };
  const reported = { propagateOnRejection: false };
  const armor = new ApolloArmor({
    maxTokens: { enabled: false },
    maxDepth: { n: settings.depth, ...reported, onReject: [refuse('depth')] },
    maxAliases: { n: settings.aliases, ...reported, onReject: [refuse('aliases')] },
    costLimit: { maxCost: settings.cost, ...reported, onReject: [refuse('cost')] },
    maxDirectives: { n: settings.directives, ...reported, onReject: [refuse('directives')] },
    blockFieldSuggestion: { enabled: settings.hideFieldSuggestions },
  }).protect();

  const tokenLimit: ApolloServerPlugin<T> = {
    async requestDidStart() {
      return {
        async parsingDidStart({ source }) {
          return async (error) => {
            if (!(error instanceof GraphQLError) || source === undefined) return;
            // The parser stops at the first token past the limit; a syntax error earlier in the document stays one.
            if (error.positions?.[0] !== startOfTokenAfter(source, settings.tokens)) return;
            refusals.set(error, {
              limit: 'tokens',
              maximum: settings.tokens,
              message: `Token limit of ${settings.tokens} exceeded.`,
            });
          };
        },
      };
    },
  };

  const parseOptions: ParseOptions = { maxTokens: settings.tokens };
  return {
    parseOptions,
    validationRules: armor.validationRules,
    // graphql-armor declares its plugins against Apollo Server's CommonJS types, the gateway loads the ES module.
    plugins: [...(armor.plugins as unknown as ApolloServerPlugin<T>[]), tokenLimit],
    /** Wraps the error formatter: a limit's refusal keeps Apollo Server's 400 and gets the limit's code. */
    formatError:
      (next: ErrorFormatter): ErrorFormatter =>
      (formatted, error) => {
        const shown = next(formatted, error);
        const refusal = refusalOf(error);
        if (!refusal) return shown;
        return {
          ...shown,
          message: refusal.message,
          extensions: {
            ...shown.extensions,
            code: OPERATION_LIMIT_EXCEEDED,
            limit: refusal.limit,
            maximum: refusal.maximum,
          },
        };
      },
  };

  function refusalOf(error: unknown): Refusal | undefined {
    // Apollo Server wraps a parse or validation error once, keeping the one it wrapped as originalError.
    if (!(error instanceof GraphQLError)) return undefined;
    return refusals.get(error) ?? (error.originalError ? refusals.get(error.originalError) : undefined);
  }
}

/** Where the document's token number `limit + 1` starts, as graphql-js's parser counts (comments aside). */
function startOfTokenAfter(body: string, limit: number): number | undefined {
  const lexer = new Lexer(new Source(body));
  try {
    for (let count = 0; ; count++) {
      const token = lexer.advance();
      if (token.kind === TokenKind.EOF) return undefined;
      if (count === limit) return token.start;
    }
  } catch {
    // A lexical error before the limit: the parser reports it as the syntax error it is.
    return undefined;
  }
}
