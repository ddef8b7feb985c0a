/**
 * Normalizes a website or e-mail domain to the bare registrable host (`https://www.Acme.com/x`
 * → `acme.com`): the key that links one company across CRM, support, billing and analytics.
 */
export function domainFromWebsite(website: string | null | undefined): string | null {
  if (!website) return null
  const trimmed = website.trim().toLowerCase()
  if (!trimmed) return null
  const host = trimmed
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
    .replace(/^[^@/]*@/, '')
    .split(/[/?#:]/)[0]!
    .replace(/^www\./, '')
    .replace(/\.$/, '')
  return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(host) ? host : null
}
