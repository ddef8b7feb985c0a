import type { FieldType } from './dataset-schema.js'

export interface FieldSpec {
  name: string
  type: FieldType
  label: string
  length?: number
  precision?: number
  scale?: number
  nillable?: boolean
  createable?: boolean
  updateable?: boolean
  referenceTo?: string[]
  relationshipName?: string
  picklistValues?: string[]
  nameField?: boolean
}

const readOnly = { createable: false, updateable: false }
const system = { ...readOnly, nillable: false }
const userRef = (name: string, label: string, relationshipName: string): FieldSpec => ({
  name,
  type: 'reference',
  label,
  referenceTo: ['User'],
  relationshipName,
  ...readOnly,
})

/** Audit fields every object has. */
const AUDIT: FieldSpec[] = [
  { name: 'Id', type: 'id', label: 'Record ID', ...system },
  { name: 'IsDeleted', type: 'boolean', label: 'Deleted', ...system },
  { name: 'CreatedDate', type: 'datetime', label: 'Created Date', ...system },
  userRef('CreatedById', 'Created By ID', 'CreatedBy'),
  { name: 'LastModifiedDate', type: 'datetime', label: 'Last Modified Date', ...system },
  userRef('LastModifiedById', 'Last Modified By ID', 'LastModifiedBy'),
  { name: 'SystemModstamp', type: 'datetime', label: 'System Modstamp', ...system },
]

const OWNER: FieldSpec = {
  name: 'OwnerId',
  type: 'reference',
  label: 'Owner ID',
  nillable: false,
  referenceTo: ['User'],
  relationshipName: 'Owner',
}

const accountRef: FieldSpec = {
  name: 'AccountId',
  type: 'reference',
  label: 'Account ID',
  referenceTo: ['Account'],
  relationshipName: 'Account',
}

// Picklist values of a new org; the sandbox adds whatever values the dataset's records use.
const INDUSTRIES =
  'Agriculture,Apparel,Banking,Biotechnology,Chemicals,Communications,Construction,Consulting,Education,Electronics,Energy,Engineering,Entertainment,Environmental,Finance,Food & Beverage,Government,Healthcare,Hospitality,Insurance,Machinery,Manufacturing,Media,Not For Profit,Recreation,Retail,Shipping,Technology,Telecommunications,Transportation,Utilities,Other'
const ACCOUNT_TYPES =
  'Prospect,Customer - Direct,Customer - Channel,Channel Partner / Reseller,Installation Partner,Technology Partner,Other'
const STAGES =
  'Prospecting,Qualification,Needs Analysis,Value Proposition,Id. Decision Makers,Perception Analysis,Proposal/Price Quote,Negotiation/Review,Closed Won,Closed Lost'
const OPPORTUNITY_TYPES =
  'Existing Customer - Upgrade,Existing Customer - Replacement,Existing Customer - Downgrade,New Customer'
const FORECAST = 'Omitted,Pipeline,Best Case,Commit,Closed'
const SOURCES = 'Web,Phone Inquiry,Partner Referral,Purchased List,Other'
const values = (list: string) => list.split(',')

/** Standard fields of the objects the sandbox serves: a realistic subset of a new org's. */
export const STANDARD_OBJECTS: Record<
  string,
  { keyPrefix: string; label: string; fields: FieldSpec[] }
> = {
  User: {
    keyPrefix: '005',
    label: 'User',
    fields: [
      ...AUDIT.filter((f) => f.name !== 'IsDeleted'),
      { name: 'Username', type: 'string', label: 'Username', length: 80, nillable: false },
      {
        name: 'Name',
        type: 'string',
        label: 'Full Name',
        length: 121,
        nameField: true,
        ...readOnly,
      },
      { name: 'FirstName', type: 'string', label: 'First Name', length: 40 },
      { name: 'LastName', type: 'string', label: 'Last Name', length: 80, nillable: false },
      { name: 'Email', type: 'email', label: 'Email', length: 128, nillable: false },
      { name: 'Title', type: 'string', label: 'Title', length: 80 },
      { name: 'Department', type: 'string', label: 'Department', length: 80 },
      { name: 'IsActive', type: 'boolean', label: 'Active', nillable: false },
      { name: 'LastLoginDate', type: 'datetime', label: 'Last Login', ...readOnly },
    ],
  },
  Account: {
    keyPrefix: '001',
    label: 'Account',
    fields: [
      ...AUDIT,
      OWNER,
      { name: 'Name', type: 'string', label: 'Account Name', nillable: false, nameField: true },
      { name: 'AccountNumber', type: 'string', label: 'Account Number', length: 40 },
      {
        name: 'ParentId',
        type: 'reference',
        label: 'Parent Account ID',
        referenceTo: ['Account'],
        relationshipName: 'Parent',
      },
      { name: 'Website', type: 'url', label: 'Website' },
      { name: 'Phone', type: 'phone', label: 'Account Phone', length: 40 },
      { name: 'Industry', type: 'picklist', label: 'Industry', picklistValues: values(INDUSTRIES) },
      {
        name: 'Type',
        type: 'picklist',
        label: 'Account Type',
        picklistValues: values(ACCOUNT_TYPES),
      },
      {
        name: 'AccountSource',
        type: 'picklist',
        label: 'Account Source',
        picklistValues: values(SOURCES),
      },
      { name: 'NumberOfEmployees', type: 'int', label: 'Employees' },
      { name: 'AnnualRevenue', type: 'currency', label: 'Annual Revenue', precision: 18, scale: 0 },
      { name: 'BillingCity', type: 'string', label: 'Billing City', length: 40 },
      { name: 'BillingState', type: 'string', label: 'Billing State/Province', length: 80 },
      { name: 'BillingCountry', type: 'string', label: 'Billing Country', length: 80 },
      { name: 'Description', type: 'textarea', label: 'Account Description', length: 32000 },
      { name: 'LastActivityDate', type: 'date', label: 'Last Activity', ...readOnly },
    ],
  },
  Contact: {
    keyPrefix: '003',
    label: 'Contact',
    fields: [
      ...AUDIT,
      OWNER,
      accountRef,
      { name: 'FirstName', type: 'string', label: 'First Name', length: 40 },
      { name: 'LastName', type: 'string', label: 'Last Name', length: 80, nillable: false },
      {
        name: 'Name',
        type: 'string',
        label: 'Full Name',
        length: 121,
        nameField: true,
        ...readOnly,
      },
      { name: 'Email', type: 'email', label: 'Email', length: 80 },
      { name: 'Phone', type: 'phone', label: 'Business Phone', length: 40 },
      { name: 'Title', type: 'string', label: 'Title', length: 128 },
      { name: 'LastActivityDate', type: 'date', label: 'Last Activity', ...readOnly },
    ],
  },
  Opportunity: {
    keyPrefix: '006',
    label: 'Opportunity',
    fields: [
      ...AUDIT,
      OWNER,
      accountRef,
      {
        name: 'Name',
        type: 'string',
        label: 'Name',
        length: 120,
        nillable: false,
        nameField: true,
      },
      { name: 'Description', type: 'textarea', label: 'Description', length: 32000 },
      {
        name: 'Type',
        type: 'picklist',
        label: 'Opportunity Type',
        picklistValues: values(OPPORTUNITY_TYPES),
      },
      {
        name: 'StageName',
        type: 'picklist',
        label: 'Stage',
        nillable: false,
        picklistValues: values(STAGES),
      },
      { name: 'Amount', type: 'currency', label: 'Amount', precision: 18, scale: 2 },
      { name: 'Probability', type: 'percent', label: 'Probability (%)', precision: 3, scale: 0 },
      { name: 'CloseDate', type: 'date', label: 'Close Date', nillable: false },
      { name: 'IsClosed', type: 'boolean', label: 'Closed', ...system },
      { name: 'IsWon', type: 'boolean', label: 'Won', ...system },
      {
        name: 'ForecastCategoryName',
        type: 'picklist',
        label: 'Forecast Category',
        picklistValues: values(FORECAST),
      },
      {
        name: 'LeadSource',
        type: 'picklist',
        label: 'Lead Source',
        picklistValues: values(SOURCES),
      },
      { name: 'NextStep', type: 'string', label: 'Next Step', length: 255 },
      { name: 'LastActivityDate', type: 'date', label: 'Last Activity', ...readOnly },
    ],
  },
}
