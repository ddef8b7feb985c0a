/** Text as HTML shows it, never as markup: account names and error messages come from outside. */
export function escapeHtml(value: string | number | null | undefined): string {
  return String(value ?? '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;')
}

/**
 * JSON for a `<script type="application/json">` element: `<` escaped so no value can close the
 * element or open a comment, and the two line separators JavaScript once refused in strings.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replaceAll('<', '\\u003c')
    .replaceAll('\u2028', '\\u2028')
    .replaceAll('\u2029', '\\u2029')
}

export const wholeNumber = (n: number) => Math.round(n).toLocaleString('en-US')

export const money = (n: number) => `$${wholeNumber(n)}`

/** 0.4 s, 12 s, 3 min 05 s, 1 h 02 min. */
export function duration(seconds: number | null): string {
  if (seconds === null) return '—'
  if (seconds < 10) return `${seconds.toFixed(1)} s`
  const s = Math.round(seconds)
  if (s < 60) return `${s} s`
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`
}

/** 2026-11-22 09:14:03 UTC: an ISO instant a person reads. */
export const instant = (iso: string | null) =>
  iso === null ? '—' : `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`
