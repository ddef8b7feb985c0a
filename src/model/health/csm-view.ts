import type { HealthSettings } from '../settings.js'
import {
  HEALTH_BANDS,
  HEALTH_STATUSES,
  healthBand,
  healthStatus,
  type HealthBand,
  type HealthStatus,
} from './bands.js'

/**
 * What a CSM's own health view reads as: 003's Green/Yellow/Red (what it is compared with the
 * model on), and the band when the CSM named one or typed a number.
 */
export interface CsmView {
  status: HealthStatus
  band: HealthBand | null
}

export type CsmViewReading = { ok: true; view: CsmView } | { ok: false; problem: string }

type ViewSettings = Pick<HealthSettings, 'bands' | 'status'>

/** Case, spaces, dashes and underscores do not matter: "at risk", "AT_RISK" and "At-risk" agree. */
const normalized = (text: string) => text.toLowerCase().replace(/[\s_-]+/g, '')

/** A plain 0–100 score as CSMs type it: `72`, `72.5`, `72%`. */
const NUMBER = /^(\d{1,3}(?:\.\d+)?)\s*%?$/

/**
 * Reads what a CSM typed into the CRM's health field, the way CSMs really fill it in: a status
 * (Green, Yellow, Red), a band name (Healthy, Stable, At-risk, Critical, Emergency) in any case,
 * or a 0–100 number, banded by the configured bands and rolled up by the configured status
 * thresholds like a model score. A band name rolls up by the middle of its range (At-risk,
 * 40–59 by default, reads Yellow). Anything else is a problem saying what was expected, worded to follow "… is".
 */
export function readCsmView(raw: string, settings: ViewSettings): CsmViewReading {
  const text = raw.trim()
  const key = normalized(text)
  const status = HEALTH_STATUSES.find((s) => normalized(s) === key)
  if (status) return { ok: true, view: { status, band: null } }
  const band = HEALTH_BANDS.find((b) => normalized(b.band) === key)
  if (band) {
    const { from, to } = bandRange(band.band, settings.bands)
    return {
      ok: true,
      view: { status: healthStatus((from + to) / 2, settings.status), band: band.band },
    }
  }
  const number = NUMBER.exec(text)
  if (number) {
    const score = Number(number[1])
    if (score > 100) return { ok: false, problem: 'above 100 (a score is 0–100)' }
    return {
      ok: true,
      view: {
        status: healthStatus(score, settings.status),
        band: healthBand(score, settings.bands),
      },
    }
  }
  return {
    ok: false,
    problem: `neither a status (${HEALTH_STATUSES.join(', ')}), a band (${HEALTH_BANDS.map((b) => b.band).join(', ')}) nor a 0–100 score`,
  }
}

/** A band's scores under the configured thresholds: from its minimum up to the next band's. */
function bandRange(
  band: HealthBand,
  thresholds: ViewSettings['bands'],
): { from: number; to: number } {
  const index = HEALTH_BANDS.findIndex((b) => b.band === band)
  const min = (b: HealthBand) => (b === 'Emergency' ? 0 : thresholds[b])
  const from = min(band)
  const to = index === 0 ? 100 : min(HEALTH_BANDS[index - 1]!.band)
  return { from, to }
}

/** How a CSM's status compares with the model's: Green above Yellow above Red. */
export type CsmDirection = 'agree' | 'csm-more-optimistic' | 'csm-more-pessimistic'

export function csmDirection(model: HealthStatus, csm: HealthStatus): CsmDirection {
  const rank = (s: HealthStatus) => HEALTH_STATUSES.length - HEALTH_STATUSES.indexOf(s)
  const difference = rank(csm) - rank(model)
  return difference === 0
    ? 'agree'
    : difference > 0
      ? 'csm-more-optimistic'
      : 'csm-more-pessimistic'
}
