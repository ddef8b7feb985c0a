import { runReportCharts, type ChartId, type ChartSpec } from './charts.js'
import {
  duration,
  escapeHtml as esc,
  instant,
  money,
  scriptJson,
  wholeNumber,
} from './html-text.js'
import type { RunReport } from './view-model.js'

type Cell = string | number | null | undefined

/**
 * A table of escaped values; `numeric` columns are right-aligned, `prose` ones (names, reasons,
 * errors) may break anywhere, so one long identifier never widens the page.
 */
function table(
  head: string[],
  rows: Cell[][],
  columns: { numeric?: number[]; prose?: number[] } = {},
): string {
  const cls = (i: number) =>
    columns.numeric?.includes(i) ? ' class="n"' : columns.prose?.includes(i) ? ' class="p"' : ''
  const td = (v: Cell, i: number) =>
    `<td${cls(i)}>${v === null || v === undefined ? '—' : esc(v)}</td>`
  return `<table><thead><tr>${head.map((h, i) => `<th${cls(i)}>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map(td).join('')}</tr>`)
    .join('')}</tbody></table>`
}

function chart(charts: ChartSpec[], id: ChartId, label: string, none: string): string {
  const spec = charts.find((c) => c.id === id)
  return spec
    ? `<div class="chart" style="height:${spec.height}px"><canvas id="chart-${id}" role="img" aria-label="${esc(label)}"></canvas></div>`
    : `<p class="none">${esc(none)}</p>`
}

const PAGE_SCRIPT = `
(function () {
  var specs = JSON.parse(document.getElementById('cs360-charts').textContent);
  var drawn = 0;
  try {
    specs.forEach(function (spec) {
      new Chart(document.getElementById('chart-' + spec.id), spec.config);
      drawn += 1;
    });
  } catch (e) {
    document.body.setAttribute('data-chart-error', String(e));
  }
  document.body.setAttribute('data-charts-drawn', String(drawn));
})();
`

const STYLE = `
body { font: 14px/1.45 system-ui, sans-serif; color: #1d2733; margin: 0 auto; max-width: 1100px; padding: 24px; }
h1 { font-size: 22px; margin: 0 0 12px; } h2 { font-size: 17px; margin: 32px 0 8px; border-bottom: 1px solid #d5dde5; }
h3 { font-size: 14px; margin: 16px 0 6px; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0; } dt { color: #5b6b7b; } dd { margin: 0; }
.status-succeeded { color: #2e7d32; } .status-failed { color: #c62828; } .status-cancelled, .status-running { color: #ef6c00; }
.chart { position: relative; margin: 8px 0 12px; }
table { border-collapse: collapse; margin: 6px 0 12px; width: 100%; }
th, td { text-align: left; padding: 3px 8px; border-bottom: 1px solid #e6ebf0; vertical-align: top; overflow-wrap: break-word; }
th { background: #f3f6f9; } .n { text-align: right; font-variant-numeric: tabular-nums; } td.p { overflow-wrap: anywhere; }
.none, .note { color: #5b6b7b; } footer { margin-top: 32px; color: #5b6b7b; font-size: 12px; }
`

const ratio = (calls: number, minimum: number | null) =>
  minimum === null ? null : (minimum / Math.max(1, calls)).toFixed(2)

/**
 * The run report as one HTML document: every value escaped, the charts' data in a JSON element
 * chart.js (inlined, `library`) draws from, a table under each chart with the same numbers.
 */
export function runReportPage(report: RunReport, library: string): string {
  const charts = runReportCharts(report)
  const { run, health, refusals, identity } = report
  const header: [string, Cell][] = [
    ['trigger', run.trigger],
    ['status', run.status],
    ['started', instant(run.startedAt)],
    ['finished', instant(run.finishedAt)],
    ['duration', duration(run.seconds)],
    ['scores as of', run.asOf ?? 'not recorded'],
    ['CRM of record', run.crm ?? 'not reached'],
    ['workflow', run.workflowId],
    ...(run.error === null ? [] : [['error', run.error] as [string, Cell]]),
  ]
  const healthNote =
    health.basis === 'scores'
      ? `${wholeNumber(health.accounts)} accounts scored, ${money(health.arr ?? 0)} ARR.`
      : health.basis === 'history'
        ? `${wholeNumber(health.accounts)} accounts scored. A later run has replaced this run's scores; the counts come from the score history, which keeps no ARR.`
        : 'This run left no scores.'
  const body = `
<h1>cs360 sync run ${esc(run.id)}</h1>
<dl>${header.map(([k, v]) => `<dt>${esc(k)}</dt><dd${k === 'status' ? ` class="status-${esc(v)}"` : ''}>${esc(v)}</dd>`).join('')}</dl>

<h2 id="health">Health distribution</h2>
<p class="note">${esc(healthNote)}</p>
${chart(charts, 'health', 'accounts and ARR per health band', 'No scores from this run.')}
${table(
  ['band', 'action', 'accounts', 'share', 'ARR'],
  health.bands.map((b) => [
    b.band,
    b.action,
    wholeNumber(b.accounts),
    health.accounts === 0 ? null : `${Math.round((b.accounts / health.accounts) * 100)}%`,
    b.arr === null ? null : money(b.arr),
  ]),
  { numeric: [2, 3, 4] },
)}

<h2 id="steps">Records and time per step</h2>
${chart(charts, 'step-records', 'records read, upserted and quarantined per step', 'No records were read in this run.')}
${chart(charts, 'step-durations', 'seconds per step', 'No step of this run finished.')}
${table(
  ['step', 'read', 'upserted', 'deleted', 'quarantined', 'written', 'API calls', 'pages', 'time'],
  report.steps.map((s) => [
    s.step,
    wholeNumber(s.read),
    wholeNumber(s.upserted),
    wholeNumber(s.deleted),
    wholeNumber(s.quarantined),
    wholeNumber(s.written),
    wholeNumber(s.apiCalls),
    wholeNumber(s.pages),
    duration(s.seconds),
  ]),
  { numeric: [1, 2, 3, 4, 5, 6, 7, 8] },
)}

<h2 id="api-calls">API calls against the minimum</h2>
<p class="note">The minimum is the fewest requests the API allows: ⌈records read ÷ the stream's page maximum⌉, ⌈records written ÷ the CRM's batch maximum⌉. A ratio of 1.00 means not one request more.</p>
${chart(charts, 'api-calls', 'API calls made and the minimum per step', 'This run made no API calls.')}
${table(
  ['step', 'records', 'API calls', 'minimum', 'minimum ÷ calls'],
  report.apiCalls.map((s) => [
    s.step,
    wholeNumber(s.records),
    wholeNumber(s.calls),
    s.minimum === null ? 'not declared' : wholeNumber(s.minimum),
    ratio(s.calls, s.minimum),
  ]),
  { numeric: [1, 2, 3, 4] },
)}

<h2 id="set-aside">Quarantined and refused records</h2>
${chart(charts, 'set-aside', 'records quarantined by reason and refused by the CRM by code', 'Nothing was quarantined or refused in this run.')}
<h3>Quarantined (set aside on read or write, kept whole in quarantined_records)</h3>
${
  report.quarantine.length === 0
    ? '<p class="none">none</p>'
    : table(
        ['connector', 'stream', 'reason', 'records'],
        report.quarantine.map((q) => [q.connector, q.stream, q.reason, wholeNumber(q.records)]),
        { numeric: [3], prose: [2] },
      )
}
<h3>Refused by the CRM in write-back (cs360 report rejections)</h3>
${
  refusals.records.length === 0
    ? '<p class="none">none</p>'
    : table(
        ['connector', 'object', 'record', 'account', 'fields', 'error', 'attempts'],
        refusals.records.map((r) => [
          r.connector,
          r.object,
          r.recordId,
          r.accountName,
          r.fields.join(', '),
          r.lastError,
          wholeNumber(r.attempts),
        ]),
        { numeric: [6], prose: [3, 4, 5] },
      )
}
${refusals.truncated ? `<p class="note">First ${refusals.records.length} records shown.</p>` : ''}

<h2 id="identity">Identity: records of other systems against CRM accounts</h2>
<p class="note">Links as last resolved${run.crm ? ` against ${esc(run.crm)}` : ''}; details with <code>cs360 report identity</code>.</p>
${chart(charts, 'identity', 'records in conflict and unmatched per system', 'No conflicts or unmatched records.')}
${table(
  ['system', 'linked', 'in conflict', 'unmatched'],
  identity.bySource.map((s) => [
    s.source,
    wholeNumber(s.matched),
    wholeNumber(s.conflict),
    wholeNumber(s.unmatched),
  ]),
  { numeric: [1, 2, 3] },
)}
${
  identity.issues.length === 0
    ? ''
    : table(
        ['status', 'system', 'record', 'name', 'domains', 'CRM accounts its keys found'],
        identity.issues.map((i) => [
          i.status,
          i.source,
          i.sourceId,
          i.name,
          i.domains.join(', '),
          i.candidates.join(', '),
        ]),
        { prose: [3, 4, 5] },
      )
}
${identity.truncated ? `<p class="note">First ${identity.issues.length} records shown.</p>` : ''}

<footer>Generated ${esc(instant(report.generatedAt))} by cs360 from its database. Charts drawn by Chart.js (MIT licence, included in this page).</footer>`
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>cs360 sync run ${esc(run.id)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
<script type="application/json" id="cs360-charts">${scriptJson(charts)}</script>
<script>${library}</script>
<script>${PAGE_SCRIPT}</script>
</body>
</html>
`
}
