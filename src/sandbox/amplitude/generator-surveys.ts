import type { ModelAccount } from '../dataset/company-model.js'
import { addDays, amplitudeTime, at } from '../dataset/dates.js'
import type { Random } from '../dataset/random.js'
import { decodeActivity } from './activity-plan.js'
import type { AmplitudeEvent, PlannedUser } from './dataset-schema.js'
import type { UsageWindow } from './generator-usage.js'

/**
 * The product's in-app surveys, as the events cs360's Amplitude connector reads by default
 * (`connectors.amplitude.surveys`): event type and the property holding the answer.
 */
export const SANDBOX_SURVEYS = {
  nps: { eventType: 'NPS Survey Answered', property: 'score', min: 0, max: 10 },
  csat: { eventType: 'CSAT Survey Answered', property: 'rating', min: 1, max: 5 },
  ces: { eventType: 'CES Survey Answered', property: 'rating', min: 1, max: 7 },
} as const

type SurveyKind = keyof typeof SANDBOX_SURVEYS

/**
 * Rounds of each survey: NPS quarterly (004: "NPS (quarterly)"), CSAT and CES after product
 * moments every two months; the share of active users who answer a round.
 */
const ROUNDS: Record<SurveyKind, { everyDays: number; answerShare: number }> = {
  nps: { everyDays: 90, answerShare: 0.4 },
  csat: { everyDays: 60, answerShare: 0.15 },
  ces: { everyDays: 90, answerShare: 0.1 },
}

/** Some answers ignore how the account is doing: a promoter at a churning account happens. */
const OFF_MOOD = 0.12

/** The web SDK the product's survey widget sends through. */
const LIBRARY = 'amplitude-ts/2.11.0'

/**
 * One account's survey answers over the usage window: in each round, a sample of the users
 * active in it answer once, on one of their active days after the account's first (so the
 * account is already known when an answer arrives), in the evening after that day's sessions,
 * never on the window's last day. Answers follow the account's hidden health with noise:
 * healthy accounts give 9s and 10s, failing ones 0–6, but not always.
 */
export function surveyAnswers(
  random: Random,
  account: ModelAccount,
  users: readonly PlannedUser[],
  window: UsageWindow,
  projectId: number,
): AmplitudeEvent[] {
  const activity = users.map((user) => ({ user, days: decodeActivity(user.days) }))
  const firstDay = Math.min(...activity.flatMap((a) => a.days.map((d) => d.offset)))
  const lastDay = Math.round(
    (Date.parse(`${window.last}T00:00:00Z`) - Date.parse(`${window.from}T00:00:00Z`)) / 86_400_000,
  )
  const events: AmplitudeEvent[] = []
  for (const kind of Object.keys(SANDBOX_SURVEYS) as SurveyKind[]) {
    const { everyDays, answerShare } = ROUNDS[kind]
    for (let round = 0; round * everyDays < lastDay; round++) {
      const [from, to] = [round * everyDays, Math.min(lastDay, (round + 1) * everyDays)]
      for (const { user, days } of activity) {
        const eligible = days.filter(
          (d) => d.offset > firstDay && d.offset >= from && d.offset < to,
        )
        if (eligible.length === 0 || !random.chance(answerShare)) continue
        const day = addDays(window.from, random.pick(eligible).offset)
        const score = answer(random, kind, account.plan.health)
        events.push(answerEvent(random, projectId, kind, user, day, score))
      }
    }
  }
  return events
}

/** An answer on the survey's scale drawn around where the account's health puts it. */
function answer(random: Random, kind: SurveyKind, health: number): number {
  const { min, max } = SANDBOX_SURVEYS[kind]
  if (random.chance(OFF_MOOD)) return random.int(min, max)
  const mean =
    kind === 'nps'
      ? 3 + 8 * health
      : kind === 'csat'
        ? 1.4 + 3.8 * health
        : // CES: lower is easier, and healthy customers find it easy.
          6.3 - 5 * health
  const sd = kind === 'nps' ? 1.6 : 0.8
  return Math.min(max, Math.max(min, Math.round(random.normal(mean, sd))))
}

function answerEvent(
  random: Random,
  projectId: number,
  kind: SurveyKind,
  user: PlannedUser,
  day: string,
  score: number,
): AmplitudeEvent {
  const survey = SANDBOX_SURVEYS[kind]
  // 20:00–21:30 UTC: after the day's sessions, well inside the day.
  const answered = at(day, random.int(72_000, 77_400)) + random.int(0, 999)
  // What the Export API returns for a widget's event, without the fields cs360 never reads
  // (the dataset stays small; the server serves stored events as written).
  return {
    uuid: random.uuid(),
    app: projectId,
    user_id: user.user_id,
    event_type: survey.eventType,
    event_time: amplitudeTime(answered),
    server_upload_time: amplitudeTime(answered + random.int(200, 30_000)),
    groups: user.groups,
    event_properties: { [survey.property]: score },
    library: LIBRARY,
  }
}
