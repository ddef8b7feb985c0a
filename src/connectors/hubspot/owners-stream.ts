import type { ConnectorContext, StreamCheckpoint, StreamPage } from '../types.js'
import { ownersPage } from './api.js'
import type { HubspotConfig } from './config.js'
import { scanList } from './list-scan.js'
import { readPosition, writePosition, type Position } from './position.js'

const LISTS = ['active', 'archived'] as const
type OwnerList = (typeof LISTS)[number]

/**
 * Owners, active and then deactivated users' (`archived=true`), 100 a page. The owners API has
 * no filter on `updatedAt`, so each read pages through both lists and keeps the owners updated
 * since its cursor; the cursor moves once both lists are read. A checkpoint taken in between
 * holds the list and page to resume at and the newest `updatedAt` seen so far.
 * https://developers.hubspot.com/docs/reference/api/crm/owners
 */
export async function* readOwners(
  ctx: ConnectorContext<HubspotConfig>,
  from: StreamCheckpoint | null,
): AsyncGenerator<StreamPage> {
  let cursor = readPosition('updated', from)
  const resumeList = LISTS.find((l) => l === from?.ownersList)
  const resumePage = typeof from?.ownersPage === 'string' ? from.ownersPage : null
  let newest: Position | null = resumeList ? readPosition('newest', from) : cursor
  let scanning: { list: OwnerList; page: string | null } | null = null
  const checkpoint = (): StreamCheckpoint => ({
    ...writePosition('updated', cursor),
    ownersList: scanning?.list ?? null,
    ownersPage: scanning?.page ?? null,
    ...writePosition('newest', scanning ? newest : null),
  })

  for (const list of LISTS.slice(resumeList ? LISTS.indexOf(resumeList) : 0)) {
    const after = list === resumeList ? resumePage : null
    const scan = scanList({
      fetch: async (page) => {
        const answer = await ownersPage(ctx, page, list === 'archived')
        return { results: answer.results, next: answer.paging?.next?.after }
      },
      stampField: 'updatedAt',
      cursor,
      lookbackMs: ctx.config.lookbackSeconds * 1000,
      resume: { after: after ?? undefined, newest },
    })
    for await (const page of scan) {
      newest = page.newest
      const last = list === 'archived' && !page.next
      if (last) {
        cursor = newest
        scanning = null
      } else scanning = page.next ? { list, page: page.next } : { list: 'archived', page: null }
      yield { records: page.records, checkpoint: checkpoint() }
    }
  }
}
