import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHarness, runSync, startWorker, type Harness } from './support/harness.js'

/**
 * A scorecard for the tech-touch tier that weighs nothing but the relationship: those accounts'
 * scores are their relationship component, while the other tiers keep 004's weights.
 */
describe('segment scorecards in a sync', () => {
  let h: Harness
  let stopWorker: () => Promise<void>

  beforeAll(async () => {
    h = await createHarness('scorecards', {
      accounts: 60,
      seed: 23,
      configHead: `model:
  health:
    scorecards:
      - name: relationship only
        tiers: [tech-touch]
        weights: { usage: 0, engagement: 0, relationship: 100, support: 0, growth: 0 }
`,
    })
    stopWorker = await startWorker(h)
  })

  afterAll(async () => {
    await stopWorker()
    await h.close()
  })

  it('scores each account with its tier’s scorecard', async () => {
    await runSync(h, 'sync-all:scorecards')
    const scores = await h.db.selectFrom('account_scores').selectAll().execute()
    const relationship = (s: (typeof scores)[number]) =>
      (s.health_components as { name: string; score: number | null }[]).find(
        (c) => c.name === 'relationship',
      )!.score
    const tech = scores.filter((s) => s.segment_tier === 'tech-touch')
    const others = scores.filter((s) => s.segment_tier !== 'tech-touch')
    expect(tech.length).toBeGreaterThan(5)
    expect(others.length).toBeGreaterThan(5)
    for (const s of tech) expect(Number(s.health_score)).toBe(relationship(s))
    // The others are scored from every component: not their relationship alone.
    expect(others.filter((s) => Number(s.health_score) !== relationship(s)).length).toBeGreaterThan(
      others.length / 2,
    )
  })
})
