import type { Random } from './random.js'
import {
  BRAND_HEAD,
  BRAND_TAIL,
  COUNTRIES,
  FAMILY_NAMES,
  GIVEN_NAMES,
  NAME_FIRST,
  NAME_SECOND,
} from './words.js'

export interface CompanyIdentity {
  name: string
  /** Bare registrable domain, unique in the dataset: the cross-system linking key. */
  domain: string
  country: string
}

export interface PersonName {
  first: string
  last: string
}

const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '')

/** One candidate brand: "Northwind Logistics" most of the time, "Brightpath" now and then. */
function brand(random: Random): string {
  if (random.chance(0.25)) {
    const tail = random.pick(BRAND_TAIL)
    return random.pick(BRAND_HEAD) + tail
  }
  return `${random.pick(NAME_FIRST)} ${random.pick(NAME_SECOND)}`
}

/**
 * Unique company names and domains built from word lists, with a legal form and national TLD
 * that fit the company's country. A taken domain gets the variants real companies settle for
 * (`getacme.com`, `acmehq.com`); names only repeat with a number once the lists run dry.
 */
export function companyIdentities(random: Random, count: number): CompanyIdentity[] {
  const names = new Set<string>()
  const domains = new Set<string>()
  const out: CompanyIdentity[] = []
  let misses = 0
  while (out.length < count) {
    let base = brand(random)
    if (names.has(base)) {
      if (++misses < 200) continue
      base = `${base} ${random.int(2, 99)}`
      if (names.has(base)) continue
    }
    misses = 0
    names.add(base)
    const country = random.pick(COUNTRIES)
    const tld = random.chance(0.6) ? 'com' : random.chance(0.5) ? 'io' : country.tld
    const stem = slug(base)
    const domain = [
      `${stem}.${tld}`,
      `get${stem}.${tld}`,
      `${stem}hq.${tld}`,
      `${stem}.${country.tld}`,
    ]
      .concat(Array.from({ length: 20 }, (_, i) => `${stem}${i + 2}.${tld}`))
      .find((d) => !domains.has(d))!
    domains.add(domain)
    out.push({ name: base + random.pick(country.suffixes), domain, country: country.name })
  }
  return out
}

export function personName(random: Random): PersonName {
  return { first: random.pick(GIVEN_NAMES), last: random.pick(FAMILY_NAMES) }
}

/** How a company spells its e-mail addresses; one convention per company. */
export type EmailStyle = 'first.last' | 'flast' | 'first'

export function emailLocalPart(person: PersonName, style: EmailStyle): string {
  const first = slug(person.first)
  const last = slug(person.last)
  if (style === 'flast') return `${first[0]}${last}`
  if (style === 'first') return first
  return `${first}.${last}`
}

/** Addresses at one domain, unique (a second Ava Chen becomes ava.chen2@). */
export function emailAllocator(domain: string, style: EmailStyle): (p: PersonName) => string {
  const used = new Map<string, number>()
  return (person) => {
    const local = emailLocalPart(person, style)
    const n = (used.get(local) ?? 0) + 1
    used.set(local, n)
    return `${local}${n > 1 ? n : ''}@${domain}`
  }
}
