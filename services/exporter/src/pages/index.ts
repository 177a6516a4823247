// RADAR's pages for people, served by the exporter: record pages that read like registry entries, the browse page,
// the uptake pages and the style sheet they share. Everything is drawn on the server; a page needs no script and
// loads nothing from another site.
import { REQUEST_ID_HEADER } from '@radar/common/identity';
import type { Express, Request, Response } from 'express';
import type { Alternates } from '../html.js';
import { parseQuery, problem } from '../http.js';
import type { Json, TypeMapping } from '../mapping.js';
import { BadHarvestRequest, type GatewayRecords, GatewayUnavailable } from '../records.js';
import { BROWSE_PAGE_SIZE, browseMain, browseQuery, searchFilter } from './browse.page.js';
import { tombstonePage } from './error.page.js';
import { layout } from './layout.js';
import { needMain, needRecord } from './need.page.js';
import { organisationMain, organisationRecord } from './organisation.page.js';
import { recordExtras, searchPractices, uptakeRows } from './page-data.js';
import { practiceMain, practiceRecord } from './practice.page.js';
import { projectMain, projectRecord } from './project.page.js';
import { STYLE_PATH, styleSheet } from './style.js';
import { uptakeMain, uptakePlace, uptakeQuery } from './uptake.page.js';
import { uptakeSeries } from './uptake.series.js';

export class Pages {
  constructor(private readonly records: GatewayRecords) {}

  /** A record's page: its own fields, the names of what it points to (one more request), its JSON-LD. */
  async record(path: TypeMapping['path'], record: Json, document: Json, alternates: Alternates, requestId?: string) {
    const id = String(record.id);
    if (path === 'practices') {
      const practice = practiceRecord(record);
      const extras = await recordExtras(this.records, 'practices', id, requestId);
      return layout({
        title: practice.title,
        summary: practice.summary,
        jsonLd: document,
        alternates,
        main: practiceMain(practice, extras),
      });
    }
    if (path === 'organisations') {
      const organisation = organisationRecord(record);
      const extras = await recordExtras(this.records, 'organisations', id, requestId);
      return layout({
        title: organisation.name,
        summary: organisation.description ?? undefined,
        jsonLd: document,
        alternates,
        main: organisationMain(organisation, extras),
      });
    }
    if (path === 'needs') {
      const need = needRecord(record);
      const extras = await recordExtras(this.records, 'needs', id, requestId);
      return layout({ title: need.title, jsonLd: document, alternates, main: needMain(need, extras) });
    }
    const project = projectRecord(record);
    const extras = await recordExtras(this.records, 'projects', id, requestId);
    return layout({
      title: `${project.acronym}: ${project.title}`,
      summary: project.summary ?? undefined,
      jsonLd: document,
      alternates,
      main: projectMain(project, extras),
    });
  }

  tombstone(type: string, reason: string, deletedAt: string, document: Json, alternates: Alternates) {
    return tombstonePage(type, reason, deletedAt, document, alternates);
  }

  /** The routes of pages that are not records: the style sheet, browse and uptake. */
  routes(app: Express, unavailable: (res: Response, error: unknown) => void) {
    app.get(STYLE_PATH, (_req, res) => {
      res.setHeader('Cache-Control', 'public, max-age=3600');
      res.type('text/css; charset=utf-8').send(styleSheet);
    });

    const send = (res: Response, page: string) => res.type('text/html; charset=utf-8').send(page);
    const failed = (res: Response, error: unknown) => {
      if (error instanceof BadHarvestRequest) return problem(res, 400, error.message, { parameter: error.field ?? '' });
      if (error instanceof GatewayUnavailable) return unavailable(res, error);
      throw error;
    };
    const requestId = (res: Response) => res.getHeader(REQUEST_ID_HEADER) as string | undefined;

    app.get('/browse', async (req: Request, res: Response) => {
      const query = parseQuery(req, res, browseQuery);
      if (!query) return;
      try {
        const result = await searchPractices(
          this.records,
          { filter: searchFilter(query), first: BROWSE_PAGE_SIZE, after: query.after },
          requestId(res),
        );
        send(
          res,
          layout({
            title: 'Browse practices',
            summary: 'Digital health practices in Europe, by type, maturity, topic and country.',
            main: browseMain(query, result),
          }),
        );
      } catch (error) {
        failed(res, error);
      }
    });

    app.get(['/uptake', '/uptake/:place'], async (req: Request, res: Response) => {
      const query = parseQuery(req, res, uptakeQuery);
      if (!query) return;
      const place = uptakePlace((req.params as { place?: string }).place);
      if (!place) {
        return problem(res, 404, `No country or NUTS region is named ${(req.params as { place?: string }).place}`);
      }
      try {
        const interval = query.interval ?? 'quarter';
        const [rows, series] = await Promise.all([
          uptakeRows(this.records, requestId(res)),
          uptakeSeries(this.records, place, interval, requestId(res)),
        ]);
        const main = uptakeMain(place, interval, rows, series);
        send(
          res,
          layout({
            title:
              place.kind === 'europe'
                ? 'Uptake in Europe'
                : `Uptake in ${place.kind === 'country' ? place.country : place.nuts}`,
            main,
          }),
        );
      } catch (error) {
        failed(res, error);
      }
    });
  }
}
