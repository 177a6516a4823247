// Reads the cells of an import row by their column's kind: lists, roles, evidence, numbers and references. What
// the API checks (codes, lengths, countries, dates…) is left to the API, so its rules and words stay the only ones.
import { type IdentifierSchemeCode, normaliseIdentifier } from '@radar/common';
import { type Column, LIST_SEPARATOR } from './columns.js';

export interface Problem {
  field: string;
  message: string;
}

/** A reference cell, read: a RADAR id, an identifier, or the source key of a record of the same source. */
export type Reference =
  | { by: 'id'; id: string }
  | { by: 'identifier'; scheme: IdentifierSchemeCode; value: string }
  | { by: 'source'; source: string; sourceId: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SCHEMES: Record<string, IdentifierSchemeCode> = {
  ror: 'ROR',
  wikidata: 'WIKIDATA',
  wd: 'WIKIDATA',
  pic: 'PIC',
  vat: 'VAT',
  cordis: 'CORDIS',
  grant: 'GRANT',
};

/** The registries whose pages name a record, with or without https:// (a CORDIS page names a project). */
const PAGES: Record<string, IdentifierSchemeCode> = {
  'ror.org': 'ROR',
  'wikidata.org': 'WIKIDATA',
  'cordis.europa.eu': 'CORDIS',
};

export class CellProblem extends Error {}

export function splitList(cell: string): string[] {
  return cell
    .split(LIST_SEPARATOR)
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

/** A reference cell's record; `source` is the row's own source, for a bare sourceId. */
export function readReference(cell: string, source: string | undefined): Reference {
  const text = cell.trim();
  if (UUID.test(text)) return { by: 'id', id: text.toLowerCase() };
  const iri = /^(https?:\/\/)?(www\.)?(ror\.org|wikidata\.org|cordis\.europa\.eu)\//i.exec(text);
  const prefix = /^([a-z]+):(.*)$/i.exec(text);
  const scheme = iri ? PAGES[iri[3]?.toLowerCase() ?? ''] : SCHEMES[prefix?.[1]?.toLowerCase() ?? ''];
  if (scheme) {
    const raw = iri ? text : (prefix?.[2] ?? '');
    const normalised = normaliseIdentifier(scheme, raw);
    if (!normalised.ok) throw new CellProblem(`${text} ${normalised.reason}`);
    return { by: 'identifier', scheme, value: normalised.value };
  }
  if (!source) throw new CellProblem(`${text} is a sourceId, but the row has no source (set it or --source)`);
  return { by: 'source', source, sourceId: text };
}

/** `reference=ROLE` items of a roles cell. */
export function readRoles(cell: string, source: string | undefined): { reference: Reference; role: string }[] {
  return splitList(cell).map((item) => {
    const at = item.lastIndexOf('=');
    if (at <= 0) throw new CellProblem(`"${item}" is not reference=ROLE`);
    return { reference: readReference(item.slice(0, at), source), role: item.slice(at + 1).trim() };
  });
}

/** `KIND url title` items of an evidence cell. */
export function readEvidence(cell: string): { kind: string; url: string; title: string | null }[] {
  return splitList(cell).map((item) => {
    const [kind, url, ...title] = item.split(/\s+/);
    if (!kind || !url) throw new CellProblem(`"${item}" is not KIND url title`);
    return { kind, url, title: title.length > 0 ? title.join(' ') : null };
  });
}

/** `name|start|end|description` items of a stages cell. */
export function readStages(cell: string) {
  return splitList(cell).map((item) => {
    const [name, startDate, endDate, ...description] = item.split('|').map((part) => part.trim());
    if (!name || !startDate || !endDate) throw new CellProblem(`"${item}" is not name|start|end|description`);
    return { name, startDate, endDate, description: description.join('|') || null };
  });
}

/** The value of a plain cell (text, number, code, list) as the API takes it; an empty cell clears the field, or is its `whenEmpty`. */
export function readPlain(column: Column, cell: string): unknown {
  const text = cell.trim();
  switch (column.kind) {
    case 'codes':
    case 'list':
      return splitList(text);
    case 'integer': {
      if (text === '') return null;
      if (!/^[+-]?\d+$/.test(text)) throw new CellProblem(`"${text}" is not a whole number`);
      return Number(text);
    }
    case 'amount': {
      if (text === '') return null;
      const amount = /^(\d+)(?:\.(\d{1,2}))?$/.exec(text);
      if (!amount) throw new CellProblem(`"${text}" is not an amount in euros, e.g. 1250000.50`);
      // Written with its cents, as RADAR keeps and answers it, so 1250000.5 is the 1250000.50 stored.
      return `${amount[1]}.${(amount[2] ?? '').padEnd(2, '0')}`;
    }
    default:
      return text === '' ? (column.whenEmpty ?? null) : text;
  }
}
