/**
 * The HubSpot-defined properties the sandbox portal has on companies and deals: the ones cs360
 * reads or a test writes, with the type, field type, group and options HubSpot gives them.
 * `readOnly` properties are HubSpot's own bookkeeping (`modificationMetadata.readOnlyValue`).
 * https://knowledge.hubspot.com/properties/hubspots-default-company-properties
 * https://knowledge.hubspot.com/properties/hubspots-default-deal-properties
 */
export interface CatalogProperty {
  name: string
  label: string
  type: 'string' | 'number' | 'date' | 'datetime' | 'enumeration' | 'bool'
  fieldType: string
  groupName: string
  options?: readonly string[] | readonly (readonly [value: string, label: string])[]
  readOnly?: boolean
  calculated?: boolean
  hasUniqueValue?: boolean
}

export type CatalogObject = 'companies' | 'deals'

const text = (name: string, label: string, groupName: string): CatalogProperty => ({
  name,
  label,
  type: 'string',
  fieldType: 'text',
  groupName,
})
const number = (name: string, label: string, groupName: string, readOnly = false) => ({
  name,
  label,
  type: 'number' as const,
  fieldType: 'number',
  groupName,
  readOnly,
})
const stamp = (name: string, label: string, groupName: string, readOnly = true) => ({
  name,
  label,
  type: 'datetime' as const,
  fieldType: 'date',
  groupName,
  readOnly,
})
const flag = (name: string, label: string, groupName: string) => ({
  name,
  label,
  type: 'bool' as const,
  fieldType: 'booleancheckbox',
  groupName,
  options: [
    ['true', 'True'],
    ['false', 'False'],
  ] as const,
  readOnly: true,
  calculated: true,
})

/** Properties every CRM object has. */
const common = (group: string): CatalogProperty[] => [
  { ...number('hs_object_id', 'Record ID', group, true), hasUniqueValue: true },
  stamp('createdate', 'Create Date', group, false),
  stamp('hs_lastmodifieddate', 'Last Modified Date', group),
  number('hs_updated_by_user_id', 'Updated by user ID', group, true),
  number('hs_created_by_user_id', 'Created by user ID', group, true),
  {
    name: 'hubspot_owner_id',
    label: 'Owner',
    type: 'enumeration',
    fieldType: 'select',
    groupName: group,
    // Options are the portal's owners (externalOptions): checked against them on write.
  },
]

/** Some of HubSpot's industry values (the portal's list has about 150). */
const INDUSTRIES = [
  'ACCOUNTING',
  'BANKING',
  'BIOTECHNOLOGY',
  'COMPUTER_SOFTWARE',
  'CONSUMER_GOODS',
  'EDUCATION_MANAGEMENT',
  'FINANCIAL_SERVICES',
  'HOSPITAL_HEALTH_CARE',
  'HOSPITALITY',
  'INFORMATION_TECHNOLOGY_AND_SERVICES',
  'INSURANCE',
  'INTERNET',
  'MACHINERY',
  'MARKETING_AND_ADVERTISING',
  'OIL_ENERGY',
  'ONLINE_MEDIA',
  'PHARMACEUTICALS',
  'RETAIL',
  'TELECOMMUNICATIONS',
  'TRANSPORTATION_TRUCKING_RAILROAD',
]

const LIFECYCLE_STAGES = [
  ['subscriber', 'Subscriber'],
  ['lead', 'Lead'],
  ['marketingqualifiedlead', 'Marketing Qualified Lead'],
  ['salesqualifiedlead', 'Sales Qualified Lead'],
  ['opportunity', 'Opportunity'],
  ['customer', 'Customer'],
  ['evangelist', 'Evangelist'],
  ['other', 'Other'],
] as const

/** The default sales pipeline's stages: id, label, probability (closed stages: 1.0 or 0.0). */
export const DEFAULT_PIPELINE_STAGES = [
  ['appointmentscheduled', 'Appointment Scheduled', '0.2'],
  ['qualifiedtobuy', 'Qualified To Buy', '0.4'],
  ['presentationscheduled', 'Presentation Scheduled', '0.6'],
  ['decisionmakerboughtin', 'Decision Maker Bought-In', '0.8'],
  ['contractsent', 'Contract Sent', '0.9'],
  ['closedwon', 'Closed Won', '1.0'],
  ['closedlost', 'Closed Lost', '0.0'],
] as const

export const HUBSPOT_DEFINED: Record<CatalogObject, CatalogProperty[]> = {
  companies: [
    ...common('companyinformation'),
    text('name', 'Company name', 'companyinformation'),
    text('domain', 'Company Domain Name', 'companyinformation'),
    text('website', 'Website URL', 'companyinformation'),
    text('country', 'Country/Region', 'companyinformation'),
    text('city', 'City', 'companyinformation'),
    text('phone', 'Phone Number', 'companyinformation'),
    { ...text('description', 'Description', 'companyinformation'), fieldType: 'textarea' },
    {
      name: 'industry',
      label: 'Industry',
      type: 'enumeration',
      fieldType: 'select',
      groupName: 'companyinformation',
      options: INDUSTRIES,
    },
    {
      name: 'type',
      label: 'Type',
      type: 'enumeration',
      fieldType: 'select',
      groupName: 'companyinformation',
      options: ['PROSPECT', 'PARTNER', 'RESELLER', 'VENDOR', 'OTHER'],
    },
    {
      name: 'lifecyclestage',
      label: 'Lifecycle Stage',
      type: 'enumeration',
      fieldType: 'radio',
      groupName: 'companyinformation',
      options: LIFECYCLE_STAGES,
    },
    number('numberofemployees', 'Number of Employees', 'companyinformation'),
    number('annualrevenue', 'Annual Revenue', 'companyinformation'),
    stamp('notes_last_updated', 'Last Activity Date', 'company_activity'),
    number('num_associated_deals', 'Number of Associated Deals', 'deal_information', true),
  ],
  deals: [
    ...common('dealinformation'),
    text('dealname', 'Deal Name', 'dealinformation'),
    number('amount', 'Amount', 'dealinformation'),
    stamp('closedate', 'Close Date', 'dealinformation', false),
    {
      name: 'pipeline',
      label: 'Pipeline',
      type: 'enumeration',
      fieldType: 'select',
      groupName: 'dealinformation',
      options: [['default', 'Sales Pipeline']],
    },
    {
      name: 'dealstage',
      label: 'Deal Stage',
      type: 'enumeration',
      fieldType: 'radio',
      groupName: 'dealinformation',
      options: DEFAULT_PIPELINE_STAGES.map(([id, label]) => [id, label] as const),
    },
    {
      name: 'dealtype',
      label: 'Deal Type',
      type: 'enumeration',
      fieldType: 'radio',
      groupName: 'dealinformation',
      // HubSpot's two options plus the `renewal` option cs360 portals add to this property.
      options: [
        ['newbusiness', 'New Business'],
        ['existingbusiness', 'Existing Business'],
        ['renewal', 'Renewal'],
      ],
    },
    number('hs_forecast_probability', 'Forecast probability', 'dealinformation'),
    {
      ...number('hs_deal_stage_probability', 'Deal probability', 'dealinformation', true),
      calculated: true,
    },
    flag('hs_is_closed', 'Is Deal Closed?', 'dealinformation'),
    flag('hs_is_closed_won', 'Is Closed Won', 'dealinformation'),
    { ...text('description', 'Deal Description', 'dealinformation'), fieldType: 'textarea' },
  ],
}

/** HubSpot's property groups of each object, as `GET /crm/v3/properties/{objectType}/groups` lists them. */
export const HUBSPOT_GROUPS: Record<CatalogObject, [name: string, label: string][]> = {
  companies: [
    ['companyinformation', 'Company information'],
    ['company_activity', 'Company activity'],
    ['deal_information', 'Deal information'],
  ],
  deals: [
    ['dealinformation', 'Deal information'],
    ['deal_activity', 'Deal activity'],
  ],
}
