// The caller's identity as every service sees it; subgraphs receive it in a subgraph token (subgraph-token.ts).
import { z } from 'zod';

export const Role = { Editor: 'editor', Curator: 'curator' } as const;
export type Role = (typeof Role)[keyof typeof Role];

/**
 * Who is calling: nobody, a machine client with an API key, or a person signed in with OpenID Connect. `id` is the
 * key's or the account's id; `curator` and `organisations` (those the caller edits for) are read fresh per request.
 */
export type Caller =
  | { kind: 'anonymous' }
  | { kind: 'key' | 'person'; id: string; label: string; curator: boolean; organisations: string[] };

/** A Caller as it travels in a subgraph token's `caller` claim. */
export const callerSchema: z.ZodType<Caller> = z.union([
  z.object({ kind: z.literal('anonymous') }).strict(),
  z
    .object({
      kind: z.enum(['key', 'person']),
      id: z.string().min(1),
      label: z.string(),
      curator: z.boolean(),
      organisations: z.array(z.string()),
    })
    .strict(),
]);

export const anonymous: Caller = { kind: 'anonymous' };

export const REQUEST_ID_HEADER = 'x-request-id';
