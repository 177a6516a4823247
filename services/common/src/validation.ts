// Runs the class-validator rules declared on input classes and turns failures into one BAD_USER_INPUT error.
import { IsISO31661Alpha2, Matches, type ValidationError, validate } from 'class-validator';
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
