// Controlled lists of the organisations subgraph: one entry per value, with its label and definition.
export const organisationKinds = [
  {
    code: 'PUBLIC_AUTHORITY',
    label: 'Public authority',
    definition: 'A ministry, agency, region or municipality acting as a public body.',
  },
  {
    code: 'HEALTHCARE_PROVIDER',
    label: 'Healthcare provider',
    definition: 'A hospital, clinic, care home, primary care practice or other provider of health or care services.',
  },
  { code: 'COMPANY', label: 'Company', definition: 'A private company other than a start-up or SME.' },
  { code: 'STARTUP_SME', label: 'Start-up or SME', definition: 'A start-up or a small or medium-sized enterprise.' },
  {
    code: 'RESEARCH_ORGANISATION',
    label: 'Research organisation or university',
    definition: 'A university, research institute or other research performing organisation.',
  },
  {
    code: 'ASSOCIATION_NETWORK',
    label: 'Association or network',
    definition: 'An association, alliance, network or movement of organisations or people.',
  },
  {
    code: 'DIGITAL_INNOVATION_HUB',
    label: 'Digital innovation hub',
    definition: 'A (European) digital innovation hub supporting the digital transformation of a region.',
  },
  { code: 'FUNDING_BODY', label: 'Funding body', definition: 'An organisation that funds projects or practices.' },
  { code: 'OTHER', label: 'Other', definition: 'Any other kind of organisation.' },
] as const;

export type OrganisationKind = (typeof organisationKinds)[number]['code'];
export const organisationKindCodes = organisationKinds.map((kind) => kind.code) as OrganisationKind[];

/** External identifier schemes, their syntax and the IRI each value dereferences to (prefix + value). */
export const identifierSchemes = [
  {
    code: 'ROR',
    label: 'Research Organization Registry',
    pattern: /^0[a-hj-km-np-tv-z0-9]{6}[0-9]{2}$/,
    example: '05a28rw58',
    iriPrefix: 'https://ror.org/',
  },
  {
    code: 'WIKIDATA',
    label: 'Wikidata item',
    pattern: /^Q[1-9][0-9]{0,11}$/,
    example: 'Q8880',
    iriPrefix: 'http://www.wikidata.org/entity/',
  },
  {
    code: 'PIC',
    label: 'EU Participant Identification Code',
    pattern: /^[0-9]{9}$/,
    example: '999999999',
    iriPrefix: null,
  },
  {
    code: 'VAT',
    label: 'EU VAT identification number',
    pattern: /^(AT|BE|BG|CY|CZ|DE|DK|EE|EL|ES|FI|FR|HR|HU|IE|IT|LT|LU|LV|MT|NL|PL|PT|RO|SE|SI|SK|XI)[0-9A-Z+*]{2,12}$/,
    example: 'BE0123456789',
    iriPrefix: null,
  },
] as const;

export type IdentifierScheme = (typeof identifierSchemes)[number]['code'];
export const identifierSchemeCodes = identifierSchemes.map((scheme) => scheme.code) as IdentifierScheme[];

export function identifierScheme(code: IdentifierScheme) {
  const scheme = identifierSchemes.find((candidate) => candidate.code === code);
  if (!scheme) throw new Error(`unknown identifier scheme ${code}`);
  return scheme;
}
export const organisationCodeLists = { organisationKinds, identifierSchemes } as const;

/** The IRI an identifier dereferences to, where its scheme has one. */
export function identifierIri(code: IdentifierScheme, value: string): string | null {
  const prefix = identifierScheme(code).iriPrefix;
  return prefix ? prefix + value : null;
}

/** The same as identifierIri, in SQL, for a row's `scheme` and `value` columns. */
export function identifierIriSql(scheme: string, value: string) {
  const cases = identifierSchemes.flatMap((entry) =>
    entry.iriPrefix ? [`when '${entry.code}' then '${entry.iriPrefix}' || ${value}`] : [],
  );
  return `case ${scheme} ${cases.join(' ')} end`;
}
