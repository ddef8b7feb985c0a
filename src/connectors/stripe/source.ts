/** The `source` of every row the Stripe connector writes. */
export const SOURCE = 'stripe'
