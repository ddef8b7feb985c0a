import type { Router } from '../framework/router.js'
import { notFound } from './errors.js'
import type { SalesforceStore, SObjectTable } from './store.js'

/**
 * describeGlobal, an object's basic information and its full describe.
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_sobject_describe.htm
 */
export function describeRoutes(router: Router, store: SalesforceStore): void {
  router.on('GET', '/services/data/:version/sobjects', (req) => ({
    status: 200,
    body: {
      encoding: 'UTF-8',
      maxBatchSize: 200,
      sobjects: [...store.objects.values()].map((t) => summary(t, req.params.version!)),
    },
  }))

  router.on('GET', '/services/data/:version/sobjects/:type/describe', (req) => {
    const table = store.table(req.params.type!)
    if (!table) return notFound()
    return {
      status: 200,
      body: {
        ...summary(table, req.params.version!),
        fields: table.fields,
        childRelationships: childRelationships(store, table),
        recordTypeInfos: [],
        supportedScopes: [{ label: 'All', name: 'everything' }],
      },
    }
  })

  router.on('GET', '/services/data/:version/sobjects/:type', (req) => {
    const table = store.table(req.params.type!)
    if (!table) return notFound()
    return {
      status: 200,
      body: { objectDescribe: summary(table, req.params.version!), recentItems: [] },
    }
  })
}

function summary(table: SObjectTable, version: string) {
  const base = `/services/data/${version}/sobjects/${table.name}`
  return {
    name: table.name,
    label: table.label,
    labelPlural: `${table.label}s`.replace(/ys$/, 'ies'),
    keyPrefix: table.keyPrefix,
    custom: false,
    queryable: true,
    retrieveable: true,
    searchable: true,
    createable: true,
    updateable: true,
    deletable: table.name !== 'User',
    undeletable: table.name !== 'User',
    replicateable: true,
    urls: { sobject: base, describe: `${base}/describe`, rowTemplate: `${base}/{ID}` },
  }
}

function childRelationships(store: SalesforceStore, table: SObjectTable) {
  const children = []
  for (const child of store.objects.values())
    for (const field of child.fields)
      if (field.referenceTo.includes(table.name) && field.relationshipName)
        children.push({
          childSObject: child.name,
          field: field.name,
          relationshipName:
            field.name === 'AccountId' ? `${child.name}s`.replace(/ys$/, 'ies') : null,
          cascadeDelete: false,
          restrictedDelete: false,
        })
  return children
}
