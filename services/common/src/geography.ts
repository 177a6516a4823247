// Country and NUTS rules shared by every service: a NUTS code starts with its country's NUTS prefix (EL for Greece),
// and every NUTS region a record names lies in one of the countries it names. This is the only place that says so;
// SQL that needs the same mapping gets it from nutsCountrySql.
const nutsCountryPrefix: Record<string, string> = { GR: 'EL' };

/** The shape of a NUTS code; no NUTS 2024 code list is shipped with RADAR, so codes are checked by shape and country. */
export const NUTS_PATTERN = /^[A-Z]{2}[0-9A-Z]{1,3}$/;

export function nutsPrefixOf(country: string) {
  return nutsCountryPrefix[country] ?? country;
}

/** The ISO 3166-1 country a NUTS code lies in. */
export function nutsCountry(nuts: string) {
  const prefix = nuts.slice(0, 2);
  return Object.entries(nutsCountryPrefix).find(([, nutsPrefix]) => nutsPrefix === prefix)?.[0] ?? prefix;
}

/** SQL for the ISO 3166-1 country of the NUTS code in `column`: the mapping of nutsCountry, written for PostgreSQL. */
export function nutsCountrySql(column: string) {
  const cases = Object.entries(nutsCountryPrefix).map(([country, prefix]) => `when '${prefix}' then '${country}'`);
  return cases.length === 0
    ? `left(${column}, 2)`
    : `case left(${column}, 2) ${cases.join(' ')} else left(${column}, 2) end`;
}

function listOf(values: readonly string[] | string | null | undefined): readonly string[] {
  if (values === null || values === undefined) return [];
  return typeof values === 'string' ? [values] : values;
}

/**
 * The NUTS-in-country rule: null when every region lies in one of the countries, else a message for the caller
 * about the first region that does not. Takes one country or a list, and one region or a list.
 */
export function nutsCountryProblem(
  countries: readonly string[] | string | null | undefined,
  nuts: readonly string[] | string | null | undefined,
): string | null {
  const named = listOf(countries);
  for (const region of listOf(nuts)) {
    if (named.some((country) => region.startsWith(nutsPrefixOf(country)))) continue;
    if (named.length === 0) {
      return `NUTS region ${region} needs its country (${nutsCountry(region)}) to be given as well`;
    }
    const where = named.length === 1 ? `country ${named[0]}` : `any of the countries ${named.join(', ')}`;
    const prefixes = [...new Set(named.map(nutsPrefixOf))].join(' or ');
    return `NUTS region ${region} is not in ${where} (codes there start with ${prefixes})`;
  }
  return null;
}

const countryNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });
// Remembered: a series names the same few countries tens of thousands of times.
const namedCountries = new Map<string, string>();

/** A country's English name from its ISO 3166-1 alpha-2 code (the code itself when the runtime knows no name). */
export function countryName(country: string) {
  let name = namedCountries.get(country);
  if (name === undefined) {
    name = countryNames.of(country) ?? country;
    namedCountries.set(country, name);
  }
  return name;
}

/** The NUTS level of a code: 1 for RO2, 2 for RO21, 3 for RO213. */
export function nutsLevel(nuts: string) {
  return nuts.length - 2;
}
