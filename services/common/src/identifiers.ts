// One canonical spelling per external identifier scheme: lookups, writes and import matching all pass values through
// here, so `https://ror.org/03HD30T45`, `ror.org/03hd30t45` and `03hd30t45` name the same stored row, and so do
// `GA 101099999` and `101 099 999`.
import { ValidateBy } from 'class-validator';

export type IdentifierSchemeCode = 'ROR' | 'WIKIDATA' | 'PIC' | 'VAT' | 'CORDIS' | 'GRANT';

export type Normalised = { ok: true; value: string } | { ok: false; reason: string };

const CROCKFORD = '0123456789abcdefghjkmnpqrstvwxyz';
const ROR = /^0([0-9a-hjkmnp-tv-z]{6})([0-9]{2})$/;
const VAT_COUNTRIES =
  /^(AT|BE|BG|CY|CZ|DE|DK|EE|EL|ES|FI|FR|HR|HU|IE|IT|LT|LU|LV|MT|NL|PL|PT|RO|SE|SI|SK|XI)[0-9A-Z+*]{2,12}$/;

/** The ISO/IEC 7064 MOD 97-10 check digits of a ROR id's six base32 (Crockford) characters. */
export function rorChecksum(body: string): string {
  let number = 0n;
  for (const character of body) number = number * 32n + BigInt(CROCKFORD.indexOf(character));
  return String(98n - ((number * 100n) % 97n)).padStart(2, '0');
}

function ror(raw: string): Normalised {
  const value = raw
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/^(www\.)?ror\.org\//, '')
    .replace(/\/$/, '');
  const parts = ROR.exec(value);
  if (!parts) return { ok: false, reason: 'is not a ROR id (0, six base32 characters and two check digits)' };
  const expected = rorChecksum(parts[1] as string);
  if (parts[2] !== expected) {
    return { ok: false, reason: `has wrong ROR check digits: ${value} ends in ${parts[2]}, expected ${expected}` };
  }
  return { ok: true, value };
}

function wikidata(raw: string): Normalised {
  const value = raw
    .trim()
    .replace(/^https?:\/\/(www\.|m\.)?wikidata\.org\/(entity|wiki)\/(Special:EntityPage\/)?/i, '')
    .replace(/^wd:/i, '')
    .toUpperCase();
  return /^Q[1-9][0-9]{0,11}$/.test(value)
    ? { ok: true, value }
    : { ok: false, reason: 'is not a Wikidata item (Q and digits, e.g. Q8880)' };
}

function pic(raw: string): Normalised {
  const value = raw.replace(/^\s*PIC[\s:]*/i, '').replace(/[\s.-]/g, '');
  return /^[0-9]{9}$/.test(value)
    ? { ok: true, value }
    : { ok: false, reason: 'is not an EU Participant Identification Code (nine digits)' };
}

function vat(raw: string): Normalised {
  // Greece is EL in VIES, GR in ISO 3166.
  const value = raw
    .toUpperCase()
    .replace(/[\s.\-/]/g, '')
    .replace(/^GR/, 'EL');
  // Every member state's format carries digits; a word such as ROMANIA is not a VAT number.
  return VAT_COUNTRIES.test(value) && /[0-9]/.test(value.slice(2))
    ? { ok: true, value }
    : { ok: false, reason: 'is not an EU VAT identification number with its country prefix (e.g. RO4701126)' };
}

function cordis(raw: string): Normalised {
  const page = raw
    .trim()
    .replace(/^https?:\/\//i, '')
    .replace(/^www\./i, '');
  if (/^cordis\.europa\.eu\/project\/rcn\//i.test(page)) {
    return {
      ok: false,
      reason: 'is a CORDIS record number (RCN), not a project id: give the project id of cordis.europa.eu/project/id/…',
    };
  }
  const value = page
    .replace(/^cordis\.europa\.eu\/project\/id\//i, '')
    .replace(/[/?#].*$/, '')
    .replace(/\s/g, '');
  return /^[1-9][0-9]{0,9}$/.test(value)
    ? { ok: true, value }
    : { ok: false, reason: 'is not a CORDIS project id (digits, e.g. 101083048)' };
}

/**
 * An EU grant agreement number, however spelled (`101 099 999`, `GA 101099999`, `Grant Agreement No. 101099999`): its
 * six to nine digits. Other funders' grant numbers keep their letters, with their spaces collapsed.
 */
const EU_GRANT = /^(?:(?:GA|grant(?:\s+agreement)?)(?:\s*(?:no|number|n°|nr)\.?)?[\s:#.]*)?([0-9][0-9 .-]*[0-9])$/i;

function grant(raw: string): Normalised {
  const value = raw.trim().replace(/\s+/g, ' ');
  const digits = EU_GRANT.exec(value)?.[1]?.replace(/[ .-]/g, '');
  if (digits && digits.length >= 6 && digits.length <= 9) return { ok: true, value: digits };
  return value.length >= 1 && value.length <= 50
    ? { ok: true, value }
    : { ok: false, reason: 'must be 1 to 50 characters' };
}

const normalisers: Record<IdentifierSchemeCode, (raw: string) => Normalised> = {
  ROR: ror,
  WIKIDATA: wikidata,
  PIC: pic,
  VAT: vat,
  CORDIS: cordis,
  GRANT: grant,
};

/** The canonical spelling of `raw` in `scheme`, or why it is not one. */
export function normaliseIdentifier(scheme: IdentifierSchemeCode, raw: string): Normalised {
  return normalisers[scheme](raw);
}

/** An input field of an identifier in `scheme`, checked as its canonical spelling will be, in any spelling it takes. */
export function IsIdentifierOf(scheme: IdentifierSchemeCode): PropertyDecorator {
  const reasonOf = (value: unknown) => {
    if (typeof value !== 'string') return 'must be text';
    const result = normaliseIdentifier(scheme, value);
    return result.ok ? null : result.reason;
  };
  return ValidateBy({
    name: 'isIdentifierOf',
    constraints: [scheme],
    validator: {
      validate: (value) => reasonOf(value) === null,
      defaultMessage: (args) => reasonOf(args?.value) ?? 'is not valid',
    },
  });
}

/** Which scheme an identifier spelled without one belongs to (a ROR or Wikidata IRI, a bare ROR id, a Q-number). */
export function guessIdentifierScheme(raw: string): { scheme: IdentifierSchemeCode; value: string } | null {
  for (const scheme of ['ROR', 'WIKIDATA', 'PIC', 'VAT'] as const) {
    const result = normaliseIdentifier(scheme, raw);
    if (result.ok) return { scheme, value: result.value };
  }
  return null;
}
