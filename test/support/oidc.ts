// A real OpenID provider (panva's oidc-provider) on a loopback port, and a person's sign-in through it: the
// authorization code flow with PKCE and a resource indicator, which issues a JWT access token for that resource.
// A browser app may be registered too, as a public client that signs people in from its own pages.
import { createHash, generateKeyPairSync, type JsonWebKey, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type ClientMetadata } from 'oidc-provider';

const CLIENT = { id: 'partner-app', secret: 'partner-app-secret', redirectUri: 'http://127.0.0.1:9/callback' };

export interface Person {
  login: string;
  name: string;
  email: string;
}

export interface OpenIdProvider {
  issuer: string;
  /** The provider's signing key (private JWK), as it publishes it at its jwks_uri (public part). */
  signingKey: JsonWebKey & { kid: string };
  jwksUri: string;
  /** Signs `person` in and returns the access token issued for `resource`. */
  signIn(person: Person, resource: string): Promise<string>;
  /** Makes `person` known to the provider, who then signs in with `person.login` and any password. */
  enrol(person: Person): void;
  stop(): Promise<void>;
}

/** Cookies of one user agent, sent back to the provider on every request. */
class CookieJar {
  private readonly cookies = new Map<string, string>();
  keep(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...value] = (pair ?? '').split('=');
      if (name) this.cookies.set(name.trim(), value.join('='));
    }
  }
  header() {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/** A browser app: a public client (no secret, PKCE) whose token requests the provider accepts from its origin. */
export interface BrowserClient {
  id: string;
  redirectUri: string;
}

export async function startOpenIdProvider(
  options: { accessTokenTtl?: number; browserClient?: BrowserClient } = {},
): Promise<OpenIdProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const signingKey = {
    ...(privateKey.export({ format: 'jwk' }) as JsonWebKey),
    kid: `key-${randomBytes(4).toString('hex')}`,
    alg: 'ES256',
    use: 'sig',
  };
  const people = new Map<string, Person>();

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT.id,
        client_secret: CLIENT.secret,
        redirect_uris: [CLIENT.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
      ...(options.browserClient
        ? [
            {
              client_id: options.browserClient.id,
              redirect_uris: [options.browserClient.redirectUri],
              grant_types: ['authorization_code'],
              response_types: ['code'],
              token_endpoint_auth_method: 'none',
            } satisfies ClientMetadata,
          ]
        : []),
    ],
    clientDefaults: { id_token_signed_response_alg: 'ES256' },
    // A browser app may call the token endpoint from the origin of its redirect address, and only from there.
    clientBasedCORS: (_ctx, origin, client) =>
      client.clientAuthMethod === 'none' &&
      (client.redirectUris ?? []).some((uri) => URL.parse(uri)?.origin === origin),
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomBytes(16).toString('hex')] },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 300, IdToken: 300 },
    scopes: ['openid', 'profile', 'email', 'radar'],
    claims: { openid: ['sub'], profile: ['name'], email: ['email'] },
    async findAccount(_ctx, id) {
      const person = people.get(id);
      return person
        ? { accountId: id, claims: async () => ({ sub: id, name: person.name, email: person.email }) }
        : undefined;
    },
    features: {
      devInteractions: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => undefined as unknown as string,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resource) => ({
          scope: 'radar',
          audience: resource,
          accessTokenFormat: 'jwt',
          accessTokenTTL: options.accessTokenTtl ?? 300,
          jwt: { sign: { alg: 'ES256' } },
        }),
      },
    },
    formats: {
      customizers: {
        // The person's name and e-mail travel in the access token, as Keycloak and EU Login put them there.
        async jwt(_ctx, token, jwt) {
          const person = people.get((token as { accountId?: string }).accountId ?? '');
          if (person) Object.assign(jwt.payload, { name: person.name, email: person.email });
        },
      },
    },
  });
  server.on('request', provider.callback());

  function enrol(person: Person) {
    people.set(person.login, person);
  }

  async function signIn(person: Person, resource: string): Promise<string> {
    enrol(person);
    const jar = new CookieJar();
    const verifier = randomBytes(32).toString('base64url');
    const authorize = new URL('/auth', issuer);
    authorize.search = new URLSearchParams({
      client_id: CLIENT.id,
      response_type: 'code',
      redirect_uri: CLIENT.redirectUri,
      scope: 'openid profile email radar',
      resource,
      state: randomBytes(8).toString('hex'),
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
    }).toString();
    let next = authorize.href;
    for (let step = 0; step < 10; step++) {
      const response = await fetch(next, { headers: { cookie: jar.header() }, redirect: 'manual' });
      jar.keep(response);
      const location = response.headers.get('location');
      if (location?.startsWith(CLIENT.redirectUri)) {
        const code = new URL(location).searchParams.get('code');
        if (!code) throw new Error(`the provider refused the sign-in: ${location}`);
        return exchange(code, verifier, resource);
      }
      if (location) {
        next = new URL(location, issuer).href;
        continue;
      }
      // The provider's own login or consent page: answer it as the person would.
      const page = await response.text();
      const prompt = /name="prompt" value="(\w+)"/.exec(page)?.[1];
      if (!prompt) throw new Error(`unexpected page from the provider (${response.status}): ${page.slice(0, 300)}`);
      const form = new URLSearchParams(
        prompt === 'login' ? { prompt, login: person.login, password: 'any' } : { prompt },
      );
      const submitted = await fetch(next, {
        method: 'POST',
        headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
        body: form,
        redirect: 'manual',
      });
      jar.keep(submitted);
      next = new URL(submitted.headers.get('location') ?? '', issuer).href;
    }
    throw new Error('the sign-in did not finish');
  }

  async function exchange(code: string, verifier: string, resource: string) {
    const response = await fetch(new URL('/token', issuer), {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${CLIENT.id}:${CLIENT.secret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: CLIENT.redirectUri,
        code_verifier: verifier,
        resource,
      }),
    });
    const body = (await response.json()) as { access_token?: string; error?: string; error_description?: string };
    if (!body.access_token) throw new Error(`no access token: ${body.error} ${body.error_description}`);
    return body.access_token;
  }

  return {
    issuer,
    signingKey,
    jwksUri: new URL('/jwks', issuer).href,
    signIn,
    enrol,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
