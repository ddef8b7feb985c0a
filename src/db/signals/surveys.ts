import { sql, type Kysely } from 'kysely'
import { npsFromCounts } from '../../model/surveys/nps.js'
import type { SurveySignals } from '../../model/signals.js'
import type { Database } from '../database.js'
import type { SignalSettings } from './registry.js'
import { linkedAccounts, linkedRecords } from './linked-accounts.js'

/**
 * Survey signals per CRM account on `asOf` from the survey_responses of its linked source
 * accounts: the NPS of each respondent's latest answer in the `windowDays` ending with the day
 * scored (a respondent asked twice counts once, as they feel now; one answering under two
 * linked source accounts too). Accounts linked to a survey source without answers get zero
 * counts and a null NPS: the npsScore measure then has no data and is re-weighted, never 0.
 */
export async function surveySignals(
  db: Kysely<Database>,
  crm: string,
  sources: readonly string[],
  asOf: string,
  accountIds: readonly string[],
  settings: SignalSettings,
): Promise<Map<string, SurveySignals>> {
  const { promoterMin, detractorMax, windowDays } = settings.surveys.nps
  const result = await sql<{
    crm_account_id: string
    promoters: string | null
    passives: string | null
    detractors: string | null
  }>`
    with linked as (${linkedRecords(crm, sources, accountIds)}),
    day as (select ${asOf}::date + 1 as day_end),
    latest as (
      select distinct on (l.crm_account_id, r.respondent_id) l.crm_account_id, r.score
      from linked l cross join day d
      join survey_responses r on r.source = l.source and r.source_account_id = l.source_id
      where r.kind = 'nps' and r.answered_at >= d.day_end - ${windowDays}::int
        and r.answered_at < d.day_end
      order by l.crm_account_id, r.respondent_id, r.answered_at desc, r.source_id desc
    ),
    counts as (
      select crm_account_id,
        count(*) filter (where score >= ${promoterMin}::int) as promoters,
        count(*) filter (where score > ${detractorMax}::int and score < ${promoterMin}::int)
          as passives,
        count(*) filter (where score <= ${detractorMax}::int) as detractors
      from latest group by crm_account_id
    )
    select a.crm_account_id, c.promoters, c.passives, c.detractors
    from (${linkedAccounts(crm, sources, accountIds)}) a
    left join counts c on c.crm_account_id = a.crm_account_id
  `.execute(db)
  const n = (v: string | null) => (v === null ? 0 : Number(v))
  return new Map(
    result.rows.map((r) => {
      const counts = {
        promoters: n(r.promoters),
        passives: n(r.passives),
        detractors: n(r.detractors),
      }
      return [
        r.crm_account_id,
        {
          ...counts,
          nps: npsFromCounts(counts),
          npsRespondents: counts.promoters + counts.passives + counts.detractors,
          npsWindowDays: windowDays,
        },
      ]
    }),
  )
}
