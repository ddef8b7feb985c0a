import { sourceRecordTarget } from '../../db/load-target.js'
import { readingConfiguredFields } from '../configured-fields.js'
import type { Stream } from '../types.js'
import type { SalesforceConfig } from './config.js'
import { mapAccount, mapOpportunity, mapUser } from './mapping.js'
import { readSoqlIncrementally } from './soql-stream.js'

const COMMON = ['Id', 'SystemModstamp', 'IsDeleted', 'CreatedDate']

/** A SOQL query page holds at most 2,000 records (and one request answers an empty read). */
const minimumRequests = ({ records }: { records: number }) => Math.max(1, Math.ceil(records / 2000))

/** Account owners: cs360 treats them as the accounts' CSMs. */
export const usersStream: Stream<SalesforceConfig> = {
  name: 'User',
  targets: [sourceRecordTarget('crm_users')],
  read: (ctx, from) =>
    readSoqlIncrementally(ctx, 'User', ['Id', 'SystemModstamp', 'Name', 'Email', 'IsActive'], from),
  map: (raw) => mapUser(raw),
  minimumRequests,
}

/** Account fields the config adds: the ids other systems hold, the CSMs' own health view. */
const configuredAccountFields = (config: SalesforceConfig) => [
  ...new Set([
    ...Object.values(config.identityFields),
    ...(config.csmHealthField ? [config.csmHealthField] : []),
  ]),
]

export const accountsStream: Stream<SalesforceConfig> = {
  name: 'Account',
  targets: [sourceRecordTarget('accounts')],
  read: (ctx, from) => {
    const configured = configuredAccountFields(ctx.config)
    return readingConfiguredFields(configured, from, (start) =>
      readSoqlIncrementally(
        ctx,
        'Account',
        [
          ...COMMON,
          'Name',
          'Website',
          'Industry',
          'Type',
          'NumberOfEmployees',
          'AnnualRevenue',
          'OwnerId',
          'LastActivityDate',
          ...configured,
        ],
        start,
      ),
    )
  },
  map: (raw, ctx) => mapAccount(raw, ctx.config),
  interpretation: (config) => ({
    identityFields: config.identityFields,
    csmHealthField: config.csmHealthField,
  }),
  minimumRequests,
}

export const opportunitiesStream: Stream<SalesforceConfig> = {
  name: 'Opportunity',
  targets: [sourceRecordTarget('opportunities')],
  read: (ctx, from) =>
    readSoqlIncrementally(
      ctx,
      'Opportunity',
      [
        ...COMMON,
        'AccountId',
        'Name',
        'Type',
        'StageName',
        'Amount',
        'Probability',
        'CloseDate',
        'IsClosed',
        'IsWon',
        'OwnerId',
        ctx.config.opportunities.contractStartField,
        ctx.config.opportunities.contractEndField,
      ],
      from,
    ),
  map: (raw, ctx) => mapOpportunity(raw, ctx.config),
  // Type lists are sets: listing the same types in another order changes nothing.
  interpretation: ({ opportunities: o }) => ({
    renewalTypes: [...o.renewalTypes].sort(),
    expansionTypes: [...o.expansionTypes].sort(),
    contractStartField: o.contractStartField,
    contractEndField: o.contractEndField,
  }),
  minimumRequests,
}
