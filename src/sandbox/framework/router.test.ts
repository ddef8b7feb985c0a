import { describe, expect, it } from 'vitest'
import { Router } from './router.js'

describe('Router', () => {
  const ok = () => ({ status: 200 })
  const router = new Router()
    .on('GET', '/services/data/:version/sobjects/:type/describe', ok)
    .on('GET', '/services/data/:version/sobjects/:type/:id', ok)
    .on('PATCH', '/services/data/:version/sobjects/:type/:id', ok)

  it('matches in registration order and decodes params, with an optional trailing slash', () => {
    const describeMatch = router.match('GET', '/services/data/v62.0/sobjects/Account/describe/')
    expect(describeMatch).toMatchObject({
      kind: 'found',
      params: { version: 'v62.0', type: 'Account' },
    })
    const byId = router.match('GET', '/services/data/v62.0/sobjects/Account/001%2Fx')
    expect(byId).toMatchObject({ kind: 'found', params: { id: '001/x' } })
  })

  it('tells a wrong method from an unknown path', () => {
    expect(router.match('DELETE', '/services/data/v62.0/sobjects/Account/001')).toEqual({
      kind: 'wrong-method',
      allowed: ['GET', 'PATCH'],
    })
    expect(router.match('GET', '/services/data/v62.0/nothing')).toEqual({ kind: 'none' })
  })

  it('treats regex characters in patterns literally', () => {
    const dotted = new Router().on('GET', '/a.b', ok)
    expect(dotted.match('GET', '/a.b').kind).toBe('found')
    expect(dotted.match('GET', '/aXb').kind).toBe('none')
  })
})
