import { BoundedClientCache } from '../src/bounded-client-cache';
import { redactSecret } from '../src/index';

describe('BoundedClientCache', () => {
  it('reuses the client for the same base URL and key, and makes a new one for another key', () => {
    const cache = new BoundedClientCache<object>(4);
    const first = cache.getOrCreate('http://a/v1', 'key-1', () => ({}));

    expect(cache.getOrCreate('http://a/v1', 'key-1', () => ({}))).toBe(first);
    expect(cache.getOrCreate('http://a/v1', 'key-2', () => ({}))).not.toBe(first);
    expect(cache.getOrCreate('http://b/v1', 'key-1', () => ({}))).not.toBe(first);
  });

  it('evicts the least recently used client past its bound', () => {
    const cache = new BoundedClientCache<string>(2);
    cache.getOrCreate('http://a', 'k', () => 'a');
    cache.getOrCreate('http://b', 'k', () => 'b');
    cache.getOrCreate('http://a', 'k', () => 'a2');
    cache.getOrCreate('http://c', 'k', () => 'c');

    expect(cache.size).toBe(2);
    expect(cache.getOrCreate('http://a', 'k', () => 'a3')).toBe('a');
    expect(cache.getOrCreate('http://b', 'k', () => 'b2')).toBe('b2');
  });
});

describe('redactSecret', () => {
  it('removes every occurrence of the secret', () => {
    expect(redactSecret('key sk-123 and again sk-123.', 'sk-123')).toBe('key [redacted] and again [redacted].');
    expect(redactSecret('nothing to hide', '')).toBe('nothing to hide');
  });
});
