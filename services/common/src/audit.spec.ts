import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { auditEvent, diff, eventTime, recordEventOf } from './audit.js';
import type { SignedInCaller } from './auth.js';
import { importNoteFrom, importNoteOf, importNoteOfHeader, withImportNote } from './sources.js';

describe('diff', () => {
  it('lists each field whose value differs, with its value before and after', () => {
    expect(
      diff(
        { name: 'Old', city: null, identifiers: ['ROR 01'], kept: 1 },
        { name: 'New', city: 'Cluj', identifiers: ['ROR 01', 'WIKIDATA Q1'], kept: 1 },
      ),
    ).toEqual({
      name: { from: 'Old', to: 'New' },
      city: { from: null, to: 'Cluj' },
      identifiers: { from: ['ROR 01'], to: ['ROR 01', 'WIKIDATA Q1'] },
    });
  });

  it('reads a missing field as null, so a creation lists every value it sets and nothing it leaves empty', () => {
    expect(diff({}, { name: 'New', acronym: null, website: undefined })).toEqual({ name: { from: null, to: 'New' } });
    expect(diff({ a: [1] }, { a: [1] })).toEqual({});
  });
});

describe('audit events', () => {
  it('follow each other in time even when written in the same millisecond', () => {
    const times = Array.from({ length: 5 }, () => eventTime().getTime());
    for (let index = 1; index < times.length; index++) expect(times[index]).toBeGreaterThan(times[index - 1] as number);
  });

  it('name the key, its role and the comment, and show their changes as JSON', () => {
    const actor = { kind: 'key', id: 'k1', label: 'Importer', curator: true, organisations: [] } as SignedInCaller;
    const event = auditEvent(actor, 'UPDATED', { city: { from: null, to: 'Cluj' } }, 'import r1 from partner (7)');
    expect(event).toMatchObject({ action: 'UPDATED', actorKeyId: 'k1', actorLabel: 'Importer', actorRole: 'curator' });
    expect(recordEventOf(event)).toEqual({
      at: event.at,
      action: 'UPDATED',
      actor: 'Importer',
      actorRole: 'curator',
      changes: '{"city":{"from":null,"to":"Cluj"}}',
      comment: 'import r1 from partner (7)',
    });
  });

  it('carry the note of the import their request is part of, unless the write gives its own', async () => {
    const actor = { kind: 'key', id: 'k1', label: 'Importer', curator: true, organisations: [] } as SignedInCaller;
    expect(auditEvent(actor, 'UPDATED').comment).toBeNull();
    const seen: (string | null)[] = [];
    withImportNote('import r2 from dump.jsonld', () => {
      seen.push(auditEvent(actor, 'UPDATED').comment);
      seen.push(auditEvent(actor, 'UPDATED', {}, 'import r2 from partner (7)').comment);
      // Work the request goes on with later, after a wait, still knows the import.
      setTimeout(() => seen.push(auditEvent(actor, 'UPDATED').comment), 5);
    });
    expect(auditEvent(actor, 'UPDATED').comment).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(seen).toEqual(['import r2 from dump.jsonld', 'import r2 from partner (7)', 'import r2 from dump.jsonld']);
  });
});

describe('import notes', () => {
  it('are one line of up to 300 characters, from a header (URI-encoded) or a subgraph request body', () => {
    expect(importNoteOfHeader(encodeURIComponent('import cli-1 from Spitale județene.csv'))).toBe(
      'import cli-1 from Spitale județene.csv',
    );
    expect(importNoteOf({ query: '{ x }', extensions: { radarImport: ' import r3 ' } })).toBe('import r3');
    for (const bad of ['', '   ', 'a'.repeat(301), 'two\nlines', 'bell\u0007', 42, null, undefined]) {
      expect(importNoteFrom(bad)).toBeUndefined();
    }
    expect(importNoteOfHeader('%E0%A4%A')).toBeUndefined();
    expect(importNoteOfHeader(undefined)).toBeUndefined();
    expect(importNoteOf({ query: '{ x }' })).toBeUndefined();
  });
});
