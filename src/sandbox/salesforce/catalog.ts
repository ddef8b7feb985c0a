import type { CustomField, FieldType } from './dataset-schema.js'
import { STANDARD_OBJECTS, type FieldSpec } from './standard-fields.js'

export interface PicklistEntry {
  value: string
  label: string
  active: boolean
  defaultValue: boolean
  validFor: null
}

/** One entry of `fields` in a describe response (the properties integrations read). */
export interface FieldDescribe {
  name: string
  label: string
  type: FieldType
  soapType: string
  length: number
  byteLength: number
  digits: number
  precision: number
  scale: number
  nillable: boolean
  createable: boolean
  updateable: boolean
  defaultedOnCreate: boolean
  externalId: boolean
  idLookup: boolean
  unique: boolean
  custom: boolean
  calculated: boolean
  autoNumber: boolean
  caseSensitive: boolean
  nameField: boolean
  filterable: boolean
  sortable: boolean
  groupable: boolean
  restrictedPicklist: boolean
  referenceTo: string[]
  relationshipName: string | null
  picklistValues: PicklistEntry[]
  defaultValue: null
  inlineHelpText: null
}

const SOAP_TYPES: Record<FieldType, string> = {
  id: 'tns:ID',
  reference: 'tns:ID',
  string: 'xsd:string',
  textarea: 'xsd:string',
  url: 'xsd:string',
  email: 'xsd:string',
  phone: 'xsd:string',
  picklist: 'xsd:string',
  int: 'xsd:int',
  double: 'xsd:double',
  currency: 'xsd:double',
  percent: 'xsd:double',
  date: 'xsd:date',
  datetime: 'xsd:dateTime',
  boolean: 'xsd:boolean',
}

const TEXT: FieldType[] = ['string', 'textarea', 'url', 'email', 'phone', 'picklist']
const AUTOMATIC = new Set(['Id', 'CreatedDate', 'LastModifiedDate', 'SystemModstamp', 'IsDeleted'])

function defaultLength(type: FieldType): number {
  if (type === 'id' || type === 'reference') return 18
  return TEXT.includes(type) ? 255 : 0
}

function describeField(spec: FieldSpec, custom: boolean): FieldDescribe {
  const length = spec.length ?? defaultLength(spec.type)
  const longText = spec.type === 'textarea' && length > 255
  return {
    name: spec.name,
    label: spec.label,
    type: spec.type,
    soapType: SOAP_TYPES[spec.type],
    length,
    byteLength: length * 3,
    digits: spec.type === 'int' ? 9 : 0,
    precision: spec.precision ?? (['double', 'currency', 'percent'].includes(spec.type) ? 18 : 0),
    scale: spec.scale ?? 0,
    nillable: spec.nillable ?? true,
    createable: spec.createable ?? true,
    updateable: spec.updateable ?? true,
    defaultedOnCreate:
      AUTOMATIC.has(spec.name) ||
      ['OwnerId', 'CreatedById', 'LastModifiedById'].includes(spec.name),
    externalId: false,
    idLookup: spec.type === 'id',
    unique: false,
    custom,
    calculated: false,
    autoNumber: false,
    caseSensitive: false,
    nameField: spec.nameField ?? false,
    filterable: !longText,
    sortable: !longText,
    groupable: !longText && !['double', 'currency', 'percent', 'datetime'].includes(spec.type),
    restrictedPicklist: false,
    referenceTo: spec.referenceTo ?? [],
    relationshipName: spec.relationshipName ?? null,
    picklistValues: (spec.picklistValues ?? []).map(picklistEntry),
    defaultValue: null,
    inlineHelpText: null,
  }
}

export function picklistEntry(value: string): PicklistEntry {
  return { value, label: value, active: true, defaultValue: false, validFor: null }
}

function customSpec(field: CustomField): FieldSpec {
  const numeric = ['double', 'currency', 'percent'].includes(field.type)
  return {
    name: field.name,
    type: field.type,
    label: field.label,
    length: field.length,
    precision: field.precision ?? (numeric ? 18 : undefined),
    scale: field.scale ?? (numeric ? 0 : undefined),
    picklistValues: field.picklistValues,
  }
}

export interface ObjectCatalog {
  name: string
  label: string
  keyPrefix: string
  fields: FieldDescribe[]
}

/** An object's describe: its standard fields plus the dataset's custom ones. */
export function objectCatalog(object: string, custom: CustomField[]): ObjectCatalog | undefined {
  const standard = STANDARD_OBJECTS[object]
  if (!standard) return undefined
  const fields = standard.fields.map((spec) => describeField(spec, false))
  for (const field of custom) {
    if (fields.some((f) => f.name.toLowerCase() === field.name.toLowerCase()))
      throw new Error(`dataset: salesforce.objects.${object}: ${field.name} is declared twice`)
    fields.push({
      ...describeField(customSpec(field), true),
      externalId: field.externalId ?? false,
    })
  }
  return { name: object, label: standard.label, keyPrefix: standard.keyPrefix, fields }
}

export const SUPPORTED_OBJECTS = Object.keys(STANDARD_OBJECTS)
