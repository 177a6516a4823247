// The gateway's operation limits (tokens, nesting, depth, aliases, cost, directives): each refusal a 400 OPERATION_LIMIT_EXCEEDED that names its limit.
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { RequestWithId } from '@radar/common';
import type { Response } from 'express';
import {
  GraphQLError,
  type GraphQLFormattedError,
  Lexer,
  type ParseOptions,
  Source,
  TokenKind,
  type ValidationContext,
} from 'graphql';
import type { GatewayConfig } from './config.js';

export const OPERATION_LIMIT_EXCEEDED = 'OPERATION_LIMIT_EXCEEDED';

export interface OperationLimitSettings {
  tokens: number;
  /** Brackets ({, [, () open at once: bounds the parser's recursion, whatever the document nests. */
  nesting: number;
  depth: number;
  aliases: number;
  cost: number;
  directives: number;
  /** Strips "Did you mean …" from errors, so a caller cannot map the schema by typos (production). */
  hideFieldSuggestions: boolean;
}

export type OperationLimit = Exclude<keyof OperationLimitSettings, 'hideFieldSuggestions'>;

/** The limits the gateway's configuration sets, whichever engine serves the supergraph. */
export function gatewayLimitSettings(
  config: Pick<GatewayConfig, 'MAX_TOKENS' | 'MAX_DEPTH' | 'MAX_ALIASES' | 'MAX_COST' | 'development'>,
): OperationLimitSettings {
  return {
    tokens: config.MAX_TOKENS,
    nesting: 100,
    depth: config.MAX_DEPTH,
    aliases: config.MAX_ALIASES,
    cost: config.MAX_COST,
    directives: 20,
    hideFieldSuggestions: !config.development,
  };
}

/** A limit's refusal, reported by a validation rule; Apollo Server wraps it as a validation error. */
class OperationLimitRefusal extends GraphQLError {
  constructor(
    message: string,
    readonly limit: OperationLimit,
    readonly maximum: number,
  ) {
    super(message, { extensions: { limit, maximum } });
  }
}

type ErrorFormatter = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

/**
 * Tokens and nesting are lexical limits, checked on the raw document before Apollo Server parses it, so a
 * document over them is never parsed (graphql-armor's own token plugin re-parses in a hook that Apollo Server
 * answers with a 500, so it stays off). Depth, aliases, cost and directives are graphql-armor's validation
 * rules, told to report each refusal instead of throwing; Apollo Server answers them 400 as validation
 * errors, and `formatError` gives each the limit's own code, known by the refusal's class, not its message.
 */
export function operationLimits<T extends BaseContext>(settings: OperationLimitSettings) {
  const refuse = (limit: OperationLimit) => (context: ValidationContext | null, armorError: GraphQLError) => {
    // graphql-armor words every refusal as a syntax error; it is not one.
    const message = armorError.message.replace(/^Syntax Error: /, '');
    context?.reportError(new OperationLimitRefusal(message, limit, settings[limit]));
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

  // The parser's own count backs the lexical check up for any path that does not pass the HTTP guard.
  const parseOptions: ParseOptions = { maxTokens: settings.tokens };
  /** The error a document over a lexical limit is answered with (a 400), for any HTTP server in front. */
  const lexicalRefusalOf = (document: string) => {
    const refusal = lexicalRefusal(document, settings);
    if (!refusal) return undefined;
    return {
      message: refusal.message,
      extensions: { code: OPERATION_LIMIT_EXCEEDED, limit: refusal.limit, maximum: settings[refusal.limit] },
    };
  };

  const withinLimits = new KnownDocuments();
  return {
    /** For the HTTP shell: refuses a document over a lexical limit before GraphQL sees it. */
    guard(req: RequestWithId, res: Response): boolean {
      const document = documentOf(req);
      if (document === undefined || withinLimits.has(document)) return true;
      const refusal = lexicalRefusalOf(document);
      if (!refusal) {
        withinLimits.add(document);
        return true;
      }
      req.log.info({ limit: refusal.extensions.limit }, 'refused an operation over a lexical limit');
      res.status(400).json({ errors: [refusal] });
      return false;
    },
    lexicalRefusalOf,
    parseOptions,
    validationRules: armor.validationRules,
    // graphql-armor declares its plugins against Apollo Server's CommonJS types, the gateway loads the ES module.
    plugins: armor.plugins as unknown as ApolloServerPlugin<T>[],
    /** Wraps the error formatter: a limit's refusal keeps Apollo Server's 400 and gets the limit's code. */
    formatError:
      (next: ErrorFormatter): ErrorFormatter =>
      (formatted, error) => {
        const shown = next(formatted, error);
        // Apollo Server wraps a validation error once, keeping the one it wrapped as originalError.
        const refusal = error instanceof GraphQLError ? error.originalError : undefined;
        if (!(refusal instanceof OperationLimitRefusal)) return shown;
        return { ...shown, extensions: { ...shown.extensions, code: OPERATION_LIMIT_EXCEEDED } };
      },
  };
}

/** Whether a validation error is a limit's refusal (Apollo Server wraps it; other servers report it as it is). */
export function isOperationLimitRefusal(error: unknown): boolean {
  return (
    error instanceof OperationLimitRefusal ||
    (error instanceof GraphQLError && error.originalError instanceof OperationLimitRefusal)
  );
}

/**
 * Documents already found within the lexical limits: clients send the same few operations again and again, so each
 * is lexed once. Bounded by the characters kept; when full it starts again empty.
 */
class KnownDocuments {
  private readonly documents = new Set<string>();
  private characters = 0;

  constructor(private readonly maxCharacters = 4 * 1024 * 1024) {}

  has(document: string) {
    return this.documents.has(document);
  }

  add(document: string) {
    if (this.characters + document.length > this.maxCharacters) {
      this.documents.clear();
      this.characters = 0;
    }
    this.documents.add(document);
    this.characters += document.length;
  }
}

/** The document of a single GraphQL request over GET or POST; anything else is Apollo Server's to refuse. */
function documentOf(req: RequestWithId): string | undefined {
  const query = req.method === 'GET' ? req.query.query : (req.body as { query?: unknown } | undefined)?.query;
  return typeof query === 'string' ? query : undefined;
}

/** The first lexical limit the document goes over, counting tokens as graphql-js's parser does (comments aside). */
function lexicalRefusal(document: string, settings: OperationLimitSettings) {
  const lexer = new Lexer(new Source(document));
  let tokens = 0;
  let nesting = 0;
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
      if (++tokens > settings.tokens) {
        return { limit: 'tokens', message: `Token limit of ${settings.tokens} exceeded.` } as const;
      }
      if (opening.has(token.kind) && ++nesting > settings.nesting) {
        return { limit: 'nesting', message: `Nesting limit of ${settings.nesting} exceeded.` } as const;
      }
      if (closing.has(token.kind)) nesting--;
    }
  } catch {
    // A lexical error: the parser reports it as the syntax error it is.
  }
  return undefined;
}

const opening: ReadonlySet<TokenKind> = new Set([TokenKind.BRACE_L, TokenKind.BRACKET_L, TokenKind.PAREN_L]);
const closing: ReadonlySet<TokenKind> = new Set([TokenKind.BRACE_R, TokenKind.BRACKET_R, TokenKind.PAREN_R]);
