export { extraFields, parseRecord, type Parsed } from '../parse-record.js'

/** Unix seconds as an ISO timestamp for a timestamptz column. */
export const iso = (unix: number) => new Date(unix * 1000).toISOString()
export const isoOrNull = (unix: number | null | undefined) => (unix == null ? null : iso(unix))
