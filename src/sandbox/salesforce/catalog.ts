import type { CustomField } from './dataset-schema.js'

export type FieldType =
  | 'id'
  | 'string'
  | 'textarea'
  | 'url'
  | 'email'
  | 'phone'
  | 'picklist'
  | 'int'
  | 'double'
  | 'currency'
  | 'percent'
  | 'date'
  | 'datetime'
  | 'boolean'
  | 'reference'

export interface FieldDescribe {
  name: string
  type: FieldType
  label: string
  length: number
  precision: number
  scale: number
  nillable: boolean
  createable: boolean
  updateable: boolean
  externalId: boolean
  custom: boolean
  referenceTo: string[]
  relationshipName: string | null
  picklistValues: { value: string; label: string; active: boolean; defaultValue: boolean }[]
}

type Spec = [name: string, type: FieldType, label: string, options?: Partial<FieldDescribe>]

const SYSTEM: Spec[] = [
  ['Id', 'id', 'Record ID', { nillable: false, createable: false, updateable: false }],
  ['IsDeleted', 'boolean', 'Deleted', { nillable: false, createable: false, updateable: false }],
  [
    'CreatedDate',
    'datetime',
    'Created Date',
    { nillable: false, createable: false, updateable: false },
  ],
  [
    'CreatedById',
    'reference',
    'Created By ID',
    { createable: false, updateable: false, referenceTo: ['User'], relationshipName: 'CreatedBy' },
  ],
  [
    'LastModifiedDate',
    'datetime',
    'Last Modified Date',
    { nillable: false, createable: false, updateable: false },
  ],
  [
    'SystemModstamp',
    'datetime',
    'System Modstamp',
    { nillable: false, createable: false, updateable: false },
  ],
]

const owner: Spec = [
  'OwnerId',
  'reference',
  'Owner ID',
  { nillable: false, referenceTo: ['User'], relationshipName: 'Owner' },
]

/** Standard fields of the objects cs360 reads, with the types Salesforce describes them with. */
const STANDARD: Record<string, Spec[]> = {
  User: [
    ...SYSTEM.filter(([name]) => name !== 'IsDeleted'),
    ['Name', 'string', 'Full Name', { createable: false, updateable: false }],
    ['FirstName', 'string', 'First Name'],
    ['LastName', 'string', 'Last Name', { nillable: false }],
    ['Email', 'email', 'Email', { nillable: false }],
    ['Username', 'string', 'Username'],
    ['Title', 'string', 'Title'],
    ['IsActive', 'boolean', 'Active', { nillable: false }],
  ],
  Account: [
    ...SYSTEM,
    owner,
    ['Name', 'string', 'Account Name', { nillable: false, length: 255 }],
    ['Website', 'url', 'Website'],
    ['Industry', 'picklist', 'Industry'],
    ['Type', 'picklist', 'Account Type'],
    ['NumberOfEmployees', 'int', 'Employees'],
    ['AnnualRevenue', 'currency', 'Annual Revenue', { precision: 18, scale: 0 }],
    ['BillingCountry', 'string', 'Billing Country'],
    ['Phone', 'phone', 'Account Phone'],
    ['LastActivityDate', 'date', 'Last Activity', { createable: false, updateable: false }],
  ],
  Opportunity: [
    ...SYSTEM,
    owner,
    [
      'AccountId',
      'reference',
      'Account ID',
      { referenceTo: ['Account'], relationshipName: 'Account' },
    ],
    ['Name', 'string', 'Name', { nillable: false, length: 120 }],
    ['Type', 'picklist', 'Opportunity Type'],
    ['StageName', 'picklist', 'Stage', { nillable: false }],
    ['Amount', 'currency', 'Amount', { precision: 18, scale: 2 }],
    ['Probability', 'percent', 'Probability (%)', { precision: 3, scale: 0 }],
    ['CloseDate', 'date', 'Close Date', { nillable: false }],
    ['IsClosed', 'boolean', 'Closed', { nillable: false, createable: false, updateable: false }],
    ['IsWon', 'boolean', 'Won', { nillable: false, createable: false, updateable: false }],
    ['ForecastCategoryName', 'picklist', 'Forecast Category'],
  ],
  Contact: [
    ...SYSTEM,
    owner,
    [
      'AccountId',
      'reference',
      'Account ID',
      { referenceTo: ['Account'], relationshipName: 'Account' },
    ],
    ['FirstName', 'string', 'First Name'],
    ['LastName', 'string', 'Last Name', { nillable: false }],
    ['Name', 'string', 'Full Name', { createable: false, updateable: false }],
    ['Email', 'email', 'Email'],
    ['Title', 'string', 'Title'],
  ],
}

export const KEY_PREFIX: Record<string, string> = {
  Account: '001',
  Contact: '003',
  User: '005',
  Opportunity: '006',
}

function describeField([name, type, label, options]: Spec, custom = false): FieldDescribe {
  return {
    name,
    type,
    label,
    length:
      type === 'string' || type === 'url' || type === 'picklist'
        ? 255
        : type === 'id' || type === 'reference'
          ? 18
          : 0,
    precision: 0,
    scale: 0,
    nillable: true,
    createable: true,
    updateable: true,
    externalId: false,
    custom,
    referenceTo: [],
    relationshipName: null,
    picklistValues: [],
    ...options,
  }
}

/** Field describes of an object: its standard fields plus the dataset's custom ones. */
export function objectFields(object: string, custom: CustomField[]): FieldDescribe[] | undefined {
  const standard = STANDARD[object]
  if (!standard) return undefined
  return [
    ...standard.map((spec) => describeField(spec)),
    ...custom.map((f) =>
      describeField(
        [
          f.name,
          f.type,
          f.label,
          {
            length: f.length ?? (f.type === 'string' ? 255 : 0),
            precision: f.precision ?? 0,
            scale: f.scale ?? 0,
            externalId: f.externalId ?? false,
            picklistValues: (f.picklistValues ?? []).map((v) => ({
              value: v,
              label: v,
              active: true,
              defaultValue: false,
            })),
          },
        ],
        true,
      ),
    ),
  ]
}

export const SUPPORTED_OBJECTS = Object.keys(STANDARD)
