import { describe, expect, it } from 'vitest'
import type { RunDigestFacts } from '../db/digest/run-digest.js'
import { detailPointerLines, runDigestLines } from './run-digest.js'

const facts = (over: Partial<RunDigestFacts> = {}): RunDigestFacts => ({
  accounts: 340,
  scored: 326,
  bands: [
    { band: 'Healthy', accounts: 200, arr: 6_000_000 },
    { band: 'Stable', accounts: 80, arr: 3_000_000 },
    { band: 'At-risk', accounts: 30, arr: 800_000 },
    { band: 'Critical', accounts: 16, arr: 200_000 },
  ],
  renewalsDue: { count: 41, arr: 2_150_000 },
  atRisk: {
    count: 7,
    arr: 610_000,
    largest: [
      {
        name: 'Acme Corp',
        arr: 120_000,
        renewalDate: '2026-12-15',
        healthScore: 38.4,
        healthBand: 'Critical',
      },
      {
        name: 'Globex',
        arr: 95_000,
        renewalDate: '2027-01-02',
        healthScore: 52,
        healthBand: 'At-risk',
      },
    ],
  },
  ...over,
})

describe('the run digest', () => {
  it('says how many accounts were read and scored, and why the rest were not', () => {
    const lines = runDigestLines(facts(), 'salesforce', '2026-11-28', 90)
    expect(lines[1]).toBe(
      '  340 Salesforce accounts, 326 scored: 14 have no contract running on 2026-11-28 (prospects or ended contracts), so no health score',
    )
    const one = runDigestLines(facts({ accounts: 327 }), 'hubspot', '2026-11-28', 90)
    expect(one[1]).toContain('327 HubSpot accounts, 326 scored: 1 has no contract running')
    const all = runDigestLines(facts({ accounts: 326 }), 'salesforce', '2026-11-28', 90)
    expect(all[1]).toBe('  326 Salesforce accounts, 326 scored')
  })

  it('shows ARR per band, every band, with its share and action', () => {
    const lines = runDigestLines(facts(), 'salesforce', '2026-11-28', 90)
    expect(lines).toContain('  ARR $10.0M by health:')
    expect(lines.find((l) => l.trim().startsWith('Healthy'))).toMatch(
      /Healthy +\$6\.0M +60% +200 accounts +Expansion focus/,
    )
    expect(lines.find((l) => l.trim().startsWith('Emergency'))).toMatch(
      /Emergency +\$0 +0% +0 accounts/,
    )
  })

  it('names the renewals due in the window and the largest at risk', () => {
    const lines = runDigestLines(facts(), 'salesforce', '2026-11-28', 90)
    expect(lines).toContain(
      '  41 renewals due in the next 90 days (to 2027-02-26), $2.1M ARR; 7 at risk, $610k; the largest 2:',
    )
    expect(lines).toContain('    Acme Corp    $120k  renews 2026-12-15  health 38 (Critical)')
    expect(lines).toContain('    Globex        $95k  renews 2027-01-02  health 52 (At-risk)')
  })

  it('says plainly when nothing is due or nothing is at risk', () => {
    const none = runDigestLines(
      facts({ renewalsDue: { count: 0, arr: 0 }, atRisk: { count: 0, arr: 0, largest: [] } }),
      'salesforce',
      '2026-11-28',
      90,
    )
    expect(none).toContain('  No renewals due in the next 90 days (to 2027-02-26).')
    const safe = runDigestLines(
      facts({ atRisk: { count: 0, arr: 0, largest: [] } }),
      'salesforce',
      '2026-11-28',
      90,
    )
    expect(safe.at(-1)).toMatch(/41 renewals due .*; none at risk\.$/)
  })

  it('points at each detail without spelling out a password', () => {
    const lines = detailPointerLines({
      cs360: 'npx cs360 --config prod.yaml',
      psql: 'psql "$DATABASE_URL"',
      workflowUrl: 'http://localhost:8233/namespaces/default/workflows/sync-all%3Amanual',
    })
    expect(lines[0]).toBe('Where the details are:')
    expect(lines.join('\n')).toContain('npx cs360 --config prod.yaml report run --open')
    expect(lines.join('\n')).toContain('npx cs360 --config prod.yaml report identity')
    expect(lines.join('\n')).toContain('psql "$DATABASE_URL" -c "select')
    expect(lines.at(-1)).toMatch(/Temporal UI +http:\/\/localhost:8233/)
  })
})
