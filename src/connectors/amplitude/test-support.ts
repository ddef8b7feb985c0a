import { Secret } from '../../config/secret.js'
import type { TargetRow } from '../../db/load-target.js'
import { createLogger } from '../../logger.js'
import type { ConnectorContext, StreamCheckpoint, StreamPage } from '../types.js'
import { amplitudeConfigSchema, type AmplitudeConfig } from './config.js'
import { mapUsageRecord } from './mapping.js'
import { readUsage } from './usage-read.js'

/**
 * Test support: a context as an activity builds it, reads collected, pages loaded in memory.
 * Pages hold one account-hour unless a test says otherwise, so checkpoints fall on every hour.
 */
export function testContext(
  url: string,
  keys: { apiKey: string; secretKey: string },
  config: Record<string, unknown> = {},
) {
  const waits: { ms: number; reason: string }[] = []
  const ctx: ConnectorContext<AmplitudeConfig> = {
    config: amplitudeConfigSchema.parse({
      url,
      apiKey: new Secret('AMPLITUDE_API_KEY', keys.apiKey),
      secretKey: new Secret('AMPLITUDE_SECRET_KEY', keys.secretKey),
      pageSize: 1,
      ...config,
    }),
    log: createLogger({}, () => {}),
    wait: async (ms, reason) => {
      waits.push({ ms, reason })
      await new Promise((r) => setTimeout(r, ms))
    },
  }
  return { ctx, waits }
}

/** Every page of a read, or the first `limit` (the read is then stopped, as a killed worker). */
export async function readPages(
  ctx: ConnectorContext<AmplitudeConfig>,
  from: StreamCheckpoint | null,
  limit = Infinity,
): Promise<StreamPage[]> {
  const pages: StreamPage[] = []
  if (limit <= 0) return pages
  for await (const page of readUsage(ctx, from)) {
    pages.push(page)
    if (pages.length >= limit) break
  }
  return pages
}

type Row = Record<string, unknown>

/**
 * The customer-360 a sequence of committed pages leaves behind, with the merge rules of
 * targets.ts applied in memory: a usage hour only counts when its bit is not set yet, then adds
 * events and unions ids; accounts keep the earliest first-seen, latest last-seen, last name.
 */
export class MemoryLoad {
  readonly usage = new Map<string, Row>()
  readonly accounts = new Map<string, Row>()
  /** Survey answers by source id and account: a re-read answer replaces itself. */
  readonly surveys = new Map<string, Row>()
  readonly quarantined: { sourceId: string | null; reason: string }[] = []

  constructor(private readonly config: AmplitudeConfig) {}

  commit(pages: readonly StreamPage[]): this {
    for (const page of pages)
      for (const raw of page.records) {
        const mapped = mapUsageRecord(raw, this.config)
        if (!mapped.ok) this.quarantined.push({ sourceId: mapped.sourceId, reason: mapped.reason })
        else for (const row of mapped.rows) this.load(row)
      }
    return this
  }

  private load({ table, row }: TargetRow) {
    const r = row as Row
    if (table === 'usage_daily') {
      const key = `${String(r.source_account_id)}/${String(r.day)}`
      const stored = this.usage.get(key)
      if (!stored) return void this.usage.set(key, { ...r })
      if ((Number(stored.hours_loaded) & Number(r.hours_loaded)) !== 0) return
      const union = (c: string) =>
        [...new Set([...(stored[c] as string[]), ...(r[c] as string[])])].sort()
      this.usage.set(key, {
        ...stored,
        hours_loaded: Number(stored.hours_loaded) | Number(r.hours_loaded),
        events: Number(stored.events) + Number(r.events),
        user_ids: union('user_ids'),
        session_ids: union('session_ids'),
        event_types: union('event_types'),
      })
    } else if (table === 'source_accounts') {
      const key = String(r.source_id)
      const stored = this.accounts.get(key)
      if (!stored) return void this.accounts.set(key, { ...r })
      const pick = (c: string, f: (a: string, b: string) => boolean) =>
        f(String(r[c]), String(stored[c])) ? r[c] : stored[c]
      this.accounts.set(key, {
        ...r,
        name: r.name ?? stored.name,
        source_created_at: pick('source_created_at', (a, b) => a < b),
        source_updated_at: pick('source_updated_at', (a, b) => a > b),
      })
    } else if (table === 'survey_responses') {
      this.surveys.set(`${String(r.source_id)}/${String(r.source_account_id)}`, { ...r })
    } else throw new Error(`the usage stream declared no target ${table}`)
  }
}
