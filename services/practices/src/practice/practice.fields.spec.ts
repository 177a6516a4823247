// The field set updates copy is derived: every update input field is copied, and every practice column is either
// set through the input or named here as set by RADAR itself.
import { describe, expect, it } from 'vitest';
import { PracticeSchema } from './practice.entity.js';
import { scalarFields, valuesOf } from './practice.fields.js';
import { UpdatePracticeInput } from './practice.inputs.js';

/** Columns RADAR sets itself; a new column that callers should set belongs in UpdatePracticeInput instead. */
const setByRadar = [
  'id',
  'status',
  'cdhiCodesExpanded',
  'createdAt',
  'updatedAt',
  'publishedAt',
  'version',
  'deletedAt',
  'searchVector',
  'titlesFolded',
  'replacedBy',
];

describe('the fields an update copies', () => {
  it('are every column of a practice that RADAR does not set itself', () => {
    const columns = Object.keys(PracticeSchema.meta.properties).filter((name) => !setByRadar.includes(name));
    expect([...scalarFields].sort()).toEqual(columns.sort());
  });

  it('read every field of the update input, clear optional ones and refuse to clear required ones', () => {
    const input = Object.assign(new UpdatePracticeInput(), {
      description: null,
      topics: null,
      trl: 7,
      contributors: [],
    });
    expect(valuesOf(input)).toEqual({
      values: { description: null, topics: [], trl: 7, contributors: [] },
      uncleared: null,
    });
    for (const field of ['title', 'summary', 'type', 'maturity', 'ownerId'] as const) {
      expect(valuesOf(Object.assign(new UpdatePracticeInput(), { [field]: null })).uncleared).toBe(field);
    }
  });
});
