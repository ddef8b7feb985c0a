import { describe, expect, it } from 'vitest'
import type { AnyConnector, ConnectorContext } from '../connectors/types.js'
import { heldAlready, isRetryAttempt } from './write-back-resume.js'

type WriteBack = NonNullable<AnyConnector['writeBack']>

const ctx = {} as ConnectorContext<any>

function crmHolding(values: Record<string, Record<string, string | number | boolean | null>>) {
  const asked: string[][] = []
  const writeBack = {
    readCurrent: async (_ctx: unknown, ids: readonly string[], fields: readonly string[]) => {
      asked.push([...ids])
      const current = new Map<string, Record<string, string | number | boolean | null>>()
      for (const id of ids)
        if (values[id])
          current.set(id, Object.fromEntries(fields.map((f) => [f, values[id]![f] ?? null])))
      return current
    },
  } as unknown as WriteBack
  return { writeBack, asked }
}

describe('heldAlready', () => {
  it('names the records whose every pending field the CRM already holds', async () => {
    const { writeBack, asked } = crmHolding({
      a: { Health__c: 72, Band__c: 'Healthy' },
      b: { Health__c: 40, Band__c: 'Healthy' },
      c: { Health__c: null, Band__c: null },
    })
    const held = await heldAlready(writeBack, ctx, [
      { recordId: 'a', fields: { Health__c: 72, Band__c: 'Healthy' } },
      { recordId: 'b', fields: { Health__c: 41, Band__c: 'Healthy' } },
      { recordId: 'c', fields: { Health__c: null } },
      { recordId: 'gone', fields: { Health__c: 1 } },
    ])
    expect([...held].sort()).toEqual(['a', 'c'])
    expect(asked).toEqual([['a', 'b', 'c', 'gone']])
  })

  it('holds nothing for a CRM that cannot read its values back, and asks nothing for no page', async () => {
    const blind = {} as WriteBack
    expect(await heldAlready(blind, ctx, [{ recordId: 'a', fields: { X__c: 1 } }])).toEqual(
      new Set(),
    )
    const { writeBack, asked } = crmHolding({})
    expect(await heldAlready(writeBack, ctx, [])).toEqual(new Set())
    expect(asked).toEqual([])
  })

  it('is no retry outside an activity', () => {
    expect(isRetryAttempt()).toBe(false)
  })
})
