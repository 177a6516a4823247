// The caller's identity as every service sees it; subgraphs receive it in a subgraph token (subgraph-token.ts).
import { z } from 'zod';

export const Role = { Editor: 'editor', Curator: 'curator' } as const;
export type Role = (typeof Role)[keyof typeof Role];

export type Caller =
  | { kind: 'anonymous' }
  | { kind: 'key'; keyId: string; role: Role; organisationId: string | null; label: string };

export const anonymous: Caller = { kind: 'anonymous' };

export const REQUEST_ID_HEADER = 'x-request-id';

/** A Caller as it travels in a subgraph token's `caller` claim. */
export const callerSchema: z.ZodType<Caller> = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('anonymous') }),
  z.object({
    kind: z.literal('key'),
    keyId: z.string(),
    role: z.enum([Role.Editor, Role.Curator]),
    organisationId: z.string().nullable(),
    label: z.string(),
  }),
]);
