import { describe, expect, it } from 'vitest'
import { Cs360Error } from '../errors.js'
import { parseDatabaseUrl, verifyDatabaseUrl } from './database-url.js'

const refusal = (url: string) => {
  try {
    parseDatabaseUrl(url)
  } catch (error) {
    return error as Cs360Error
  }
  throw new Error(`${url} was accepted`)
}

describe('DATABASE_URL', () => {
  it('takes postgres:// and postgresql:// URLs', () => {
    expect(parseDatabaseUrl('postgres://u:p@db.internal:5433/cs360').port).toBe('5433')
    expect(parseDatabaseUrl('postgresql://u@localhost/cs360').hostname).toBe('localhost')
  })

  it('names the variable and the valid form for text that is no URL, a config error (exit 2)', () => {
    const error = refusal('notaurl')
    expect(error).toBeInstanceOf(Cs360Error)
    expect(error.kind).toBe('config')
    expect(error.message).toBe(
      'DATABASE_URL is not a valid URL; expected postgres://user:password@host:5432/database',
    )
  })

  it('refuses another scheme, including host:port read as a scheme, without echoing the URL', () => {
    expect(refusal('localhost:5432/cs360').message).toBe(
      'DATABASE_URL is not a PostgreSQL URL (scheme localhost:); expected postgres://user:password@host:5432/database',
    )
    const mysql = refusal('mysql://root:hunter2-Secret@db/cs360')
    expect(mysql.message).toContain('(scheme mysql:)')
    expect(mysql.message).not.toContain('hunter2-Secret')
  })

  it('verifyDatabaseUrl refuses before trying to connect', async () => {
    await expect(verifyDatabaseUrl('http://example.invalid/cs360')).rejects.toMatchObject({
      kind: 'config',
      message: expect.stringContaining('not a PostgreSQL URL') as unknown,
    })
  })
})
