import { schemaDriftError } from '../../errors.js'
import type { ConnectorContext, StreamCheckpoint, StreamPage } from '../types.js'
import { zendeskApi, zendeskGet } from './client.js'
import type { ZendeskConfig } from './config.js'
import { parseEnvelope, ratingListPageSchema } from './schemas.js'
import { firstExportStart, idOf, idSet, secondsOf, withParams } from './urls.js'

/**
 * A pass over the ratings changed since `startTime`. The list comes in id order, not time order,
 * so the next pass can start only from the newest change a whole pass saw (`high`); until then
 * the pass resumes by its page cursor. Ratings of the boundary second that the previous pass
 * already read (`skipIds`) are left out.
 */
interface Pass {
  startTime: number
  skipIds: Set<string>
  after: string | null
  high: number
  highIds: Set<string>
}

/**
 * CSAT ratings (legacy satisfaction ratings, `GET /satisfaction_ratings`) changed since the last
 * run, by `start_time` over their update time, cursor-paged at `listPageSize` (at most 100).
 * Not an incremental export: only the account-wide limit applies.
 * https://developer.zendesk.com/api-reference/ticketing/ticket-management/satisfaction_ratings/#list-satisfaction-ratings
 */
export async function* readSatisfactionRatings(
  ctx: ConnectorContext<ZendeskConfig>,
  from: StreamCheckpoint | null,
): AsyncGenerator<StreamPage> {
  const { base } = zendeskApi(ctx.config)
  const pass = readPass(from, firstExportStart(ctx.config))
  for (;;) {
    const url = withParams(`${base}/satisfaction_ratings.json`, {
      start_time: pass.startTime,
      'page[size]': ctx.config.listPageSize,
      ...(pass.after ? { 'page[after]': pass.after } : {}),
    })
    const body = await zendeskGet(ctx, url, { doing: 'listing CSAT ratings', incremental: false })
    const page = parseEnvelope(ratingListPageSchema, body, 'listing CSAT ratings')
    const fresh = page.satisfaction_ratings.filter(
      (r) => !(updatedSecond(r) === pass.startTime && pass.skipIds.has(idOf(r))),
    )
    for (const rating of fresh) {
      const second = updatedSecond(rating)
      if (second === null) continue
      if (second > pass.high) {
        pass.high = second
        pass.highIds = new Set()
      }
      if (second === pass.high) pass.highIds.add(idOf(rating))
    }
    const more = page.meta.has_more
    if (more && !page.meta.after_cursor)
      throw schemaDriftError(
        'Zendesk, listing CSAT ratings: has_more without after_cursor',
        'zendesk',
      )
    if (more) pass.after = page.meta.after_cursor!
    const checkpoint = more ? writePass(pass) : writePass(nextPass(pass))
    yield { records: fresh, checkpoint }
    if (!more) return
  }
}

const updatedSecond = (r: unknown) => secondsOf(r, 'updated_at') ?? secondsOf(r, 'created_at')

function nextPass(pass: Pass): Pass {
  return {
    startTime: pass.high,
    skipIds: new Set(pass.highIds),
    after: null,
    high: pass.high,
    highIds: new Set(pass.highIds),
  }
}

function readPass(from: StreamCheckpoint | null, firstStart: number): Pass {
  const startTime = typeof from?.startTime === 'number' ? from.startTime : firstStart
  const skipIds = idSet(from?.skipIds)
  const high = typeof from?.high === 'number' ? from.high : startTime
  return {
    startTime,
    skipIds,
    after: typeof from?.after === 'string' && from.after ? from.after : null,
    high,
    highIds: from?.highIds !== undefined ? idSet(from.highIds) : new Set(skipIds),
  }
}

function writePass(pass: Pass): StreamCheckpoint {
  return {
    startTime: pass.startTime,
    skipIds: [...pass.skipIds].join(','),
    after: pass.after,
    high: pass.high,
    highIds: [...pass.highIds].join(','),
  }
}
