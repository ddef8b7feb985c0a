import type { ConnectorContext, StreamCheckpoint, StreamPage } from '../types.js'
import { listPage, type CrmObject } from './api.js'
import { hubspotSession } from './client.js'
import type { HubspotConfig } from './config.js'
import { scanList } from './list-scan.js'
import { readPosition, start, writePosition, type Position } from './position.js'
import { searchPass, type RawObject } from './search-stream.js'

type Ctx = ConnectorContext<HubspotConfig>

export interface ObjectRead {
  type: CrmObject
  properties: string[]
  /** Count (and log) records last changed by the token's user: the object cs360 writes to. */
  countEchoes?: boolean
  /** What a page's records bring along for their mapping (deals: companies and stages). */
  related?: (records: unknown[]) => Promise<unknown>
}

/** Where a read of companies or deals stands, as its checkpoint's fields hold it. */
interface State {
  /** Search position: `modifiedAfter`, `modifiedIds`, `modifiedTieAfter`. */
  modified: Position | null
  /** Recycle-bin cursor on `archivedAt`. */
  archived: Position | null
  /** A recycle-bin scan in progress: the next page and the newest archivedAt seen so far. */
  scan: { after: string; newest: Position | null } | null
}

/**
 * Incremental read of companies or deals: records modified since the checkpoint through the
 * search API (see search-stream.ts), then the records moved to the recycle bin since the last
 * read, which search never returns: the archived list is ordered by id, not by archivedAt, so
 * every run pages through all of it (100 a page) and keeps those archived after its cursor.
 *
 * The search starts `lookbackSeconds` before its cursor and reads that window again: search
 * shows a write a few seconds after it happens, so a record written just before the previous
 * read may have been invisible to it. The cursor itself only moves forward.
 */
export async function* readObjects(
  ctx: Ctx,
  spec: ObjectRead,
  from: StreamCheckpoint | null,
): AsyncGenerator<StreamPage> {
  const state = readState(from)
  const lookbackMs = ctx.config.lookbackSeconds * 1000
  const echoes = new EchoCount(ctx)
  const page = async (records: unknown[]): Promise<StreamPage> => ({
    records,
    checkpoint: writeState(state),
    ...(spec.related && records.length > 0 ? { related: await spec.related(records) } : {}),
  })

  const saved = state.modified
  if (saved && lookbackMs > 0) {
    const window = searchPass(
      ctx,
      spec.type,
      spec.properties,
      start(saved.stamp - lookbackMs),
      saved.stamp,
    )
    for await (const p of window) if (p.records.length > 0) yield await page(p.records)
  }
  for await (const p of searchPass(ctx, spec.type, spec.properties, saved ?? start())) {
    state.modified = p.position
    if (spec.countEchoes) await echoes.add(p.records)
    yield await page(p.records)
  }
  echoes.report(spec.type)

  const scan = scanList({
    fetch: async (after) => {
      const list = await listPage(ctx, spec.type, {
        after,
        properties: spec.properties,
        archived: true,
      })
      return { results: list.results, next: list.paging?.next?.after }
    },
    stampField: 'archivedAt',
    cursor: state.archived,
    lookbackMs,
    resume: state.scan ?? undefined,
  })
  for await (const p of scan) {
    if (p.next) state.scan = { after: p.next, newest: p.newest }
    else {
      state.scan = null
      state.archived = p.newest
    }
    yield await page(p.records)
  }
}

function readState(from: StreamCheckpoint | null): State {
  const after = from?.archivedPage
  return {
    modified: readPosition('modified', from),
    archived: readPosition('archived', from),
    scan:
      typeof after === 'string' && after
        ? { after, newest: readPosition('archivedNewest', from) }
        : null,
  }
}

function writeState(state: State): StreamCheckpoint {
  return {
    ...writePosition('modified', state.modified),
    ...writePosition('archived', state.archived),
    archivedPage: state.scan?.after ?? null,
    ...writePosition('archivedNewest', state.scan?.newest ?? null),
  }
}

/**
 * Records whose last change came through the OAuth token's user (`hs_updated_by_user_id`):
 * cs360's own write-back, or that user working in HubSpot. They are read all the same: search
 * cannot tell whether someone else changed the record too between the previous read and
 * cs360's write, and skipping it would lose that change. The count is logged so that an
 * operator sees what write-back costs on the next read. Private-app tokens name no user.
 */
class EchoCount {
  private count = 0
  private userId: Promise<number | null> | undefined

  constructor(private readonly ctx: Ctx) {}

  async add(records: RawObject[]): Promise<void> {
    if (records.length === 0) return
    this.userId ??= hubspotSession(this.ctx)
      .integrationUserId(this.ctx)
      .catch(() => null)
    const user = await this.userId
    if (user === null) return
    this.count += records.filter((r) => r.properties.hs_updated_by_user_id === String(user)).length
  }

  report(type: CrmObject): void {
    if (this.count > 0)
      this.ctx.log.info('hubspot records re-read, last changed by the integration user', {
        object: type,
        records: this.count,
      })
  }
}
