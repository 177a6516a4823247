import 'reflect-metadata';
import { IsOptional, ValidateNested } from 'class-validator';
import type { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { IsKeptWhenOmitted, IsNutsInCountries, IsText, validateInput } from './validation.js';

class NoteInput {
  @IsText(1, 20)
  text!: string;
}

class PlaceInput {
  @IsText(3, 30)
  title!: string;

  @IsOptional()
  @IsText(1, 10)
  acronym?: string | null;

  @IsOptional()
  countries?: string[] | null;

  @IsOptional()
  @IsNutsInCountries('countries', { each: true })
  nuts?: string[];

  @IsOptional()
  @ValidateNested()
  notes?: NoteInput[];
}

class PlaceUpdate {
  @IsKeptWhenOmitted()
  @IsText(3, 30)
  title?: string;

  @IsOptional()
  country?: string | null;

  @IsOptional()
  @IsNutsInCountries('country', { omittedMeansStored: () => true })
  nuts?: string | null;
}

function make<T extends object>(type: new () => T, values: Partial<T>): T {
  return Object.assign(new type(), values);
}

async function problemsOf(input: object) {
  const error = await validateInput(input).then(
    () => null,
    (caught: GraphQLError) => caught,
  );
  return error;
}

describe('validateInput', () => {
  it('trims texts, in nested inputs too, and accepts what is left', async () => {
    const note = make(NoteInput, { text: '  read me \n' });
    const input = make(PlaceInput, { title: '  Tele-ICU  ', acronym: ' TI ', notes: [note] });
    await expect(validateInput(input)).resolves.toBeUndefined();
    expect(input.title).toBe('Tele-ICU');
    expect(input.acronym).toBe('TI');
    expect(note.text).toBe('read me');
  });

  it('refuses blank texts and texts too short once trimmed', async () => {
    const error = await problemsOf(
      make(PlaceInput, { title: '    ', acronym: '\t', notes: [make(NoteInput, { text: ' ' })] }),
    );
    expect(error?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'title',
      problems: [
        { field: 'title', message: 'must not be empty or only white space' },
        { field: 'acronym', message: 'must not be empty or only white space' },
        { field: 'notes[0].text', message: 'must not be empty or only white space' },
      ],
    });
    expect(error?.message).toBe(
      'title: must not be empty or only white space (and 2 more problems: see extensions.problems)',
    );
    const short = await problemsOf(make(PlaceInput, { title: ' ab ' }));
    expect(short?.message).toBe('title: must be 3 to 30 characters long');
  });

  it('reports every problem of an input at once, each with its field', async () => {
    const error = await problemsOf(make(PlaceInput, { title: ' ', countries: ['PT'], nuts: ['RO21', 'R-1'] }));
    expect(error?.extensions?.problems).toEqual([
      { field: 'title', message: 'must not be empty or only white space' },
      {
        field: 'nuts',
        message:
          'contains a value that is not a NUTS code (two letters and up to three more letters or digits, e.g. RO21)',
      },
      { field: 'nuts', message: 'NUTS region RO21 is not in country PT (codes there start with PT)' },
    ]);
  });

  it('refuses regions when no country is given, unless the stored countries are to be checked', async () => {
    const none = await problemsOf(make(PlaceInput, { title: 'Tele-ICU', nuts: ['RO21'] }));
    expect(none?.extensions?.problems).toEqual([
      { field: 'nuts', message: 'NUTS region RO21 needs its country (RO) to be given as well' },
    ]);
    const cleared = await problemsOf(make(PlaceUpdate, { country: null, nuts: 'RO21' }));
    expect(cleared?.extensions?.field).toBe('nuts');
    await expect(validateInput(make(PlaceUpdate, { nuts: 'RO21' }))).resolves.toBeUndefined();
    await expect(validateInput(make(PlaceUpdate, { country: 'RO', nuts: 'RO21' }))).resolves.toBeUndefined();
  });

  it('refuses clearing a field that can only be left out or changed', async () => {
    const error = await problemsOf(make(PlaceUpdate, { title: null as unknown as string }));
    expect(error?.extensions?.problems).toEqual([{ field: 'title', message: 'cannot be cleared' }]);
    await expect(validateInput(make(PlaceUpdate, {}))).resolves.toBeUndefined();
  });
});
