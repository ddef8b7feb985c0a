/** Seeded PRNG (mulberry32): the same seed gives the same company, byte for byte. */
export class Random {
  private state: number

  constructor(seed: number) {
    this.state = seed >>> 0
  }

  /**
   * An independent stream for one part of the company (`zendesk`, `stripe` …), so adding or
   * changing draws in one system leaves every other system's records unchanged.
   */
  static forPart(seed: number, part: string): Random {
    // FNV-1a over the part name, mixed with the seed.
    let h = 0x811c9dc5 ^ (seed >>> 0)
    for (let i = 0; i < part.length; i++) h = Math.imul(h ^ part.charCodeAt(i), 0x01000193)
    return new Random(h >>> 0)
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0
    let t = this.state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  between(min: number, max: number): number {
    return min + (max - min) * this.next()
  }

  int(min: number, max: number): number {
    return Math.floor(this.between(min, max + 1))
  }

  /** Log-uniform: company sizes spread over orders of magnitude. */
  logBetween(min: number, max: number): number {
    return Math.exp(this.between(Math.log(min), Math.log(max)))
  }

  /** Standard normal (Box–Muller). */
  normal(mean = 0, sd = 1): number {
    const u = 1 - this.next()
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next())
  }

  /** Log-normal around `median`, redrawn until inside [min, max]: skewed like real ARR. */
  logNormalWithin(median: number, sigma: number, min: number, max: number): number {
    for (let attempt = 0; attempt < 50; attempt++) {
      const value = median * Math.exp(this.normal(0, sigma))
      if (value >= min && value <= max) return value
    }
    return Math.min(max, Math.max(min, median))
  }

  /** Poisson count (Knuth; normal approximation for large means). */
  poisson(mean: number): number {
    if (mean <= 0) return 0
    if (mean > 40) return Math.max(0, Math.round(this.normal(mean, Math.sqrt(mean))))
    const limit = Math.exp(-mean)
    let k = 0
    for (let p = this.next(); p > limit; p *= this.next()) k++
    return k
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!
  }

  /** Picks by weight; weights need not sum to one. */
  weighted<T>(options: readonly (readonly [T, number])[]): T {
    const total = options.reduce((sum, [, w]) => sum + w, 0)
    let roll = this.next() * total
    for (const [value, w] of options) {
      if (roll < w) return value
      roll -= w
    }
    return options[options.length - 1]![0]
  }

  chance(p: number): boolean {
    return this.next() < p
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1))
      ;[items[i], items[j]] = [items[j]!, items[i]!]
    }
    return items
  }

  /** Random characters from an alphabet: Stripe-style id bodies, hex strings. */
  chars(length: number, alphabet: string): string {
    let out = ''
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(this.next() * alphabet.length)]
    return out
  }

  /** A version-4 UUID drawn from this stream (not crypto: reproducible per seed). */
  uuid(): string {
    const hex = this.chars(32, '0123456789abcdef').split('')
    hex[12] = '4'
    hex[16] = '89ab'[Math.floor(this.next() * 4)]!
    const h = hex.join('')
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
  }
}
