import type { Random } from './random.js'

const FIRST = [
  'Northwind',
  'Bluefin',
  'Cobalt',
  'Granite',
  'Harbor',
  'Juniper',
  'Keystone',
  'Lumen',
  'Meridian',
  'Nimbus',
  'Orchard',
  'Pioneer',
  'Quarry',
  'Redwood',
  'Summit',
  'Tidal',
  'Umber',
  'Vertex',
  'Willow',
  'Zephyr',
  'Aspen',
  'Beacon',
  'Cedar',
  'Delta',
  'Ember',
  'Falcon',
  'Glacier',
  'Horizon',
  'Ironwood',
  'Jasper',
  'Kestrel',
  'Lattice',
  'Mosaic',
  'Nova',
  'Onyx',
  'Prism',
  'Quartz',
  'Ridge',
  'Sable',
  'Trellis',
]
const SECOND = [
  'Labs',
  'Systems',
  'Health',
  'Logistics',
  'Analytics',
  'Foods',
  'Robotics',
  'Energy',
  'Capital',
  'Media',
  'Networks',
  'Bio',
  'Retail',
  'Works',
  'Cloud',
  'Partners',
  'Motors',
  'Learning',
  'Security',
  'Studios',
]
const SUFFIX = ['', ' Inc', ' Ltd', ' GmbH', ' Group', ' Co']
const TLD = ['com', 'io', 'co', 'net', 'ai', 'de', 'co.uk']
const GIVEN = [
  'Ava',
  'Ben',
  'Chloe',
  'Diego',
  'Elena',
  'Farah',
  'Gabe',
  'Hana',
  'Ivan',
  'Jade',
  'Kofi',
  'Lena',
  'Marco',
  'Nina',
  'Omar',
  'Priya',
  'Quinn',
  'Rosa',
  'Sam',
  'Tariq',
  'Uma',
  'Victor',
  'Wen',
  'Yara',
]
const FAMILY = [
  'Adams',
  'Baker',
  'Chen',
  'Dubois',
  'Evans',
  'Fischer',
  'Garcia',
  'Hughes',
  'Ito',
  'Jensen',
  'Kowalski',
  'Lopez',
  'Murphy',
  'Nakamura',
  'Okafor',
  'Patel',
  'Rossi',
  'Silva',
  'Tanaka',
  'Weber',
]
export const INDUSTRIES = [
  'Technology',
  'Healthcare',
  'Finance',
  'Retail',
  'Manufacturing',
  'Education',
  'Media',
  'Transportation',
  'Energy',
  'Hospitality',
]
export const COUNTRIES = [
  'United States',
  'United Kingdom',
  'Germany',
  'France',
  'Canada',
  'Australia',
  'Netherlands',
  'Japan',
]

/** Unique company names and domains built from word lists. */
export function companyNames(random: Random, count: number): { name: string; domain: string }[] {
  const seen = new Set<string>()
  const out: { name: string; domain: string }[] = []
  while (out.length < count) {
    const first = random.pick(FIRST)
    const second = random.pick(SECOND)
    const n = seen.size >= FIRST.length * SECOND.length * 0.7 ? String(random.int(2, 999)) : ''
    const base = `${first} ${second}${n ? ` ${n}` : ''}`
    if (seen.has(base)) continue
    seen.add(base)
    const domain = `${first}${second}${n}`.toLowerCase() + '.' + random.pick(TLD)
    out.push({ name: base + random.pick(SUFFIX), domain })
  }
  return out
}

export function personName(random: Random): { first: string; last: string } {
  return { first: random.pick(GIVEN), last: random.pick(FAMILY) }
}
