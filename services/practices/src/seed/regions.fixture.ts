// The names of the NUTS regions the example data lies in (NUTS 2024, Eurostat), so a fresh RADAR names them.
import type { RegionNameInput } from '../region/region.inputs.js';

export const regionNameFixtures: RegionNameInput[] = [
  { code: 'RO1', name: 'Macroregiunea Unu' },
  { code: 'RO2', name: 'Macroregiunea Doi' },
  { code: 'RO3', name: 'Macroregiunea Trei' },
  { code: 'RO4', name: 'Macroregiunea Patru' },
  { code: 'RO21', name: 'Nord-Est' },
  { code: 'RO211', name: 'Bacău' },
  { code: 'RO212', name: 'Botoşani' },
  { code: 'RO213', name: 'Iaşi' },
  { code: 'RO214', name: 'Neamţ' },
  { code: 'RO215', name: 'Suceava' },
  { code: 'RO216', name: 'Vaslui' },
];
