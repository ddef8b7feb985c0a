import type { HubspotProperty } from './dataset-schema.js'
import {
  HUBSPOT_DEFINED,
  HUBSPOT_GROUPS,
  type CatalogObject,
  type CatalogProperty,
} from './property-catalog.js'

export type ObjectType = CatalogObject

export interface PropertyOption {
  label: string
  value: string
  displayOrder: number
  hidden: boolean
}

/** A property of the portal in the shape `GET /crm/v3/properties/{objectType}` returns it. */
export interface PropertyDefinition {
  updatedAt: string
  createdAt: string
  name: string
  label: string
  type: string
  fieldType: string
  description: string
  groupName: string
  options: PropertyOption[]
  displayOrder: number
  calculated: boolean
  externalOptions: boolean
  hasUniqueValue: boolean
  hidden: boolean
  /** Present (true) on HubSpot's own properties only, as the API reports it. */
  hubspotDefined?: true
  modificationMetadata: {
    archivable: boolean
    readOnlyDefinition: boolean
    readOnlyValue: boolean
  }
  formField: boolean
  dataSensitivity: 'non_sensitive'
  createdUserId?: string
  updatedUserId?: string
}

export interface PropertyGroup {
  name: string
  label: string
  displayOrder: number
  archived: boolean
}

/** When HubSpot created its own properties: long before any portal data. */
const HUBSPOT_EPOCH = '2019-08-06T02:41:52.086Z'

const options = (list: CatalogProperty['options'] = []): PropertyOption[] =>
  list.map((o, displayOrder) => {
    const [value, label] = typeof o === 'string' ? [o, o] : o
    return { label, value, displayOrder, hidden: false }
  })

function fromCatalog(p: CatalogProperty): PropertyDefinition {
  return {
    updatedAt: HUBSPOT_EPOCH,
    createdAt: HUBSPOT_EPOCH,
    name: p.name,
    label: p.label,
    type: p.type,
    fieldType: p.fieldType,
    description: '',
    groupName: p.groupName,
    options: options(p.options),
    displayOrder: -1,
    calculated: p.calculated ?? false,
    externalOptions: p.name === 'hubspot_owner_id',
    hasUniqueValue: p.hasUniqueValue ?? false,
    hidden: false,
    hubspotDefined: true,
    modificationMetadata: {
      archivable: false,
      readOnlyDefinition: true,
      readOnlyValue: p.readOnly ?? false,
    },
    formField: !p.readOnly,
    dataSensitivity: 'non_sensitive',
  }
}

/** A portal-defined property: from the dataset or `POST /crm/v3/properties/{objectType}`. */
export function customProperty(
  p: HubspotProperty & { description?: string; hasUniqueValue?: boolean; displayOrder?: number },
  at: string,
  userId: string,
): PropertyDefinition {
  const given = (p as { options?: { label: string; value: string; displayOrder?: number }[] })
    .options
  return {
    updatedAt: at,
    createdAt: at,
    name: p.name,
    label: p.label,
    type: p.type,
    fieldType: p.fieldType,
    description: p.description ?? '',
    groupName: p.groupName,
    options: (given ?? []).map((o, i) => ({
      label: o.label,
      value: o.value,
      displayOrder: o.displayOrder ?? i,
      hidden: false,
    })),
    displayOrder: p.displayOrder ?? -1,
    calculated: false,
    externalOptions: false,
    hasUniqueValue: p.hasUniqueValue ?? false,
    hidden: false,
    modificationMetadata: { archivable: true, readOnlyDefinition: false, readOnlyValue: false },
    formField: true,
    dataSensitivity: 'non_sensitive',
    createdUserId: userId,
    updatedUserId: userId,
  }
}

/** The portal's property definitions and groups per object type. */
export class PropertySchema {
  private readonly properties = new Map<ObjectType, Map<string, PropertyDefinition>>()
  private readonly groups = new Map<ObjectType, Map<string, PropertyGroup>>()

  constructor(custom: Record<ObjectType, HubspotProperty[]>, at: string, userId: string) {
    for (const type of ['companies', 'deals'] as const) {
      const groups = new Map(
        HUBSPOT_GROUPS[type].map(([name, label], displayOrder) => [
          name,
          { name, label, displayOrder, archived: false },
        ]),
      )
      this.groups.set(type, groups)
      const props = new Map(HUBSPOT_DEFINED[type].map((p) => [p.name, fromCatalog(p)]))
      this.properties.set(type, props)
      for (const p of custom[type]) {
        if (!groups.has(p.groupName))
          groups.set(p.groupName, {
            name: p.groupName,
            label: p.groupName,
            displayOrder: groups.size,
            archived: false,
          })
        props.set(p.name, customProperty(p, at, userId))
      }
    }
  }

  list(type: ObjectType): PropertyDefinition[] {
    return [...this.properties.get(type)!.values()]
  }

  get(type: ObjectType, name: string): PropertyDefinition | undefined {
    return this.properties.get(type)!.get(name)
  }

  add(type: ObjectType, property: PropertyDefinition): void {
    this.properties.get(type)!.set(property.name, property)
  }

  groupList(type: ObjectType): PropertyGroup[] {
    return [...this.groups.get(type)!.values()]
  }

  group(type: ObjectType, name: string): PropertyGroup | undefined {
    return this.groups.get(type)!.get(name)
  }

  addGroup(type: ObjectType, group: PropertyGroup): void {
    this.groups.get(type)!.set(group.name, group)
  }
}
