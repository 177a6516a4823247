// A completion's claim holds its twinning only while it is fresh, so a completion that died does not lock it forever.
import { describe, expect, it } from 'vitest';
import type { Twinning } from '../twinning/twinning.entity.js';
import { COMPLETION_CLAIM_MS, liveClaim } from './project.service.js';

const claimed = (claimedAt: Date | null, claim: string | null = 'c0ffee00-0000-4000-8000-000000000000') =>
  ({ completionClaim: claim, completionClaimedAt: claimedAt }) as Twinning;

describe('a twinning completion claim', () => {
  const now = Date.parse('2026-12-01T12:00:00Z');

  it('holds the twinning while it is fresh', () => {
    expect(liveClaim(claimed(new Date(now - 1000)), now)).toBe(true);
    expect(liveClaim(claimed(new Date(now - COMPLETION_CLAIM_MS + 1)), now)).toBe(true);
  });

  it('lets go once it is older than the claim time, or when there is none', () => {
    expect(liveClaim(claimed(new Date(now - COMPLETION_CLAIM_MS)), now)).toBe(false);
    expect(liveClaim(claimed(null, null), now)).toBe(false);
    expect(liveClaim(claimed(new Date(now), null), now)).toBe(false);
  });
});
