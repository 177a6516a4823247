import { describe, expect, it } from 'vitest';
import { AnswerStore, type Entry } from './response-cache.js';

const entry = (bytes: number): Entry => ({ result: { data: {} }, generations: {}, storedAt: 0, bytes });

describe('AnswerStore', () => {
  it('keeps answers within its size bound, dropping the least recently used first', () => {
    const store = new AnswerStore(100);
    store.set('a', entry(40));
    store.set('b', entry(40));
    expect(store.get('a')).toBeDefined();
    store.set('c', entry(40));
    expect(store.get('b')).toBeUndefined();
    expect(store.get('a')).toBeDefined();
    expect(store.get('c')).toBeDefined();
    expect(store.size).toEqual({ answers: 2, bytes: 80 });
  });

  it('never keeps an answer larger than the whole bound, and counts a replaced answer once', () => {
    const store = new AnswerStore(100);
    store.set('big', entry(101));
    expect(store.get('big')).toBeUndefined();
    store.set('a', entry(30));
    store.set('a', entry(50));
    expect(store.size).toEqual({ answers: 1, bytes: 50 });
  });
});
