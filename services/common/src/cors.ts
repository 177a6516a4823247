// Cross-origin access for browser apps: only the exact origins RADAR_CORS_ORIGINS names, never a wildcard, with the
// Authorization header and credentials allowed for those origins alone.
import cors from 'cors';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { z } from 'zod';

function exactOrigin(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  // An origin is scheme, host and port only: "https://app.example.org", no path, not even a trailing slash.
  return url.origin === value ? value : null;
}

/** RADAR_CORS_ORIGINS: comma-separated exact origins (https://app.example.org); unset or empty allows none. */
export const corsEnvSchema = z.object({
  RADAR_CORS_ORIGINS: z
    .string()
    .default('')
    .transform((value, context) => {
      const origins = value
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean);
      for (const origin of origins) {
        if (origin === '*' || origin === 'null') {
          context.addIssue({
            code: 'custom',
            message: `"${origin}" is not allowed: name each origin exactly (callers send credentials, so any site could act for them)`,
          });
        } else if (!exactOrigin(origin)) {
          context.addIssue({
            code: 'custom',
            message: `"${origin}" is not an origin: give scheme, host and optional port, e.g. https://app.example.org`,
          });
        }
      }
      return [...new Set(origins)];
    }),
});

export interface CorsOptions {
  origins: readonly string[];
  /** The methods browsers may use cross-origin. */
  methods: readonly string[];
  /** Answers a preflight from an origin not allowed; a GraphQL error body unless given. */
  refuse?: (res: Response, message: string) => void;
}

function refuseAsGraphQL(res: Response, message: string) {
  res.status(403).json({ errors: [{ message, extensions: { code: 'FORBIDDEN' } }] });
}

const ALLOWED_HEADERS = ['authorization', 'content-type', 'x-request-id', 'apollo-require-preflight'];
const EXPOSED_HEADERS = ['x-request-id', 'retry-after', 'etag'];
const PREFLIGHT_MAX_AGE_SECONDS = 600;

/**
 * Answers preflights (204 with the Allow-* headers) and marks answers readable for the allowed origins; a request
 * from any other origin gets no CORS header at all, and its preflight is refused (403). Every answer varies by Origin.
 */
export function corsFor(options: CorsOptions): RequestHandler {
  const allowed = new Set(options.origins);
  const middleware = cors({
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    credentials: true,
    methods: [...options.methods],
    allowedHeaders: ALLOWED_HEADERS,
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: PREFLIGHT_MAX_AGE_SECONDS,
    optionsSuccessStatus: 204,
  });
  return (req: Request, res: Response, next: NextFunction) => {
    res.vary('Origin');
    const origin = req.header('origin');
    if (origin !== undefined && allowed.has(origin)) return middleware(req, res, next);
    if (req.method === 'OPTIONS' && origin !== undefined && req.header('access-control-request-method')) {
      (options.refuse ?? refuseAsGraphQL)(res, `Origin ${origin} may not call this service.`);
      return;
    }
    next();
  };
}
