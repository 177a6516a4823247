// The languages a text in RADAR may be written in: the EU's and EEA's official languages, the regional languages
// of Member States and a few more spoken in Europe, by ISO 639-1 code, with the EU language authority table's code.
import { ValidateBy, type ValidationArguments } from 'class-validator';
import { badUserInput } from './errors.js';

export const textLanguages = {
  bg: 'BUL',
  cs: 'CES',
  da: 'DAN',
  de: 'DEU',
  el: 'ELL',
  en: 'ENG',
  es: 'SPA',
  et: 'EST',
  fi: 'FIN',
  fr: 'FRA',
  ga: 'GLE',
  hr: 'HRV',
  hu: 'HUN',
  it: 'ITA',
  lt: 'LIT',
  lv: 'LAV',
  mt: 'MLT',
  nl: 'NLD',
  pl: 'POL',
  pt: 'POR',
  ro: 'RON',
  sk: 'SLK',
  sl: 'SLV',
  sv: 'SWE',
  is: 'ISL',
  no: 'NOR',
  nb: 'NOB',
  nn: 'NNO',
  sq: 'SQI',
  mk: 'MKD',
  sr: 'SRP',
  bs: 'BOS',
  tr: 'TUR',
  uk: 'UKR',
  ru: 'RUS',
  ca: 'CAT',
  eu: 'EUS',
  gl: 'GLG',
  lb: 'LTZ',
  cy: 'CYM',
  ar: 'ARA',
  zh: 'ZHO',
  ja: 'JPN',
  hi: 'HIN',
  ka: 'KAT',
  hy: 'HYE',
  be: 'BEL',
} as const satisfies Record<string, string>;

export type TextLanguage = keyof typeof textLanguages;

/** The language texts are written in when a caller does not say. */
export const DEFAULT_TEXT_LANGUAGE: TextLanguage = 'en';

export const isTextLanguage = (value: unknown): value is TextLanguage =>
  typeof value === 'string' && Object.hasOwn(textLanguages, value);

export const textLanguageProblem = `is not a language RADAR knows: send an ISO 639-1 code such as en, fr or ro (one of ${Object.keys(textLanguages).join(', ')})`;

/** A language a text is written in: a lower-case ISO 639-1 code from `textLanguages`. */
export function IsTextLanguage(): PropertyDecorator {
  return ValidateBy({
    name: 'isTextLanguage',
    validator: {
      validate: (value: unknown) => value === null || value === undefined || isTextLanguage(value),
      defaultMessage: (_args?: ValidationArguments) => textLanguageProblem,
    },
  });
}

/**
 * The language a reader asks for, as an ISO 639-1 code: `fr`, `FR` and `fr-BE` all ask for French. Null when the
 * value names no language RADAR knows.
 */
export function requestedLanguage(value: string): TextLanguage | null {
  const primary = value.trim().toLowerCase().split(/[-_]/)[0];
  return isTextLanguage(primary) ? primary : null;
}

/** What is wrong when a record would hold a translation into its own language; null when nothing is. */
export function ownLanguageProblem(language: unknown, translations: unknown): string | null {
  return Array.isArray(translations) && translations.some((translation) => translation?.language === language)
    ? `${language} is the language of the record\u2019s own texts and also has a translation; give each language once`
    : null;
}

/**
 * No translation is in the input's own language (its `language` field, `DEFAULT_TEXT_LANGUAGE` when left out).
 * When the input leaves its language out and `omittedMeansStored` says so (an update), the service checks against
 * the stored language instead.
 */
export function IsNotInOwnLanguage(omittedMeansStored: (input: object) => boolean): PropertyDecorator {
  const problemOf = (value: unknown, input: Record<string, unknown>) =>
    input.language === undefined && omittedMeansStored(input)
      ? null
      : ownLanguageProblem(input.language ?? DEFAULT_TEXT_LANGUAGE, value);
  return ValidateBy({
    name: 'notInOwnLanguage',
    validator: {
      validate: (value: unknown, args?: ValidationArguments) =>
        problemOf(value, (args?.object ?? {}) as Record<string, unknown>) === null,
      defaultMessage: (args?: ValidationArguments) =>
        problemOf(args?.value, (args?.object ?? {}) as Record<string, unknown>) ?? 'repeats the record\u2019s language',
    },
  });
}

/**
 * Translations in one shape and order, whether read from input, the database or a pending change: the fields named,
 * null where one was not given, ordered by language, so equal translations compare equal.
 */
export function normalTranslations<F extends string>(
  rows: readonly ({ language: string } & { [K in F]?: string | null })[],
  fields: readonly F[],
): ({ language: string } & { [K in F]: string | null })[] {
  return rows
    .map(
      (row) =>
        ({
          language: row.language,
          ...Object.fromEntries(fields.map((field) => [field, row[field] ?? null])),
        }) as { language: string } & { [K in F]: string | null },
    )
    .sort((a, b) => a.language.localeCompare(b.language));
}

/** A record whose texts are written in `language` and translated, one entry a language, in `translations`. */
export type Translated<F extends string> = { language: string; translations: readonly TranslationOf<F>[] } & {
  [K in F]: string | null | undefined;
};
type TranslationOf<F extends string> = { language: string } & { [K in F]?: string | null };

/**
 * One of a record's texts in the language a reader asks for, falling back to the record's own text where no
 * translation gives one; its own text when no language is asked for. BAD_USER_INPUT when the language is unknown.
 */
export function textIn<F extends string>(record: Translated<F>, field: F, requested?: string | null) {
  if (requested === undefined || requested === null) return record[field];
  const language = requestedLanguage(requested);
  if (!language) throw badUserInput('language', textLanguageProblem);
  if (language === record.language) return record[field];
  return record.translations.find((translation) => translation.language === language)?.[field] ?? record[field];
}

/** The argument a translated text field takes, spelled once. */
export const LANGUAGE_ARGUMENT = {
  nullable: true,
  description:
    'ISO 639-1 code of the language wanted (fr, FR and fr-BE all ask for French); the text in the record\u2019s own language when it has no translation into it, or when omitted.',
} as const;
