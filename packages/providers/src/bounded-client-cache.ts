import { createHash } from 'node:crypto';

/**
 * SDK clients keyed by (base URL, SHA-256 of the API key), least recently used evicted first. Clients are cheap
 * but hold a connection pool each; BYOK traffic would otherwise create one per request. The key itself is
 * never stored as a map key, only its hash.
 */
export class BoundedClientCache<Client> {
  private readonly clients = new Map<string, Client>();

  constructor(private readonly maxEntries: number) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new RangeError('maxEntries must be a positive integer.');
  }

  get size(): number {
    return this.clients.size;
  }

  getOrCreate(baseURL: string, apiKey: string, create: () => Client): Client {
    const cacheKey = `${baseURL}\n${createHash('sha256').update(apiKey).digest('hex')}`;
    const cached = this.clients.get(cacheKey);
    if (cached !== undefined) {
      // Re-insert so the Map's insertion order is the recency order.
      this.clients.delete(cacheKey);
      this.clients.set(cacheKey, cached);
      return cached;
    }
    const client = create();
    this.clients.set(cacheKey, client);
    if (this.clients.size > this.maxEntries) {
      const oldest = this.clients.keys().next();
      if (oldest.done !== true) this.clients.delete(oldest.value);
    }
    return client;
  }
}
