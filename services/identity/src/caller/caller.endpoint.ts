// The gateway's one question to this subgraph, asked per request with a credential: which caller does it stand for?
// Answered from the store, fresh each time, so a revoked key, a disabled account or a withdrawn role stops at once.
import type { InternalEndpoint } from '@radar/common';
import { GraphQLError } from 'graphql';
import { z } from 'zod';
import { signIn } from '../account/account.service.js';
import { authenticateKey } from '../key/api-key.service.js';

/** A credential the gateway has read: an API key as sent, or the issuer and subject of a verified access token. */
export const credentialSchema = z.union([
  z.object({ apiKey: z.string().max(200) }).strict(),
  z
    .object({
      person: z
        .object({
          issuer: z.string().min(1).max(500),
          subject: z.string().min(1).max(255),
          name: z.string().max(1000).nullish(),
          email: z.string().max(1000).nullish(),
        })
        .strict(),
    })
    .strict(),
]);
export type Credential = z.infer<typeof credentialSchema>;

export const callerEndpoint: InternalEndpoint = async (body, { em }) => {
  const parsed = credentialSchema.safeParse(body);
  if (!parsed.success) return { status: 400, body: { message: 'The body must name an apiKey or a person.' } };
  const credential = parsed.data;
  try {
    const caller =
      'apiKey' in credential ? await authenticateKey(em, credential.apiKey) : await signIn(em, credential.person);
    return { status: 200, body: { caller } };
  } catch (error) {
    if (error instanceof GraphQLError && error.extensions.code === 'UNAUTHENTICATED') {
      return { status: 401, body: { message: error.message } };
    }
    throw error;
  }
};
