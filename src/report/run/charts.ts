import type { ChartConfiguration } from 'chart.js'
import type { RunReport } from './view-model.js'

/** One chart of the page: chart.js's own configuration, plain JSON (no callbacks). */
export interface ChartSpec {
  id: ChartId
  /** Canvas height in CSS pixels: horizontal bars grow with their labels. */
  height: number
  config: ChartConfiguration
}

export const CHART_IDS = [
  'health',
  'step-records',
  'step-durations',
  'api-calls',
  'set-aside',
  'identity',
] as const
export type ChartId = (typeof CHART_IDS)[number]

const BAND_COLOURS: Record<string, string> = {
  Healthy: '#2e7d32',
  Stable: '#00897b',
  'At-risk': '#f9a825',
  Critical: '#ef6c00',
  Emergency: '#c62828',
}
const BLUE = '#1e88e5'
const GREY = '#90a4ae'
const PURPLE = '#8e24aa'
const RED = '#c62828'
const AMBER = '#f9a825'

// The page is read as a file, often printed: no animation, so what the browser draws first is
// the chart, and so a screenshot never catches a bar half-grown.
const base = { animation: false, responsive: true, maintainAspectRatio: false } as const

// Counts are whole: no axis tick at 0.5 records.
const COUNT_TICKS = { precision: 0 }

const horizontalHeight = (labels: number) => 80 + 26 * labels

/** Long reasons cut for an axis label; the table underneath has them whole. */
export function axisLabel(text: string, max = 60): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`
}

/** The charts the report has data for, in page order; a chart with nothing to show is left out. */
export function runReportCharts(report: RunReport): ChartSpec[] {
  const charts: ChartSpec[] = []
  const { health } = report
  if (health.accounts > 0)
    charts.push({
      id: 'health',
      height: 320,
      config: {
        type: 'bar',
        data: {
          labels: health.bands.map((b) => b.band),
          datasets: [
            {
              label: 'accounts',
              data: health.bands.map((b) => b.accounts),
              backgroundColor: health.bands.map((b) => BAND_COLOURS[b.band] ?? GREY),
              yAxisID: 'accounts',
            },
            ...(health.arr === null
              ? []
              : [
                  {
                    label: 'ARR ($)',
                    data: health.bands.map((b) => b.arr ?? 0),
                    backgroundColor: GREY,
                    yAxisID: 'arr',
                  },
                ]),
          ],
        },
        options: {
          ...base,
          scales: {
            accounts: { type: 'linear', position: 'left', beginAtZero: true, ticks: COUNT_TICKS },
            ...(health.arr === null
              ? {}
              : {
                  arr: {
                    type: 'linear',
                    position: 'right',
                    beginAtZero: true,
                    grid: { drawOnChartArea: false },
                  },
                }),
          },
        },
      },
    })
  const counted = report.steps.filter((s) => s.read + s.upserted + s.quarantined > 0)
  if (counted.length > 0)
    charts.push({
      id: 'step-records',
      height: horizontalHeight(counted.length),
      config: {
        type: 'bar',
        data: {
          labels: counted.map((s) => s.step),
          datasets: [
            { label: 'read', data: counted.map((s) => s.read), backgroundColor: BLUE },
            { label: 'upserted', data: counted.map((s) => s.upserted), backgroundColor: GREY },
            { label: 'quarantined', data: counted.map((s) => s.quarantined), backgroundColor: RED },
          ],
        },
        options: { ...base, indexAxis: 'y', scales: { x: { ticks: COUNT_TICKS } } },
      },
    })
  const timed = report.steps.filter((s) => s.seconds !== null)
  if (timed.length > 0)
    charts.push({
      id: 'step-durations',
      height: horizontalHeight(timed.length),
      config: {
        type: 'bar',
        data: {
          labels: timed.map((s) => s.step),
          datasets: [
            { label: 'seconds', data: timed.map((s) => s.seconds ?? 0), backgroundColor: PURPLE },
          ],
        },
        options: { ...base, indexAxis: 'y' },
      },
    })
  if (report.apiCalls.length > 0)
    charts.push({
      id: 'api-calls',
      height: horizontalHeight(report.apiCalls.length),
      config: {
        type: 'bar',
        data: {
          labels: report.apiCalls.map((s) => s.step),
          datasets: [
            {
              label: 'API calls made',
              data: report.apiCalls.map((s) => s.calls),
              backgroundColor: BLUE,
            },
            {
              label: 'minimum the API allows',
              data: report.apiCalls.map((s) => s.minimum),
              backgroundColor: GREY,
            },
          ],
        },
        options: { ...base, indexAxis: 'y', scales: { x: { ticks: COUNT_TICKS } } },
      },
    })
  const setAside = [
    ...report.quarantine.map((q) => ({
      label: axisLabel(`${q.connector} ${q.stream}: ${q.reason}`),
      quarantined: q.records,
      refused: 0,
    })),
    ...report.refusals.counts.map((r) => ({
      label: axisLabel(`${r.connector} refused: ${r.code}`),
      quarantined: 0,
      refused: r.records,
    })),
  ]
  if (setAside.length > 0)
    charts.push({
      id: 'set-aside',
      height: horizontalHeight(setAside.length),
      config: {
        type: 'bar',
        data: {
          labels: setAside.map((s) => s.label),
          datasets: [
            {
              label: 'records quarantined',
              data: setAside.map((s) => s.quarantined),
              backgroundColor: AMBER,
            },
            {
              label: 'records the CRM refused',
              data: setAside.map((s) => s.refused),
              backgroundColor: RED,
            },
          ],
        },
        options: {
          ...base,
          indexAxis: 'y',
          scales: {
            x: { stacked: true, beginAtZero: true, ticks: COUNT_TICKS },
            y: { stacked: true },
          },
        },
      },
    })
  const { bySource } = report.identity
  if (bySource.some((s) => s.conflict + s.unmatched > 0))
    charts.push({
      id: 'identity',
      height: 300,
      config: {
        type: 'bar',
        data: {
          labels: bySource.map((s) => s.source),
          datasets: [
            { label: 'in conflict', data: bySource.map((s) => s.conflict), backgroundColor: AMBER },
            { label: 'unmatched', data: bySource.map((s) => s.unmatched), backgroundColor: RED },
          ],
        },
        options: {
          ...base,
          scales: {
            x: { stacked: true },
            y: { stacked: true, beginAtZero: true, ticks: COUNT_TICKS },
          },
        },
      },
    })
  return charts
}
