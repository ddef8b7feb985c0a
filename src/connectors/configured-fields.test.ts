import { describe, expect, it } from 'vitest'
import { readingConfiguredFields } from './configured-fields.js'
import type { StreamCheckpoint, StreamPage } from './types.js'

/** A stream that reports where it was asked to start from, as one page. */
async function* echo(from: StreamCheckpoint | null): AsyncGenerator<StreamPage> {
  yield { records: [from], checkpoint: { cursor: 'after-page' } }
}

const startOf = async (fields: string[], from: StreamCheckpoint | null) => {
  const pages: StreamPage[] = []
  for await (const page of readingConfiguredFields(fields, from, echo)) pages.push(page)
  return { from: pages[0]!.records[0], checkpoint: pages[0]!.checkpoint }
}

describe('a stream read with fields the config adds', () => {
  it('goes on from its checkpoint while the configured fields stay the same', async () => {
    const held = { cursor: 'c1', configuredFields: 'CS360_CSM_Health__c,Stripe_Id__c' }
    expect(await startOf(['Stripe_Id__c', 'CS360_CSM_Health__c'], held)).toEqual({
      from: held,
      checkpoint: { cursor: 'after-page', configuredFields: 'CS360_CSM_Health__c,Stripe_Id__c' },
    })
  })

  it('reads from the start again when a field is added or removed', async () => {
    const held = { cursor: 'c1', configuredFields: 'Stripe_Id__c' }
    expect((await startOf(['Stripe_Id__c', 'CS360_CSM_Health__c'], held)).from).toBeNull()
    expect((await startOf([], held)).from).toBeNull()
  })

  it('treats a checkpoint from before the list was kept as read with none', async () => {
    expect((await startOf([], { cursor: 'c1' })).from).toEqual({ cursor: 'c1' })
    expect((await startOf(['CS360_CSM_Health__c'], { cursor: 'c1' })).from).toBeNull()
  })
})
