// Which languages a text may be in, how a reader asks for one, and the fallback to the record's own.
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { normalTranslations, ownLanguageProblem, requestedLanguage, textIn, textLanguages } from './languages.js';

describe('text languages', () => {
  it('read a requested language by its primary subtag, in any case, and refuse what is not known', () => {
    expect(requestedLanguage('fr')).toBe('fr');
    expect(requestedLanguage(' FR-be ')).toBe('fr');
    expect(requestedLanguage('ro_MD')).toBe('ro');
    expect(requestedLanguage('xx')).toBeNull();
    expect(requestedLanguage('eng')).toBeNull();
    expect(requestedLanguage('')).toBeNull();
  });

  it('name every language by the EU authority table', () => {
    for (const [code, authority] of Object.entries(textLanguages)) {
      expect(code).toMatch(/^[a-z]{2}$/);
      expect(authority).toMatch(/^[A-Z]{3}$/);
    }
    expect(Object.keys(textLanguages)).toEqual(expect.arrayContaining(['bg', 'ga', 'mt', 'is', 'no', 'uk']));
  });

  it('answer in the language asked for, else in the record\u2019s own', () => {
    const record = {
      language: 'en',
      title: 'Own title',
      summary: null,
      translations: [{ language: 'fr', title: 'Titre', summary: 'Résumé' }],
    };
    expect(textIn(record, 'title')).toBe('Own title');
    expect(textIn(record, 'title', 'fr')).toBe('Titre');
    expect(textIn(record, 'summary', 'fr')).toBe('Résumé');
    expect(textIn(record, 'title', 'de')).toBe('Own title');
    expect(textIn(record, 'title', 'en')).toBe('Own title');
    expect(() => textIn(record, 'title', 'klingon')).toThrow(GraphQLError);
  });

  it('put translations in one shape and order, and find one in the own language', () => {
    const rows = [
      { language: 'ro', title: 'Titlu' },
      { language: 'fr', title: 'Titre', summary: 'Résumé' },
    ];
    expect(normalTranslations(rows, ['title', 'summary'])).toEqual([
      { language: 'fr', title: 'Titre', summary: 'Résumé' },
      { language: 'ro', title: 'Titlu', summary: null },
    ]);
    expect(ownLanguageProblem('de', rows)).toBeNull();
    expect(ownLanguageProblem('ro', rows)).toMatch(/^ro is the language/);
  });
});
