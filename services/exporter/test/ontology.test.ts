// The ontology files stand on their own and cannot drift from the code: generated files match, every file parses,
// every exported GraphQL field is mapped or excluded, and every term the export uses is defined.
import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import n3 from 'n3';
import { describe, expect, it } from 'vitest';
import {
  EU_PROGRAMME_TABLE,
  identifierSchemesRdf,
  WHO_CDHI_SYSTEM,
  WHO_SERVICE_TYPE_SYSTEM,
} from '../src/alignments.js';
import { type CodeListName, codeLists, conceptIri, schemeIri } from '../src/codelists.js';
import { mappings } from '../src/mapping.js';
import { generatedOntologyFiles } from '../src/ontology.cli.js';
import { ontologyFile } from '../src/rdf.js';
import { radar, rdf, skos } from '../src/vocabulary.js';

const parseTurtle = (name: string) => new n3.Store(new n3.Parser({ format: 'text/turtle' }).parse(ontologyFile(name)));

describe('ontology/', () => {
  it('holds exactly the code lists and shapes the services define (run `pnpm ontology` after changing a list)', async () => {
    for (const [name, content] of await generatedOntologyFiles()) expect(ontologyFile(name), name).toBe(content);
  });

  it('publishes every code of every list as a SKOS concept in its scheme', () => {
    const store = parseTurtle('codelists.ttl');
    for (const [name, entries] of Object.entries(codeLists) as [CodeListName, { code: string }[]][]) {
      for (const { code } of entries) {
        expect(
          store.has(
            new n3.Quad(
              new n3.NamedNode(conceptIri(name, code)),
              new n3.NamedNode(rdf.type),
              new n3.NamedNode(skos.Concept),
            ),
          ),
          `${name} ${code}`,
        ).toBe(true);
      }
    }
    const broader = store.getObjects(
      new n3.NamedNode(conceptIri('cdhiCodes', '2.4.1')),
      new n3.NamedNode(skos.broader),
      null,
    );
    expect(broader.map((term) => term.value)).toEqual([conceptIri('cdhiCodes', '2.4')]);
  });

  it('defines every RADAR term it mints, with a label and a comment', () => {
    const store = parseTurtle('radar.ttl');
    for (const [local, iri] of Object.entries(radar)) {
      if (local === '$') continue;
      const subject = new n3.NamedNode(iri);
      expect(
        store.getObjects(subject, new n3.NamedNode('http://www.w3.org/2000/01/rdf-schema#label'), null).length,
        local,
      ).toBeGreaterThan(0);
      expect(
        store.getObjects(subject, new n3.NamedNode('http://www.w3.org/2000/01/rdf-schema#comment'), null).length,
        local,
      ).toBeGreaterThan(0);
    }
    expect(parseTurtle('shapes.ttl').size).toBeGreaterThan(50);
  });
});

describe('the export mappings', () => {
  const supergraph = parse(readFileSync(new URL('../../../schema/supergraph.graphql', import.meta.url), 'utf8'));
  const fieldsOf = (type: string) => {
    const definition = supergraph.definitions.find(
      (node) => 'name' in node && node.name?.value === type && node.kind === 'ObjectTypeDefinition',
    );
    return definition && 'fields' in definition ? (definition.fields ?? []).map((field) => field.name.value) : [];
  };

  it.each(Object.values(mappings))('maps or explicitly excludes every GraphQL field of $type', (mapping) => {
    const mapped = new Set([...mapping.fields.map((field) => field.field), ...Object.keys(mapping.excluded)]);
    const fields = fieldsOf(mapping.type);
    expect(fields.length).toBeGreaterThan(5);
    expect(fields.filter((field) => !mapped.has(field))).toEqual([]);
    expect([...mapped].filter((field) => !fields.includes(field))).toEqual([]);
  });

  it('uses only terms the JSON-LD context defines', () => {
    const context = JSON.parse(ontologyFile('context.jsonld'))['@context'] as Record<string, unknown>;
    for (const mapping of Object.values(mappings)) {
      for (const field of mapping.fields) {
        for (const term of field.terms)
          expect(context, `${mapping.type}.${field.field} → ${term}`).toHaveProperty(term);
      }
    }
  });

  it('maps every RADAR term of the context to a term the ontology defines', () => {
    const context = JSON.parse(ontologyFile('context.jsonld'))['@context'] as Record<
      string,
      string | { '@id': string }
    >;
    const ontology = parseTurtle('radar.ttl');
    for (const [term, definition] of Object.entries(context)) {
      const id = typeof definition === 'string' ? definition : definition['@id'];
      if (typeof id !== 'string' || !id.startsWith('radar:')) continue;
      const iri = `${radar.$}${id.slice('radar:'.length)}`;
      expect(ontology.getQuads(new n3.NamedNode(iri), null, null, null).length, term).toBeGreaterThan(0);
    }
  });
});

const codeListEntries = (name: CodeListName) => codeLists[name] as readonly { code: string }[];

describe('the alignments', () => {
  const codeLists = parseTurtle('codelists.ttl');
  const objects = (subject: string, predicate: string) =>
    codeLists.getObjects(new n3.NamedNode(subject), new n3.NamedNode(predicate), null).map((term) => term.value);

  it('map every CDHI code and service type to WHO\u2019s code systems exactly, and programmes to the EU table', () => {
    for (const { code } of codeListEntries('cdhiCodes')) {
      expect(objects(conceptIri('cdhiCodes', code), skos.exactMatch), code).toEqual([`${WHO_CDHI_SYSTEM}#${code}`]);
    }
    for (const { code } of codeListEntries('serviceTypes')) {
      expect(objects(conceptIri('serviceTypes', code), skos.exactMatch), code).toEqual([
        `${WHO_SERVICE_TYPE_SYSTEM}#${code}`,
      ]);
    }
    expect(objects(conceptIri('programmes', 'HORIZON_EUROPE'), skos.exactMatch)).toEqual([
      `${EU_PROGRAMME_TABLE}HORIZONEU`,
    ]);
    expect(objects(conceptIri('programmes', 'INTERREG'), skos.closeMatch)).toEqual([`${EU_PROGRAMME_TABLE}TERRCOOP`]);
    // The health system challenges are numbered by RADAR, so they map to nothing; no other list is mapped either.
    const mapped = [skos.exactMatch, skos.closeMatch].flatMap((predicate) =>
      codeLists.getSubjects(new n3.NamedNode(predicate), null, null).map((term) => term.value),
    );
    const mappedSchemes = new Set(mapped.map((iri) => iri.slice(0, iri.lastIndexOf('/'))));
    expect([...mappedSchemes].sort()).toEqual(
      [schemeIri('cdhiCodes'), schemeIri('programmes'), schemeIri('serviceTypes')].sort(),
    );
  });

  it('declare a datatype in the ontology for every identifier scheme, and each scheme the services accept has one', () => {
    const ontology = parseTurtle('radar.ttl');
    for (const { code } of codeListEntries('identifierSchemes'))
      expect(identifierSchemesRdf, code).toHaveProperty(code);
    for (const scheme of Object.values(identifierSchemesRdf)) {
      expect(
        ontology.has(
          new n3.Quad(
            new n3.NamedNode(scheme.datatype),
            new n3.NamedNode(rdf.type),
            new n3.NamedNode('http://www.w3.org/2000/01/rdf-schema#Datatype'),
          ),
        ),
        scheme.datatype,
      ).toBe(true);
      expect(new URL(scheme.agency).protocol).toMatch(/^https?:$/);
    }
  });
});
