/**
 * A small in-process cache for aggregates (facet counts, market figures, gauges): a value is
 * reused for ttlMs, then recomputed by the next caller. Concurrent misses share one load.
 */
export class TtlCache<T> {
  readonly #ttlMs: number;
  readonly #max: number;
  readonly #entries = new Map<string, { at: number; value: Promise<T> }>();

  constructor(ttlMs: number, max = 500) {
    this.#ttlMs = ttlMs;
    this.#max = max;
  }

  get(key: string, load: () => Promise<T>): Promise<T> {
    if (this.#ttlMs <= 0) return load();
    const now = Date.now();
    const hit = this.#entries.get(key);
    if (hit && now - hit.at < this.#ttlMs) return hit.value;
    if (this.#entries.size >= this.#max) this.#entries.delete(this.#entries.keys().next().value as string);
    const value = load();
    this.#entries.set(key, { at: now, value });
    // A failed load is not cached.
    value.catch(() => this.#entries.delete(key));
    return value;
  }
}
