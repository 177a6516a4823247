// What makes a NUTS region's name acceptable: a NUTS code of a known country (checked with the shared geography
// rules) and a name a person can read. The mutation's input and the CSV loader both check rows with this.
import { NUTS_PATTERN, nutsCountry } from '@radar/common/geography';
import { isISO31661Alpha2 } from 'class-validator';

export const REGION_NAME_MAX = 200;

/** The most rows one request may name; a longer file goes in parts of this size. */
export const MAX_REGIONS_PER_REQUEST = 1000;

/** Null when the code is a NUTS code of a country RADAR knows, else what is wrong with it. */
export function regionCodeProblem(code: unknown): string | null {
  if (typeof code !== 'string' || !NUTS_PATTERN.test(code)) {
    return 'is not a NUTS code (two letters and one to three more letters or digits, e.g. RO21)';
  }
  if (!isISO31661Alpha2(nutsCountry(code)))
    return `does not start with the NUTS prefix of a country (${code.slice(0, 2)})`;
  return null;
}

/** Null when the (trimmed) name is one to REGION_NAME_MAX characters long, else what is wrong with it. */
export function regionNameProblem(name: unknown): string | null {
  if (typeof name !== 'string' || name.trim().length === 0) return 'must not be empty or only white space';
  if (name.trim().length > REGION_NAME_MAX) return `must be at most ${REGION_NAME_MAX} characters long`;
  return null;
}
