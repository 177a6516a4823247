import { describe, expect, it } from 'vitest';
import { type SeriesRow, seriesPoints } from './uptake.series.js';

const row = (period: string, start: string, country: string, nuts: string | null, figures: number[]): SeriesRow => {
  const [started = 0, active = 0, ended = 0] = figures;
  return { period, start, country, nuts, started, active, ended };
};

describe('series points', () => {
  const rows = [
    row('2023-Q4', '2023-10-01', 'RO', null, [0, 0, 0]),
    row('2024-Q1', '2024-01-01', 'RO', null, [1, 1, 0]),
    row('2024-Q1', '2024-01-01', 'DE', null, [2, 2, 0]),
    row('2024-Q3', '2024-07-01', 'RO', null, [0, 1, 1]),
    row('2025-Q1', '2025-01-01', 'DE', null, [0, 2, 0]),
  ];

  it('sums every country for Europe from the first adoption, the periods with nothing counted as zeros', () => {
    expect(seriesPoints(rows, { kind: 'europe' }, 'quarter')).toEqual([
      { period: '2024-Q1', started: 3, active: 3, ended: 0 },
      { period: '2024-Q2', started: 0, active: 0, ended: 0 },
      { period: '2024-Q3', started: 0, active: 1, ended: 1 },
      { period: '2024-Q4', started: 0, active: 0, ended: 0 },
      { period: '2025-Q1', started: 0, active: 2, ended: 0 },
    ]);
  });

  it('keeps a country\u2019s rows, or a region\u2019s own', () => {
    expect(seriesPoints(rows, { kind: 'country', country: 'RO' }, 'quarter').map((point) => point.period)).toEqual([
      '2024-Q1',
      '2024-Q2',
      '2024-Q3',
    ]);
    const regions = [
      row('2024-11', '2024-11-01', 'RO', 'RO21', [1, 1, 0]),
      row('2024-11', '2024-11-01', 'RO', 'RO22', [5, 5, 0]),
      row('2025-01', '2025-01-01', 'RO', 'RO21', [0, 1, 1]),
    ];
    expect(seriesPoints(regions, { kind: 'region', country: 'RO', nuts: 'RO21' }, 'month')).toEqual([
      { period: '2024-11', started: 1, active: 1, ended: 0 },
      { period: '2024-12', started: 0, active: 0, ended: 0 },
      { period: '2025-01', started: 0, active: 1, ended: 1 },
    ]);
    expect(seriesPoints([], { kind: 'europe' }, 'year')).toEqual([]);
  });
});
