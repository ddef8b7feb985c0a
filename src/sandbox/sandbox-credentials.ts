/**
 * Credentials the sandbox servers accept. They are fixed and public on purpose: the sandbox
 * holds only generated data, and a fixed pair lets a config file point at it without setup.
 */
export const SANDBOX_CREDENTIALS = {
  salesforce: {
    clientId: 'cs360-sandbox-client',
    clientSecret: 'cs360-sandbox-secret',
    refreshToken: 'cs360-sandbox-refresh-token',
  },
} as const

/** Ports relative to the sandbox's base port, one per system, stable across runs. */
export const SANDBOX_PORT_OFFSETS = {
  salesforce: 0,
  hubspot: 1,
  zendesk: 2,
  stripe: 3,
  amplitude: 4,
} as const
