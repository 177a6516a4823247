// Runs the class-validator rules declared on input classes, after trimming their texts, and turns every failure
// of an input into one BAD_USER_INPUT error that lists them all.
import {
  IsISO8601,
  IsISO31661Alpha2,
  Matches,
  ValidateBy,
  ValidateIf,
  type ValidationArguments,
  type ValidationError,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
  validate,
} from 'class-validator';
import { badUserInput, type FieldProblem, invalidInput } from './errors.js';
import { NUTS_PATTERN, nutsCountryProblem } from './geography.js';

/** class-validator's own messages start with the property's name, which the error already gives as its field. */
function readable(property: string, message: string) {
  if (message === `All ${property}'s elements must be unique`) return 'must not contain the same value twice';
  if (message.startsWith(`each value in ${property} `))
    return `each value ${message.slice(`each value in ${property} `.length)}`;
  if (message.startsWith(`nested property ${property} `)) return message.slice(`nested property ${property} `.length);
  return message.startsWith(`${property} `) ? message.slice(property.length + 1) : message;
}

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = /^\d+$/.test(error.property)
      ? `${prefix}[${error.property}]`
      : prefix
        ? `${prefix}.${error.property}`
        : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({
      field,
      message: readable(error.property, message),
    }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

const textFields = new Map<object, Set<string>>();

function isInputObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && value.constructor !== Object;
}

/** Trims every field declared with IsText, in the input and the inputs nested in it. */
function trimTexts(target: Record<string, unknown>) {
  for (let prototype = Object.getPrototypeOf(target); prototype; prototype = Object.getPrototypeOf(prototype)) {
    for (const field of textFields.get(prototype) ?? []) {
      const value = target[field];
      if (typeof value === 'string') target[field] = value.trim();
    }
  }
  for (const value of Object.values(target)) {
    for (const item of Array.isArray(value) ? value : [value]) if (isInputObject(item)) trimTexts(item);
  }
}

export async function validateInput(value: unknown): Promise<void> {
  const targets = Array.isArray(value) ? value : [value];
  const problems: FieldProblem[] = [];
  for (const [index, target] of targets.entries()) {
    if (!isInputObject(target)) continue;
    trimTexts(target);
    const errors = await validate(target, { forbidUnknownValues: false, validationError: { target: false } });
    problems.push(...flatten(errors, Array.isArray(value) ? `[${index}]` : ''));
  }
  if (problems.length > 0) throw invalidInput(problems);
}

/** Null when the (already trimmed) value is a text of `min` to `max` characters, else what is wrong with it. */
function textProblem(value: unknown, min: number, max: number): string | null {
  if (typeof value !== 'string') return 'must be a text';
  if (value.length === 0) return 'must not be empty or only white space';
  if (value.length >= min && value.length <= max) return null;
  return min <= 1 ? `must be at most ${max} characters long` : `must be ${min} to ${max} characters long`;
}

/** The rule of IsText for a plain argument: the trimmed text, or BAD_USER_INPUT on `field`. */
export function checkText(field: string, value: string, min: number, max: number): string {
  const text = value.trim();
  const problem = textProblem(text, min, max);
  if (problem) throw badUserInput(field, problem);
  return text;
}

/**
 * A text a person reads (a title, name, acronym, summary, note…): leading and trailing white space is trimmed
 * before any rule runs, and what is left must be `min` to `max` characters long, so a blank text is refused.
 */
export function IsText(min: number, max: number): PropertyDecorator {
  const length = ValidateBy({
    name: 'isText',
    validator: {
      validate: (value: unknown) => value === null || value === undefined || textProblem(value, min, max) === null,
      defaultMessage: (args?: ValidationArguments) => textProblem(args?.value, min, max) ?? 'is not a text',
    },
  });
  return (target, property) => {
    const fields = textFields.get(target) ?? new Set<string>();
    fields.add(String(property));
    textFields.set(target, fields);
    length(target, property);
  };
}

/**
 * NUTS codes (one, or with `each` a list) that lie in the country or countries of the field `countriesField` sent
 * with them. When that field is omitted and `omittedMeansStored` says so for the input (an update), the service
 * checks the codes against the stored countries instead; otherwise an omitted field means no country at all.
 */
export function IsNutsInCountries(
  countriesField: string,
  options: { each?: boolean; omittedMeansStored?: (input: object) => boolean } = {},
): PropertyDecorator {
  const each = options.each ?? false;
  const shape = Matches(NUTS_PATTERN, {
    each,
    message: each
      ? 'contains a value that is not a NUTS code (two letters and up to three more letters or digits, e.g. RO21)'
      : 'is not a NUTS code (two letters and up to three more letters or digits, e.g. RO21)',
  });
  const problemOf = (value: unknown, input: Record<string, unknown>) => {
    const codes = (Array.isArray(value) ? value : [value]).filter(
      (code): code is string => typeof code === 'string' && NUTS_PATTERN.test(code),
    );
    const countries = input[countriesField] as string[] | string | null | undefined;
    if (countries === undefined && options.omittedMeansStored?.(input)) return null;
    return nutsCountryProblem(countries, codes);
  };
  const inCountries = ValidateBy({
    name: 'nutsInCountries',
    validator: {
      validate: (value: unknown, args?: ValidationArguments) =>
        problemOf(value, (args?.object ?? {}) as Record<string, unknown>) === null,
      defaultMessage: (args?: ValidationArguments) =>
        problemOf(args?.value, (args?.object ?? {}) as Record<string, unknown>) ?? 'is not in the countries given',
    },
  });
  return (target, property) => {
    shape(target, property);
    inCountries(target, property);
  };
}

/** An upper-case ISO 3166-1 alpha-2 country code (or, with `each`, a list of them). */
export function IsCountryCode(options: { each?: boolean } = {}): PropertyDecorator {
  const each = options.each ?? false;
  const known = IsISO31661Alpha2({
    each,
    message: each
      ? 'contains a value that is not an ISO 3166-1 alpha-2 country code'
      : 'is not an ISO 3166-1 alpha-2 country code',
  });
  const upperCase = Matches(/^[A-Z]{2}$/, {
    each,
    message: each ? 'country codes must be upper case, e.g. RO' : 'must be upper case, e.g. RO',
  });
  return (target, property) => {
    known(target, property);
    upperCase(target, property);
  };
}

/** Options for class-validator's IsUrl that accept only absolute http(s) URLs. */
export const HTTP_URL = { require_protocol: true, protocols: ['http', 'https'], require_tld: true };

/** A calendar date as YYYY-MM-DD that exists. */
export function IsLocalDate(): PropertyDecorator {
  const shape = Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date as YYYY-MM-DD' });
  const real = IsISO8601({ strict: true, strictSeparator: true }, { message: 'must be a date that exists' });
  return (target, property) => {
    shape(target, property);
    real(target, property);
  };
}

/** On an `endDate` field: not before the `startDate` sent with it. */
@ValidatorConstraint({ name: 'endNotBeforeStart' })
export class EndNotBeforeStart implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments) {
    const { startDate } = args.object as { startDate?: string | null };
    return typeof value !== 'string' || !startDate || value >= startDate;
  }
  defaultMessage() {
    return 'must not be before startDate';
  }
}

/** On an update, a field that may be left out but not cleared: null is refused, an omitted field stays as it is. */
export function IsKeptWhenOmitted(): PropertyDecorator {
  const sent = ValidateIf((_input: object, value: unknown) => value !== undefined);
  const notNull = ValidateBy({
    name: 'cannotBeCleared',
    validator: { validate: (value: unknown) => value !== null, defaultMessage: () => 'cannot be cleared' },
  });
  return (target, property) => {
    sent(target, property);
    notNull(target, property);
  };
}
