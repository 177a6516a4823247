import { describe, expect, it } from 'vitest';
import { adoptionSeries } from './uptake.series.js';

const adoption = (startDate: string | null, endDate: string | null, status = 'ONGOING') => ({
  country: 'RO',
  nuts: 'RO21',
  status,
  startDate,
  endDate,
  createdAt: '2024-01-05T10:00:00Z',
  updatedAt: '2024-07-20T10:00:00Z',
});

describe('adoption series', () => {
  it('counts adoptions started, active and ended per quarter up to today', () => {
    const series = adoptionSeries(
      [adoption('2024-02-12', '2024-08-09', 'ENDED'), adoption('2024-05-01', null)],
      'quarter',
      new Date('2024-12-01T00:00:00Z'),
    );
    expect(series).toEqual([
      { period: '2024-Q1', started: 1, active: 1, ended: 0 },
      { period: '2024-Q2', started: 1, active: 2, ended: 0 },
      { period: '2024-Q3', started: 0, active: 2, ended: 1 },
      { period: '2024-Q4', started: 0, active: 1, ended: 0 },
    ]);
  });

  it('leaves planned adoptions out and starts undated ones at their registration', () => {
    const series = adoptionSeries(
      [adoption(null, null), adoption('2023-03-01', null, 'PLANNED')],
      'year',
      new Date('2025-06-01T00:00:00Z'),
    );
    expect(series).toEqual([
      { period: '2024', started: 1, active: 1, ended: 0 },
      { period: '2025', started: 0, active: 1, ended: 0 },
    ]);
  });

  it('ends an ended adoption without an end date on the day it was last changed', () => {
    expect(
      adoptionSeries([adoption('2024-02-01', null, 'ENDED')], 'quarter', new Date('2024-10-01T00:00:00Z')),
    ).toEqual([
      { period: '2024-Q1', started: 1, active: 1, ended: 0 },
      { period: '2024-Q2', started: 0, active: 1, ended: 0 },
      { period: '2024-Q3', started: 0, active: 1, ended: 1 },
      { period: '2024-Q4', started: 0, active: 0, ended: 0 },
    ]);
  });

  it('names months and is empty without adoptions', () => {
    expect(adoptionSeries([adoption('2024-11-20', '2024-12-02')], 'month', new Date('2025-01-10T00:00:00Z'))).toEqual([
      { period: '2024-11', started: 1, active: 1, ended: 0 },
      { period: '2024-12', started: 0, active: 1, ended: 1 },
      { period: '2025-01', started: 0, active: 0, ended: 0 },
    ]);
    expect(adoptionSeries([], 'year')).toEqual([]);
  });
});
