// Runs the class-validator rules declared on input classes and turns failures into one BAD_USER_INPUT error.
import {
  IsISO8601,
  IsISO31661Alpha2,
  Matches,
  type ValidationArguments,
  type ValidationError,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
  validate,
} from 'class-validator';
import { badUserInput, type FieldProblem } from './errors.js';

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = /^\d+$/.test(error.property)
      ? `${prefix}[${error.property}]`
      : prefix
        ? `${prefix}.${error.property}`
        : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

export async function validateInput(value: unknown): Promise<void> {
  const targets = Array.isArray(value) ? value : [value];
  const problems: FieldProblem[] = [];
  for (const [index, target] of targets.entries()) {
    if (target === null || typeof target !== 'object' || target.constructor === Object) continue;
    const errors = await validate(target as object, { forbidUnknownValues: false, validationError: { target: false } });
    problems.push(...flatten(errors, Array.isArray(value) ? `[${index}]` : ''));
  }
  const first = problems[0];
  if (first) throw badUserInput(first.field, first.message, problems);
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
