/**
 * Per-isolate limit on requests that fail the signature check, by source address: a client that keeps
 * sending forged or mis-signed deliveries gets 429 before any HMAC work. Isolates do not share it, so
 * the effective global limit is a multiple of `limit` — a first line of defence, cheap on the hot path.
 */
export class SignatureFailureLimiter {
  private readonly failures = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly limit = 30,
    private readonly windowMs = 60_000,
    private readonly maxSources = 10_000,
  ) {}

  /** Seconds until the source may try again, or 0 when it is not limited. */
  retryAfter(source: string, now = Date.now()): number {
    const entry = this.failures.get(source);
    if (!entry || entry.resetAt <= now) return 0;
    return entry.count >= this.limit ? Math.ceil((entry.resetAt - now) / 1000) : 0;
  }

  recordFailure(source: string, now = Date.now()): void {
    const entry = this.failures.get(source);
    if (entry && entry.resetAt > now) {
      entry.count++;
      return;
    }
    if (this.failures.size >= this.maxSources) {
      // Drop expired entries first; if still full, the oldest one (Map keeps insertion order).
      for (const [key, value] of this.failures) if (value.resetAt <= now) this.failures.delete(key);
      if (this.failures.size >= this.maxSources) this.failures.delete(this.failures.keys().next().value!);
    }
    this.failures.set(source, { count: 1, resetAt: now + this.windowMs });
  }
}
