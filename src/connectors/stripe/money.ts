/**
 * Currencies whose amounts Stripe counts in whole units (no cents) or in thousandths.
 * https://docs.stripe.com/currencies#zero-decimal
 * https://docs.stripe.com/currencies#three-decimal
 */
const ZERO_DECIMAL = new Set([
  'bif',
  'clp',
  'djf',
  'gnf',
  'jpy',
  'kmf',
  'krw',
  'mga',
  'pyg',
  'rwf',
  'ugx',
  'vnd',
  'vuv',
  'xaf',
  'xof',
  'xpf',
])
const THREE_DECIMAL = new Set(['bhd', 'jod', 'kwd', 'omr', 'tnd'])

/** Minor units per unit of `currency`. */
export function minorPerUnit(currency: string): number {
  const code = currency.toLowerCase()
  if (ZERO_DECIMAL.has(code)) return 1
  if (THREE_DECIMAL.has(code)) return 1000
  return 100
}

/** An amount in the currency's minor units (cents) as currency units, rounded to the cent. */
export function toUnits(minor: number, currency: string): number {
  return Math.round((minor / minorPerUnit(currency)) * 100) / 100
}
