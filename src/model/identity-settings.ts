import { z } from 'zod'

/**
 * Mailbox providers whose domain says nothing about the company: a Stripe customer billed to
 * jane@gmail.com must never link to another customer whose contact also uses gmail.com.
 */
export const FREE_MAIL_DOMAINS = [
  'gmail.com',
  'googlemail.com',
  'yahoo.com',
  'yahoo.co.uk',
  'ymail.com',
  'outlook.com',
  'hotmail.com',
  'hotmail.co.uk',
  'live.com',
  'msn.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'aol.com',
  'proton.me',
  'protonmail.com',
  'gmx.com',
  'gmx.de',
  'gmx.net',
  'web.de',
  't-online.de',
  'mail.com',
  'zoho.com',
  'yandex.com',
  'yandex.ru',
  'mail.ru',
  'qq.com',
  '163.com',
  '126.com',
  'orange.fr',
  'free.fr',
  'libero.it',
  'fastmail.com',
  'hey.com',
] as const

const domain = z
  .string()
  .regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'must be a bare domain such as reseller.example')

/**
 * How records of other systems are resolved to CRM accounts: explicit ids first, then the web
 * domain, then the exact normalized company name. `ignoreDomains` adds domains that must never
 * link (a reseller or an agency that appears on many customers' records) to the free-mail list.
 */
export const identitySettingsSchema = z
  .object({
    ignoreDomains: z.array(domain).default([]),
  })
  .strict()

export type IdentitySettings = z.infer<typeof identitySettingsSchema>

export function ignoredDomains(settings: IdentitySettings): string[] {
  return [...new Set([...FREE_MAIL_DOMAINS, ...settings.ignoreDomains])]
}
