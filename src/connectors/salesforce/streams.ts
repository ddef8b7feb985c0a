import { upsertSourceRows } from '../../db/upsert-source-rows.js'
import type { AccountRow, CrmUserRow, OpportunityRow } from '../../db/database.js'
import type { Stream } from '../types.js'
import type { SalesforceConfig } from './config.js'
import { mapAccount, mapOpportunity, mapUser } from './mapping.js'
import { readSoqlIncrementally } from './soql-stream.js'

const COMMON = ['Id', 'SystemModstamp', 'IsDeleted', 'CreatedDate']

/** Account owners: cs360 treats them as the accounts' CSMs. */
export const usersStream: Stream<SalesforceConfig, CrmUserRow> = {
  name: 'User',
  read: (ctx, from) =>
    readSoqlIncrementally(ctx, 'User', ['Id', 'SystemModstamp', 'Name', 'Email', 'IsActive'], from),
  map: (raw) => mapUser(raw),
  load: (trx, rows) => upsertSourceRows(trx, 'crm_users', rows),
}

export const accountsStream: Stream<SalesforceConfig, AccountRow> = {
  name: 'Account',
  read: (ctx, from) =>
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
      ],
      from,
    ),
  map: (raw) => mapAccount(raw),
  load: (trx, rows) => upsertSourceRows(trx, 'accounts', rows),
}

export const opportunitiesStream: Stream<SalesforceConfig, OpportunityRow> = {
  name: 'Opportunity',
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
  load: (trx, rows) => upsertSourceRows(trx, 'opportunities', rows),
}
