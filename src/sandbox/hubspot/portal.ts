/**
 * The sandbox portal's fixed identity and credentials. Public on purpose: the portal holds
 * generated data only, and fixed values need no setup.
 */
export const PORTAL = {
  /** The hub id (portal id) every answer about the account reports. */
  id: 24_360_360,
  timeZone: 'US/Eastern',
  currency: 'USD',
  uiDomain: 'app.hubspot.com',
  dataHostingLocation: 'na1',
} as const

/** The user cs360's tokens act as: `hs_updated_by_user_id` of every write made through the API. */
export const INTEGRATION_USER_ID = 7_199_999

export const HUBSPOT_SANDBOX_CREDENTIALS = {
  /** A private app's access token (`pat-<region>-<uuid>` on real portals). */
  accessToken: 'pat-na1-c5360000-5a0d-4b0c-8000-00000000c360',
  clientId: 'c5360000-0000-4000-8000-0000000c11e7',
  clientSecret: 'cs360-sandbox-hubspot-client-secret',
  refreshToken: 'na1-c360-sandbox-hubspot-refresh-token',
} as const

/**
 * The scopes a private app or OAuth install may hold; routes name the one they need.
 * https://developers.hubspot.com/docs/guides/apps/authentication/scopes
 */
export const ALL_SCOPES = [
  'oauth',
  'crm.objects.companies.read',
  'crm.objects.companies.write',
  'crm.objects.deals.read',
  'crm.objects.deals.write',
  'crm.objects.owners.read',
  'crm.schemas.companies.read',
  'crm.schemas.companies.write',
  'crm.schemas.deals.read',
  'crm.schemas.deals.write',
] as const

export type Scope = (typeof ALL_SCOPES)[number]
