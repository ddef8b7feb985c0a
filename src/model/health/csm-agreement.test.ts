import { describe, expect, it } from 'vitest'
import { summarizeAgreement } from './csm-agreement.js'

const dana = { id: '005A', name: 'Dana Reyes' }
const lee = { id: '005B', name: 'Lee Park' }

describe('agreement between CSMs and the model', () => {
  it('adds the per-CSM counts up, overall and per CSM, most disagreements first, unowned last', () => {
    const summary = summarizeAgreement([
      { csm: lee, standing: 'agree', accounts: 5, unreadable: 0 },
      { csm: null, standing: 'csm-more-optimistic', accounts: 9, unreadable: 0 },
      { csm: dana, standing: 'csm-more-optimistic', accounts: 3, unreadable: 0 },
      { csm: dana, standing: 'csm-more-pessimistic', accounts: 1, unreadable: 0 },
      { csm: dana, standing: 'no-csm-view', accounts: 4, unreadable: 2 },
      { csm: lee, standing: 'csm-more-pessimistic', accounts: 2, unreadable: 0 },
    ])
    expect(summary.overall).toEqual({
      agree: 5,
      'csm-more-optimistic': 12,
      'csm-more-pessimistic': 3,
      'no-csm-view': 4,
      unreadable: 2,
    })
    expect(summary.byCsm.map((b) => b.csm?.name ?? null)).toEqual(['Dana Reyes', 'Lee Park', null])
    expect(summary.byCsm[0]!.counts).toEqual({
      agree: 0,
      'csm-more-optimistic': 3,
      'csm-more-pessimistic': 1,
      'no-csm-view': 4,
      unreadable: 2,
    })
  })

  it('is all zeros for no accounts', () => {
    expect(summarizeAgreement([])).toEqual({
      overall: {
        agree: 0,
        'csm-more-optimistic': 0,
        'csm-more-pessimistic': 0,
        'no-csm-view': 0,
        unreadable: 0,
      },
      byCsm: [],
    })
  })
})
