// The exporter's one HTTP path: every route's query is parsed by a schema, its format chosen by one negotiation, its
// answer written by one serialisation with its validators (ETag, Last-Modified), and conditional GETs answered here.
import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { type Format, formatNames, formatOfMediaType, formats, type Representation } from './formats.js';
import type { Json } from './mapping.js';
import { errorPage } from './pages/error.page.js';

/** Whether the caller is a browser: it asked for HTML, or prefers it to the machine formats. */
export function wantsHtml(req: Request) {
  if (req.query.format === 'html') return true;
  return (
    req.accepts(['application/problem+json', 'application/json', 'application/ld+json', 'text/html']) === 'text/html'
  );
}

/** An error answer: a problem document (RFC 9457) for machines, a page saying the same for people. */
export function problem(res: Response, status: number, message: string, extra: Json = {}) {
  res.vary('Accept');
  if (wantsHtml(res.req))
    return void res
      .status(status)
      .type('text/html; charset=utf-8')
      .send(errorPage(status, message, extra));
  res
    .status(status)
    .type('application/problem+json')
    .send(JSON.stringify({ status, title: message, ...extra }));
}

const mediaTypes = formatNames.map((name) => formats[name].mediaType);

/** A query parameter given once; a repeated one is a mistake worth saying. */
const single = z.string({ error: 'give it once' });

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;

export const formatQuery = z.object({
  format: single
    .refine((value) => (formatNames as string[]).includes(value), { error: `must be one of ${formatNames.join(', ')}` })
    .transform((value) => value as Format)
    .optional(),
});

export const collectionQuery = formatQuery
  .extend({
    pageSize: single
      .regex(/^\d+$/, 'pageSize must be 1 to 100')
      .transform(Number)
      .refine((value) => value >= 1 && value <= 100, 'pageSize must be 1 to 100')
      .optional(),
    modifiedSince: single
      .refine(
        (value) => ISO_DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)),
        'modifiedSince must be an ISO 8601 date or date-time, e.g. 2024-01-31T00:00:00Z',
      )
      .optional(),
    after: single.min(1).optional(),
    before: single.min(1).optional(),
  })
  .refine((query) => !(query.after && query.before), { error: 'give after or before, not both', path: ['before'] });

/**
 * Parses a request's query with `schema`; on bad input answers 400 naming the parameter (an unknown format lists
 * the formats) and returns null.
 */
export function parseQuery<T extends z.ZodType>(req: Request, res: Response, schema: T): z.infer<T> | null {
  const parsed = schema.safeParse(req.query);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const parameter = String(issue?.path[0] ?? '');
  if (parameter === 'format') {
    problem(res, 400, `Unknown format "${String(req.query.format)}"`, { parameter, formats: formatNames });
  } else {
    problem(res, 400, issue?.message ?? 'bad query', { parameter });
  }
  return null;
}

/** The representation asked for: `?format=` wins, then the Accept header; null (406 sent) when none is offered. */
export function negotiate(req: Request, res: Response, asked: Format | undefined): Format | null {
  res.vary('Accept');
  if (asked) return asked;
  const accepted = req.accepts([...mediaTypes, 'application/json']);
  const format = accepted ? formatOfMediaType(accepted) : undefined;
  if (!format) {
    problem(res, 406, 'None of the accepted media types is offered', { offered: mediaTypes });
    return null;
  }
  return format;
}

/**
 * Whether a conditional GET may be answered 304: If-None-Match wins over If-Modified-Since (RFC 9110 13.2.2).
 * Express's req.fresh is not used: it treats `Cache-Control: no-cache` as stale, which is right for a cache but not
 * for the origin, and fetch() adds that header to every request with a validator.
 */
function notModified(req: Request, etag: string, modified: Date | null | undefined) {
  const noneMatch = req.header('if-none-match');
  if (noneMatch) return noneMatch.split(',').some((tag) => ['*', etag].includes(tag.trim().replace(/^W\//, '')));
  const since = Date.parse(req.header('if-modified-since') ?? '');
  return !Number.isNaN(since) && !!modified && Math.floor(modified.getTime() / 1000) * 1000 <= since;
}

/**
 * Writes `representation` in `format`. A 200 carries a strong ETag of its bytes and, when known, Last-Modified, and
 * becomes a 304 when the request's validators match.
 */
export async function represent(
  req: Request,
  res: Response,
  format: Format,
  representation: Representation,
  options: { status?: number; modified?: Date | null } = {},
) {
  const body = await formats[format].write(representation);
  const status = options.status ?? 200;
  res.status(status).type(`${formats[format].mediaType}; charset=utf-8`);
  if (status !== 200) return void res.send(body);
  const etag = `"${createHash('sha256').update(format).update(body).digest('base64url').slice(0, 32)}"`;
  const modified = options.modified && !Number.isNaN(options.modified.getTime()) ? options.modified : null;
  res.setHeader('ETag', etag);
  if (modified) res.setHeader('Last-Modified', modified.toUTCString());
  if (notModified(req, etag, modified)) return void res.status(304).end();
  res.send(body);
}
