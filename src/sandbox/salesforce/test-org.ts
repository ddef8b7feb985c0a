import jsforce from 'jsforce'
import type { SalesforceDataset } from './dataset-schema.js'
import { caseSafeSuffix } from './ids.js'
import type { SalesforceSandbox } from './server.js'

/** Test support: a tiny org, ids for it, and jsforce connections configured as cs360 does. */
export const credentials = { clientId: 'client', clientSecret: 'secret', refreshToken: 'refresh' }

export function sfId(prefix: string, n: number): string {
  const id15 = `${prefix}5g0000${String(n).padStart(6, '0')}`
  return id15 + caseSafeSuffix(id15)
}

export const HEALTH_FIELDS: SalesforceDataset['objects'] = {
  Account: {
    customFields: [
      {
        name: 'CS360_Health_Score__c',
        type: 'double',
        label: 'CS360 Health Score',
        precision: 5,
        scale: 1,
      },
      { name: 'CS360_Health_Band__c', type: 'string', label: 'CS360 Health Band', length: 20 },
    ],
  },
}

/** One owner and `accounts` accounts whose SystemModstamps repeat every 50 accounts. */
export function smallOrg(accounts: number): SalesforceDataset {
  return {
    objects: HEALTH_FIELDS,
    records: {
      User: [
        {
          Id: sfId('005', 1),
          Name: 'Olive Owner',
          Email: 'olive@example.com',
          IsActive: true,
          CreatedDate: '2025-01-01T00:00:00.000+0000',
          SystemModstamp: '2025-01-01T00:00:00.000+0000',
        },
      ],
      Account: Array.from({ length: accounts }, (_, i) => ({
        Id: sfId('001', i + 1),
        Name: `Account ${i + 1}`,
        OwnerId: sfId('005', 1),
        NumberOfEmployees: 10 + i,
        SystemModstamp: new Date(Date.UTC(2026, 0, 1) + (i % 50) * 1000).toISOString(),
        IsDeleted: false,
      })),
    },
  }
}

/**
 * client_credentials has no refresh token, so jsforce's built-in refresh cannot renew the
 * session; a refreshFn asking for a new token with the same grant does.
 */
export async function clientCredentialsConnection(sandbox: SalesforceSandbox, version = '62.0') {
  const conn = new jsforce.Connection({
    oauth2: {
      loginUrl: sandbox.url,
      clientId: credentials.clientId,
      clientSecret: credentials.clientSecret,
    },
    version,
    refreshFn: (c, callback) => {
      c.oauth2
        .requestToken({ grant_type: 'client_credentials' })
        .then((token) => callback(null, token.access_token, token))
        .catch((error: Error) => callback(error))
    },
  })
  await conn.authorize({ grant_type: 'client_credentials' })
  return conn
}
