import { describe, expect, it } from 'vitest'
import { CHART_IDS, axisLabel, runReportCharts } from './charts.js'
import { duration, escapeHtml, scriptJson } from './html-text.js'
import { runReportPage } from './page.js'
import { runReportView } from './view-model.js'
import { reportInput } from './test-fixture.js'

const HOSTILE = '</script><script>alert(1)</script><!-- & "x"'

describe('the run report page', () => {
  const view = runReportView(
    reportInput({
      refusalCounts: [
        { connector: 'salesforce', code: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', records: 1 },
      ],
      refusals: [
        {
          connector: 'salesforce',
          object: 'Account',
          recordId: '001A',
          accountName: HOSTILE,
          code: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
          lastError: `FIELD_CUSTOM_VALIDATION_EXCEPTION: ${HOSTILE}`,
          fields: ['CS360_Health_Score__c'],
          attempts: 2,
        },
      ],
      quarantine: [{ connector: 'salesforce', stream: 'Account', reason: HOSTILE, records: 1 }],
    }),
  )
  const html = runReportPage(view, '/* chart.js */')

  it('escapes every value from the database, in tables and in the chart data', () => {
    expect(html).not.toContain('<script>alert(1)')
    expect(html).not.toContain('<!-- &')
    expect(html).toContain(
      '&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;!-- &amp; &quot;x&quot;',
    )
    // Exactly the page's own three script elements open and close.
    expect(html.match(/<script/g)).toHaveLength(3)
    expect(html.match(/<\/script>/g)).toHaveLength(3)
    const blob = /<script type="application\/json" id="cs360-charts">(.*?)<\/script>/s.exec(
      html,
    )![1]!
    const charts = JSON.parse(blob) as { id: string; config: { data: { labels: string[] } } }[]
    const setAside = charts.find((c) => c.id === 'set-aside')!
    expect(setAside.config.data.labels[0]).toBe(axisLabel(`salesforce Account: ${HOSTILE}`))
  })

  it('draws only the charts it has data for, and says so for the rest', () => {
    expect(runReportCharts(view).map((c) => c.id)).toEqual(CHART_IDS)
    const empty = runReportView(
      reportInput({ steps: [], health: { basis: 'none', bands: [] }, identityCounts: [] }),
    )
    expect(runReportCharts(empty)).toEqual([])
    const page = runReportPage(empty, '')
    expect(page).not.toContain('<canvas')
    expect(page).toContain('This run left no scores.')
    expect(page).toContain('Nothing was quarantined or refused in this run.')
  })
})

describe('report text', () => {
  it('escapes markup and quotes', () => {
    expect(escapeHtml(`<a href="x">O'Brien & co</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;O&#39;Brien &amp; co&lt;/a&gt;',
    )
    expect(escapeHtml(null)).toBe('')
  })

  it('keeps JSON for a script element from closing it, and parses back to the same value', () => {
    const value = { name: '</script><!--', sep: '\u2028\u2029' }
    const json = scriptJson(value)
    expect(json).not.toMatch(/<|\u2028|\u2029/)
    expect(JSON.parse(json)).toEqual(value)
  })

  it('says how long in the unit a person reads', () => {
    expect([null, 0.42, 12.4, 185, 3725].map(duration)).toEqual([
      '—',
      '0.4 s',
      '12 s',
      '3 min 05 s',
      '1 h 02 min',
    ])
  })

  it('cuts long axis labels and leaves short ones', () => {
    expect(axisLabel('short')).toBe('short')
    expect(axisLabel('x'.repeat(80))).toHaveLength(60)
  })
})
