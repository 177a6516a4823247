// The import's way into RADAR: GraphQL over HTTP to the gateway, with the caller's credential, so every rule and
// every right is the API's own.
import { DRY_RUN_HEADER, IMPORT_HEADER } from '@radar/common';

export interface GraphQLError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; field?: string; problems?: { field: string; message: string }[] } & Record<
    string,
    unknown
  >;
}

export interface GraphQLAnswer<T> {
  data?: T | null;
  errors?: GraphQLError[];
}

export interface ImportClient {
  request<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    options?: RequestOptions,
  ): Promise<GraphQLAnswer<T>>;
}

export interface RequestOptions {
  dryRun?: boolean;
  /** The import a write is part of, for its audit entry: `import <run> from <file>`. */
  importNote?: string;
}

/** A client of the gateway at `url` (its /graphql address), sending `credential` as a bearer token. */
export function gatewayClient(url: string, credential: string | undefined): ImportClient {
  return {
    async request<T>(query: string, variables: Record<string, unknown> = {}, options: RequestOptions = {}) {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(credential ? { authorization: `Bearer ${credential}` } : {}),
          ...(options.dryRun ? { [DRY_RUN_HEADER]: 'true' } : {}),
          ...(options.importNote ? { [IMPORT_HEADER]: encodeURIComponent(options.importNote) } : {}),
        },
        body: JSON.stringify({ query, variables }),
      });
      const text = await response.text();
      let body: GraphQLAnswer<T>;
      try {
        body = JSON.parse(text) as GraphQLAnswer<T>;
      } catch {
        throw new Error(`The gateway at ${url} answered ${response.status} without GraphQL: ${text.slice(0, 200)}`);
      }
      if (response.status === 401 || body.errors?.some((error) => error.extensions?.code === 'UNAUTHENTICATED')) {
        throw new ImportRefused(body.errors?.[0]?.message ?? 'The gateway refused the credential.');
      }
      return body;
    },
  };
}

/** The whole import is refused (a bad or missing credential): no record can be imported. */
export class ImportRefused extends Error {}
