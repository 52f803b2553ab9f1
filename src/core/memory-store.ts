/**
 * The in-memory session store: the default for one instance. Entries expire after the TTL and the
 * store is bounded: when full, the least recently used conversation is forgotten first.
 */
import type { Session, SessionStore, Versioned } from './session.js';

interface Entry {
  /** Kept as JSON: compact (well under 1 KB per idle conversation) and never shared by reference. */
  json: string;
  version: number;
  expiresAt: number;
}

export interface MemoryStoreOptions {
  ttlSeconds: number;
  maxEntries: number;
  now?: () => number;
}

export class MemorySessionStore implements SessionStore {
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => number;
  private sweep: NodeJS.Timeout | undefined;

  constructor(private readonly options: MemoryStoreOptions) {
    this.now = options.now ?? Date.now;
    // Expired entries are also dropped on read; the sweep frees memory of conversations never resumed.
    this.sweep = setInterval(() => this.removeExpired(), Math.min(60_000, options.ttlSeconds * 1000)).unref();
  }

  get size(): number {
    return this.entries.size;
  }

  async get(id: string): Promise<Versioned | undefined> {
    const e = this.entries.get(id);
    if (!e) return undefined;
    if (e.expiresAt <= this.now()) {
      this.entries.delete(id);
      return undefined;
    }
    // Re-insert: Map order is the LRU order.
    this.entries.delete(id);
    this.entries.set(id, e);
    return { session: JSON.parse(e.json) as Session, version: e.version };
  }

  async create(id: string, session: Session): Promise<boolean> {
    if ((await this.get(id)) !== undefined) return false;
    this.write(id, session, 1);
    return true;
  }

  async update(id: string, session: Session, expectedVersion: number): Promise<boolean> {
    const current = await this.get(id);
    if (!current || current.version !== expectedVersion) return false;
    this.write(id, session, expectedVersion + 1);
    return true;
  }

  async delete(id: string): Promise<boolean> {
    return this.entries.delete(id);
  }

  async ping(): Promise<boolean> {
    return true;
  }

  async close(): Promise<void> {
    if (this.sweep) clearInterval(this.sweep);
    this.sweep = undefined;
    this.entries.clear();
  }

  private write(id: string, session: Session, version: number): void {
    this.entries.delete(id);
    while (this.entries.size >= this.options.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    this.entries.set(id, { json: JSON.stringify(session), version, expiresAt: this.now() + this.options.ttlSeconds * 1000 });
  }

  private removeExpired(): void {
    const now = this.now();
    for (const [id, e] of this.entries) if (e.expiresAt <= now) this.entries.delete(id);
  }
}
