import { Random } from '../dataset/random.js'

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

/**
 * Stripe-shaped ids for what the sandbox creates at run time (`evt_1…` events, `req_…` request
 * ids, `di_…` discounts): the same sequence for every server start, unique within it.
 */
export class IdMint {
  private readonly random = new Random(0x57_21_9e)
  private readonly used = new Set<string>()

  next(prefix: string, length: number): string {
    for (;;) {
      const id = `${prefix}_${length >= 24 ? '1' : ''}${this.random.chars(length, BASE62)}`
      if (!this.used.has(id)) {
        this.used.add(id)
        return id
      }
    }
  }

  /** Ids taken by the dataset, so minted ones never collide with them. */
  reserve(id: string): void {
    this.used.add(id)
  }
}
