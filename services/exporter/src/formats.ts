// The one registry of the formats RADAR publishes in: media type, file extension, EU file type, whether dumps are
// written in it, and how a representation is written in it. The server, the dumps and the catalogue all read it, so a
// new format is one entry here.
import type n3 from 'n3';
import { type Alternates, recordPage } from './html.js';
import type { Json } from './mapping.js';
import { toQuads, writeQuads } from './rdf.js';

/** What a route has to say, before a format is chosen. */
export interface Representation {
  /** The JSON-LD document (compact, with RADAR's context or an inline one). */
  document: Json;
  /** The heading of its HTML page. */
  heading: string;
  /** The triples, when they are known without reading the document (the ontology and code lists). */
  quads?: () => Promise<n3.Quad[]> | n3.Quad[];
  /** Turtle as it is written by hand (the ontology), served unchanged. */
  turtle?: string;
  /** The page for people, when the resource has one of its own (records); made only when HTML is asked for. */
  page?: (alternates: Alternates) => Promise<string> | string;
  /** A line the HTML page shows under its heading: the attribution a code list taken from another's work owes. */
  notice?: string;
}

interface FormatEntry {
  label: string;
  mediaType: string;
  extension: string;
  /** The EU file-type authority table's code, for the catalogue. */
  fileType: string;
  /** Whether full dumps are written in this format. */
  dump: boolean;
  write(representation: Representation): Promise<string> | string;
}

const quadsOf = async (representation: Representation) =>
  representation.quads ? await representation.quads() : await toQuads(representation.document);

export const formats = {
  jsonld: {
    label: 'JSON-LD',
    mediaType: 'application/ld+json',
    extension: 'jsonld',
    fileType: 'JSON_LD',
    dump: true,
    write: (representation) => JSON.stringify(representation.document, null, 2),
  },
  turtle: {
    label: 'Turtle',
    mediaType: 'text/turtle',
    extension: 'ttl',
    fileType: 'RDF_TURTLE',
    dump: true,
    write: async (representation) => representation.turtle ?? writeQuads(await quadsOf(representation), 'text/turtle'),
  },
  ntriples: {
    label: 'N-Triples',
    mediaType: 'application/n-triples',
    extension: 'nt',
    fileType: 'RDF_N_TRIPLES',
    dump: true,
    write: async (representation) => writeQuads(await quadsOf(representation), 'application/n-triples'),
  },
  html: {
    label: 'HTML',
    mediaType: 'text/html',
    extension: 'html',
    fileType: 'HTML',
    dump: false,
    write: (representation) =>
      representation.page
        ? representation.page(alternates())
        : recordPage(representation.document, representation.heading, alternates(), representation.notice),
  },
} as const satisfies Record<string, FormatEntry>;

export type Format = keyof typeof formats;
export const formatNames = Object.keys(formats) as [Format, ...Format[]];

/** The machine-readable formats an HTML page links to. */
const alternates = (): Alternates =>
  formatNames.filter((name) => name !== 'html').map((name) => ({ name, label: formats[name].label }));

type DumpEntries = { [K in Format as (typeof formats)[K]['dump'] extends true ? K : never]: (typeof formats)[K] };
export type DumpFormat = keyof DumpEntries;
export const dumpFormats = Object.fromEntries(
  Object.entries(formats).filter(([, entry]) => entry.dump),
) as unknown as DumpEntries;

/** The format a media type names; `application/json` is read as JSON-LD. */
export function formatOfMediaType(mediaType: string): Format | undefined {
  if (mediaType === 'application/json') return 'jsonld';
  return formatNames.find((name) => formats[name].mediaType === mediaType);
}
