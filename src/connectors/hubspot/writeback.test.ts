import { afterEach, describe, expect, it } from 'vitest'
import { startHubspotSandbox, type HubspotSandbox } from '../../sandbox/hubspot/server.js'
import { smallPortal } from '../../sandbox/hubspot/test-portal.js'
import type { FieldChange, ProvisionField } from '../types.js'
import { hubspotConnector } from './connector.js'
import { contextFor } from './test-context.js'

const writeBack = hubspotConnector.writeBack!

const CS360_FIELDS: ProvisionField[] = [
  { name: 'cs360_health_score', label: 'CS360 Health Score', type: 'number' },
  {
    name: 'cs360_health_band',
    label: 'CS360 Health Band',
    type: 'picklist',
    options: ['Healthy', 'At risk', 'Critical', 'Not scored'],
  },
  { name: 'cs360_arr', label: 'CS360 ARR', type: 'number' },
  { name: 'cs360_next_renewal', label: 'CS360 Next Renewal', type: 'date' },
  { name: 'cs360_summary', label: 'CS360 Summary', type: 'text' },
]

describe('HubSpot write-back', () => {
  let sandbox: HubspotSandbox | undefined
  afterEach(() => sandbox?.close())

  const start = async (custom = true) => {
    const dataset = smallPortal(250)
    if (!custom) dataset.properties = { ...dataset.properties, companies: [] }
    sandbox = await startHubspotSandbox({ dataset, searchDelayMs: 0, rateLimitTimeScale: 0.01 })
    return sandbox
  }

  it('describes what it writes: companies, the configured properties, 100 a call', async () => {
    const sandbox = await start()
    const { config } = contextFor(sandbox, {
      writeBack: { fields: { healthScore: 'cs360_score' } },
    })
    expect(writeBack.object(config)).toBe('companies')
    expect(writeBack.fieldMap(config)).toEqual({ healthScore: 'cs360_score' })
    expect(writeBack.maxBatchSize).toBe(100)
    expect(writeBack.howToCreate).toContain('cs360 crm provision')
    const off = contextFor(sandbox, { writeBack: { enabled: false } }).config
    expect(writeBack.fieldMap(off)).toEqual({})
  })

  it('writes in ⌈n / 100⌉ calls and reports each record HubSpot refused with its code', async () => {
    const sandbox = await start()
    const ctx = contextFor(sandbox)
    const companies = sandbox.records('companies')
    const changes: FieldChange[] = companies.map((c, i) => ({
      recordId: c.id,
      fields: {
        cs360_health_score: i === 7 ? 'very good' : 50 + (i % 50),
        cs360_health_band: i === 3 ? null : 'Healthy',
        cs360_next_renewal: '2027-01-31',
      },
    }))
    changes.push({
      recordId: '99999999999',
      fields: { cs360_health_score: 1, cs360_health_band: 'x', cs360_next_renewal: null },
    })
    sandbox.calls.reset()
    const result = await writeBack.write(ctx, changes)
    expect(sandbox.calls.count((c) => c.path.endsWith('/batch/update'))).toBe(3)
    expect(sandbox.calls.statuses()).toEqual([207, 200, 207])
    expect(result.written).toHaveLength(249)
    expect(result.failed).toEqual([
      {
        recordId: companies[7]!.id,
        code: 'VALIDATION_ERROR/INVALID_FLOAT',
        message: 'cs360_health_score: "very good" is not a valid number',
      },
      {
        recordId: '99999999999',
        code: 'OBJECT_NOT_FOUND',
        message:
          'Could not get some COMPANY objects, they may be deleted or not exist. Check that ids are valid.',
      },
    ])
    const third = sandbox.records('companies')[3]!.properties
    expect(third).toMatchObject({
      cs360_health_score: '53',
      cs360_health_band: null,
      cs360_next_renewal: '2027-01-31',
    })
  })

  it('reads what companies hold now for a dry run, leaving out the ones that are gone', async () => {
    const sandbox = await start()
    const ctx = contextFor(sandbox)
    const [a, b] = sandbox.records('companies')
    sandbox.change('companies', a!.id, { cs360_arr: '12345' })
    sandbox.calls.reset()
    const current = await writeBack.readCurrent!(
      ctx,
      [a!.id, b!.id, '99999999999'],
      ['cs360_arr', 'cs360_health_band'],
    )
    expect(current).toEqual(
      new Map([
        [a!.id, { cs360_arr: '12345', cs360_health_band: null }],
        [b!.id, { cs360_arr: null, cs360_health_band: null }],
      ]),
    )
    expect(sandbox.calls.calls.map((c) => [c.path, c.status])).toEqual([
      ['/crm/v3/objects/companies/batch/read', 207],
    ])
    expect(sandbox.calls.writes()).toEqual([])
  })

  it('describes company properties: HubSpot-defined, read-only and cs360’s own', async () => {
    const sandbox = await start()
    const fields = await writeBack.describeFields(contextFor(sandbox))
    const field = (name: string) => fields.find((f) => f.name === name)
    expect(field('hs_object_id')).toMatchObject({
      type: 'number',
      custom: false,
      updateable: false,
    })
    expect(field('num_associated_deals')).toMatchObject({ custom: false, updateable: false })
    expect(field('name')).toMatchObject({ type: 'text', custom: false, updateable: true })
    expect(field('industry')).toMatchObject({
      type: 'picklist',
      options: expect.arrayContaining(['RETAIL']),
    })
    expect(field('notes_last_updated')).toMatchObject({ type: 'datetime', updateable: false })
    expect(field('cs360_health_score')).toMatchObject({
      type: 'number',
      custom: true,
      updateable: true,
    })
    expect(field('cs360_next_renewal')).toMatchObject({ type: 'date', custom: true })
  })

  it('owns only the properties of its own group: the portal’s other custom ones need an opt-in', async () => {
    const dataset = smallPortal(5)
    dataset.properties = {
      ...dataset.properties,
      companies: [
        ...dataset.properties.companies,
        {
          name: 'health_score',
          label: 'Health score (CS team)',
          type: 'number',
          fieldType: 'number',
          groupName: 'companyinformation',
        },
      ],
    }
    sandbox = await startHubspotSandbox({ dataset, searchDelayMs: 0, rateLimitTimeScale: 0.01 })
    const fields = await writeBack.describeFields(contextFor(sandbox))
    expect(fields.find((f) => f.name === 'health_score')).toMatchObject({ custom: false })
    expect(fields.find((f) => f.name === 'cs360_health_score')).toMatchObject({ custom: true })
  })

  it('provisions the missing properties in the cs360 group, and nothing the second time', async () => {
    const sandbox = await start(false)
    const ctx = contextFor(sandbox)
    sandbox.calls.reset()
    expect(await writeBack.provision!(ctx, CS360_FIELDS)).toEqual({
      created: CS360_FIELDS.map((f) => f.name),
      existing: [],
      manual: [],
    })
    expect(sandbox.store.schema.group('companies', 'cs360')).toMatchObject({ name: 'cs360' })
    expect(sandbox.store.schema.get('companies', 'cs360_health_band')).toMatchObject({
      type: 'enumeration',
      fieldType: 'select',
      groupName: 'cs360',
      options: [
        expect.objectContaining({ value: 'Healthy' }),
        expect.anything(),
        expect.anything(),
        expect.anything(),
      ],
    })
    expect(sandbox.store.schema.get('companies', 'cs360_next_renewal')).toMatchObject({
      type: 'date',
      fieldType: 'date',
    })
    expect(sandbox.store.schema.get('companies', 'cs360_summary')).toMatchObject({
      type: 'string',
      fieldType: 'text',
    })
    sandbox.calls.reset()
    expect(await writeBack.provision!(ctx, CS360_FIELDS)).toEqual({
      created: [],
      existing: CS360_FIELDS.map((f) => f.name),
      manual: [],
    })
    expect(sandbox.calls.writes()).toEqual([])
    // The group exists already (409) when only some properties are missing.
    const more = [
      ...CS360_FIELDS,
      { name: 'cs360_churn_risk', label: 'Risk', type: 'number' as const },
    ]
    expect(await writeBack.provision!(ctx, more)).toMatchObject({ created: ['cs360_churn_risk'] })
    expect(sandbox.calls.statuses()).toContain(409)
  })
})
