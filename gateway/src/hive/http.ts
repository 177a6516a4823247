// The HTTP rules RADAR's shell and Apollo Server apply before GraphQL, for Hive Gateway: CSRF prevention, the
// body limit, JSON bodies only, no batching, a document required; each refusal answered as RADAR's gateway does.
import type { GatewayPlugin } from '@graphql-hive/gateway';
import { graphqlErrorBody } from '@radar/common';
import { GraphQLError } from 'graphql';

type RequestParser = NonNullable<Parameters<NonNullable<GatewayPlugin['onRequestParse']>>[0]['requestParser']>;

/** Content types a browser sends cross-origin without a preflight: such a request must prove it is not forged. */
const simpleContentTypes = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];
const preflightHeaders = ['x-apollo-operation-name', 'apollo-require-preflight'];
const csrfMessage =
  'This operation has been blocked as a potential Cross-Site Request Forgery (CSRF). Please either specify a ' +
  `'content-type' header (with a type that is not one of ${simpleContentTypes.join(', ')}) or provide a non-empty ` +
  `value for one of the following headers: ${preflightHeaders.join(', ')}\n`;

/** Apollo Server's CSRF prevention: a request a browser could send from any page needs a preflighted header. */
function mayBeForged(request: Request): boolean {
  const contentType = request.headers.get('content-type');
  if (contentType !== null) {
    const essence = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
    if (!simpleContentTypes.includes(essence)) return false;
  }
  return !preflightHeaders.some((header) => (request.headers.get(header) ?? '').length > 0);
}

/** Bytes in a size as BODY_LIMIT gives it (`100kb`), counted as Express counts them. */
export function byteSize(size: string): number {
  const match = /^(\d+)(b|kb|mb)$/i.exec(size);
  if (!match) throw new Error(`not a size: ${size}`);
  const units: Record<string, number> = { b: 1, kb: 1024, mb: 1024 * 1024 };
  return Number(match[1]) * (units[(match[2] as string).toLowerCase()] as number);
}

function refusal(message: string, status: number, headers?: Record<string, string>) {
  return new GraphQLError(message, {
    extensions: { code: 'BAD_REQUEST', http: { status, ...(headers ? { headers } : {}) } },
  });
}

/** The body as text, refused once it goes over `limit` bytes, however it is sent (with a length or chunked). */
async function limitedText(request: Request, limit: number, limitText: string): Promise<string> {
  // The rest of the body is left unread, so the connection cannot carry another request: the client is told so.
  const tooLarge = () => refusal(`Request body is larger than ${limitText}.`, 413, { connection: 'close' });
  if (Number(request.headers.get('content-length') ?? 0) > limit) throw tooLarge();
  if (!request.body) return '';
  const chunks: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of request.body as unknown as AsyncIterable<Uint8Array>) {
    length += chunk.byteLength;
    if (length > limit) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function useRadarHttpRules(options: {
  graphqlPath: string;
  bodyLimit: string;
  /** Whether a browser opening the endpoint gets GraphiQL, which, as Apollo Server's landing page, needs no header. */
  landingPage: boolean;
}): GatewayPlugin {
  const limit = byteSize(options.bodyLimit);
  const parseJson = async (request: Request) => {
    const text = await limitedText(request, limit, options.bodyLimit);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw refusal('Request body is not valid JSON.', 400);
    }
    // Express's strict JSON parser takes objects and arrays only.
    if (typeof body !== 'object' || body === null) throw refusal('Request body is not valid JSON.', 400);
    return body as Awaited<ReturnType<RequestParser>>;
  };
  return {
    onRequest({ request, url, endResponse }) {
      if (url.pathname !== options.graphqlPath) return;
      const opensPage = request.method === 'GET' && (request.headers.get('accept') ?? '').includes('text/html');
      if (options.landingPage && opensPage) return;
      if (mayBeForged(request)) {
        endResponse(Response.json(graphqlErrorBody(csrfMessage, 'BAD_REQUEST'), { status: 400 }));
      }
    },
    onRequestParse({ request, requestParser, setRequestParser }) {
      const json =
        request.method === 'POST' && /^application\/(.+\+)?json\b/i.test(request.headers.get('content-type') ?? '');
      // Without a parser for its content type, the request is refused (415) before any.
      const parse = json ? parseJson : requestParser;
      if (!parse) return;
      setRequestParser(async (sent) => {
        const params = await parse(sent);
        if (params instanceof Response) return params;
        if (Array.isArray(params)) throw refusal('Operation batching disabled.', 400);
        if (!params.query && !params.extensions?.persistedQuery) {
          throw refusal('GraphQL operations must contain a non-empty `query` or a `persistedQuery` extension.', 400);
        }
        return params;
      });
    },
  };
}
