/** What customers write to support, by ticket type: [subject, first comment]. */
export const TICKET_TEXT: Record<'question' | 'incident' | 'problem' | 'task', [string, string][]> =
  {
    question: [
      ['How do I add a new user?', 'We hired two people this week. Where do I invite them?'],
      ['Question about API rate limits', 'What is the request limit per minute on the REST API?'],
      ['Can we change our billing contact?', 'Our finance contact changed; please update it.'],
      [
        'Best way to export monthly reports?',
        'Is there a scheduled export for the monthly report?',
      ],
      [
        'Does the dashboard support custom date ranges?',
        'We need fiscal quarters on the dashboard.',
      ],
      ['SSO setup question', 'Which SAML attributes do you expect for group mapping?'],
    ],
    incident: [
      ['Dashboard fails to load', 'The main dashboard spins forever for everyone on our team.'],
      [
        'Sync job stuck since this morning',
        'The nightly sync has not finished and blocks our reports.',
      ],
      ['Export returns an error', 'CSV export fails with a server error on large reports.'],
      ['SSO login broken for our team', 'Users get an invalid assertion error when signing in.'],
      ['Data missing from yesterday', 'Yesterday shows zero activity, which cannot be right.'],
      ['Integration disconnected again', 'The CRM integration keeps disconnecting every few days.'],
    ],
    problem: [
      ['Recurring data delays', 'Data arrives hours late several times a week now.'],
      ['Reports show wrong totals', 'Totals differ from the raw export by a few percent.'],
      ['Performance has degraded', 'Pages take much longer to load than a month ago.'],
    ],
    task: [
      ['Please add seats to our plan', 'We need ten more seats from next month.'],
      ['Request for an invoice copy', 'Please send a PDF copy of our last invoice.'],
      ['Update our SSO certificate', 'Our IdP certificate rotates next week; new one attached.'],
      ['Remove a departed user', 'Please deactivate the account of a colleague who left.'],
    ],
  }

export const GOOD_COMMENTS = [
  'Quick and helpful, thanks!',
  'Solved on the first reply.',
  'Great support as always.',
  'Thanks for the clear explanation.',
]

/** Bad-rating comments and the legacy CSAT reason each goes with. */
export const BAD_COMMENTS: [comment: string, reason: string][] = [
  ['Took days to get an answer.', 'The issue took too long to resolve'],
  ['Still not fixed.', 'The issue was not resolved'],
  ['Had to explain the problem three times.', "The agent's knowledge is unsatisfactory"],
  ['This keeps happening.', 'Some other reason'],
]
