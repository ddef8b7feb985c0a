/**
 * The customer-360 values cs360 can write onto a CRM account. Connector configs map each of
 * them to a field of their own CRM; the write-back activity reads them from account_scores.
 */
export const WRITE_BACK_OUTPUTS = ['healthScore', 'healthBand', 'arr', 'nextRenewalDate'] as const

export type WriteBackOutput = (typeof WRITE_BACK_OUTPUTS)[number]
