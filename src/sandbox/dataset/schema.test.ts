import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { generateDataset } from './generate.js'
import { loadDataset, parseDataset, writeDataset } from './schema.js'

const asOf = '2026-11-22'
const company = generateDataset({ accounts: 30, seed: 3, asOf })
const copy = () => JSON.parse(JSON.stringify(company))

describe('parseDataset', () => {
  it('accepts a dataset with no system sections at all', () => {
    expect(parseDataset({ format: 'cs360-dataset', version: 1, asOf }).asOf).toBe(asOf)
  })

  it('names the source and the path of a field with the wrong type', () => {
    const broken = copy()
    broken.salesforce.records.Account[12].Id = 'short'
    broken.zendesk.tickets[3].status = 'escalated'
    broken.stripe.invoices[0].amount_due = '12.00'
    const error = () => parseDataset(broken, 'company.json')
    expect(error).toThrow(/^company\.json is not a valid cs360 dataset:\n/)
    expect(error).toThrow('salesforce.records.Account[12].Id: must be an 18-character')
    expect(error).toThrow('zendesk.tickets[3].status')
    expect(error).toThrow('stripe.invoices[0].amount_due')
  })

  it('reports references that resolve to nothing, per system', () => {
    const broken = copy()
    broken.salesforce.records.Account[12].OwnerId = '005000000000000AAA'
    broken.salesforce.records.Opportunity[4].AccountId = '001000000000000AAA'
    broken.zendesk.satisfaction_ratings[0].ticket_id = 1
    broken.stripe.subscriptions[2].customer = 'cus_nobody'
    broken.amplitude.events[5].user_id = null
    broken.amplitude.events[5].device_id = null
    expect(() => parseDataset(broken, 'company.json')).toThrow(
      [
        'company.json is not a valid cs360 dataset:',
        '  amplitude.events[5].user_id: an event needs a user_id or a device_id',
        '  salesforce.records.Account[12].OwnerId: 005000000000000AAA is no User',
        '  salesforce.records.Opportunity[4].AccountId: 001000000000000AAA is no Account',
        '  zendesk.satisfaction_ratings[0].ticket_id: 1 is no ticket',
        '  stripe.subscriptions[2].customer: cus_nobody is no customer',
      ].join('\n'),
    )
  })

  it('checks the HubSpot section the same way', () => {
    const hubspot = JSON.parse(
      JSON.stringify(generateDataset({ accounts: 10, seed: 3, asOf, crm: 'hubspot' })),
    )
    expect(() => parseDataset(hubspot)).not.toThrow()
    hubspot.hubspot.deals[1].associations.companies.results[0].id = '1'
    hubspot.hubspot.companies[2].properties.hubspot_owner_id = 'nobody'
    expect(() => parseDataset(hubspot)).toThrow(
      'hubspot.deals[1].associations.companies.results[0].id: 1 is no company',
    )
    expect(() => parseDataset(hubspot)).toThrow('hubspot.companies[2].properties.hubspot_owner_id')
  })

  it('rejects unknown sections and a second record with the same id', () => {
    const broken = copy()
    broken.pipedrive = {}
    expect(() => parseDataset(broken)).toThrow(/\(root\): Unrecognized key: "pipedrive"/)
    const twice = copy()
    twice.stripe.customers.push(twice.stripe.customers[0])
    expect(() => parseDataset(twice)).toThrow(`stripe.customers[30]: duplicate id`)
  })

  it('lists the first twenty problems and counts the rest', () => {
    const broken = copy()
    for (const ticket of broken.zendesk.tickets.slice(0, 25)) ticket.priority = 'asap'
    expect(() => parseDataset(broken)).toThrow(/… and 5 more$/)
  })
})

describe('dataset files', () => {
  it('round-trips through writeDataset and loadDataset, one record per line', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cs360-dataset-'))
    const file = join(dir, 'company.json')
    await writeDataset(file, company)
    expect(await loadDataset(file)).toEqual(company)
    const lines = (await readFile(file, 'utf8')).split('\n')
    const tickets = lines.filter((l) => /^ {6}\{.*"subject":/.test(l))
    expect(tickets).toHaveLength(company.zendesk!.tickets.length)
    expect(JSON.parse(tickets[0]!.replace(/,$/, ''))).toEqual(company.zendesk!.tickets[0])
  })

  it('names the file when it is not JSON or not a dataset', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cs360-dataset-'))
    const notJson = join(dir, 'broken.json')
    await writeFile(notJson, '{"format": ')
    await expect(loadDataset(notJson)).rejects.toThrow(`cannot read dataset ${notJson}`)
    const wrong = join(dir, 'wrong.json')
    await writeFile(wrong, JSON.stringify({ format: 'cs360-dataset', version: 2, asOf }))
    await expect(loadDataset(wrong)).rejects.toThrow(`${wrong} is not a valid cs360 dataset`)
  })
})
