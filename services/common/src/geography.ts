// Country and NUTS rules shared by every service: a NUTS code starts with its country's NUTS prefix (EL for Greece).
const nutsCountryPrefix: Record<string, string> = { GR: 'EL' };

export const NUTS_PATTERN = /^[A-Z]{2}[0-9A-Z]{1,3}$/;

export function nutsPrefixOf(country: string) {
  return nutsCountryPrefix[country] ?? country;
}

/** The ISO 3166-1 country a NUTS code lies in. */
export function nutsCountry(nuts: string) {
  const prefix = nuts.slice(0, 2);
  return Object.entries(nutsCountryPrefix).find(([, nutsPrefix]) => nutsPrefix === prefix)?.[0] ?? prefix;
}

/** Null when the pair is consistent, else a message for the caller. */
export function nutsCountryProblem(country: string | null | undefined, nuts: string | null | undefined): string | null {
  if (!nuts) return null;
  if (!country) return 'a NUTS region needs a country';
  const prefix = nutsPrefixOf(country);
  return nuts.startsWith(prefix)
    ? null
    : `NUTS region ${nuts} is not in country ${country} (codes there start with ${prefix})`;
}
