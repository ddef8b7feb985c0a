// Word lists the synthetic company's names are built from, kept as whitespace-separated text so
// the lists stay readable and the file short.
const words = (text: string): readonly string[] => text.trim().split(/\s+/)

/** First word of two-word company names ("Northwind Logistics"). */
export const NAME_FIRST = words(`
  Northwind Bluefin Cobalt Granite Harbor Juniper Keystone Lumen Meridian Nimbus Orchard Pioneer
  Quarry Redwood Summit Tidal Umber Vertex Willow Zephyr Aspen Beacon Cedar Delta Ember Falcon
  Glacier Horizon Ironwood Jasper Kestrel Lattice Mosaic Nova Onyx Prism Quartz Ridge Sable
  Trellis Alder Basalt Canyon Drift Evergreen Fjord Garnet Hollow Indigo Lark Maple Nordic Opal
  Pinnacle Rowan Sierra Timber Upland Vantage Westwind Yarrow Atlas Boreal Crescent Dune Element
  Fathom Helix Inlet Kinetic Lodestar Monarch Osprey Parallel Radiant Solstice Tandem Vector
`)

/** Second word of two-word company names. */
export const NAME_SECOND = words(`
  Labs Systems Health Logistics Analytics Foods Robotics Energy Capital Media Networks Bio Retail
  Works Cloud Partners Motors Learning Security Studios Software Dynamics Freight Clinics Finance
  Materials Pharma Insurance Telecom Hospitality Legal Marketing Data Devices Solar Aerospace
  Outfitters Brands Consulting Interactive Therapeutics Mobility Payments Markets
`)

/** Halves of one-word brand names ("Brightpath", "Datavine"). */
export const BRAND_HEAD = words(`
  Bright Data Cloud Swift Clear True Blue Green Smart Open Quick Sharp Deep Wise Rapid Hyper
  Pulse Spark Stream Signal Cipher Fleet Grid Hive Loop Mint Pixel Shift Snap Tally
`)
export const BRAND_TAIL = words(`
  path vine nest ly forge wave mark scale base stack point leaf wire bird field hub sight line
  craft flow
`)

export const GIVEN_NAMES = words(`
  Ava Ben Chloe Diego Elena Farah Gabe Hana Ivan Jade Kofi Lena Marco Nina Omar Priya Quinn Rosa
  Sam Tariq Uma Victor Wen Yara Aisha Bruno Carmen Daniel Emma Felix Grace Hugo Isla Jonas Kira
  Liam Maya Noah Olivia Pablo Rhea Sofia Theo Valentina William Xavier Yusuf Zoe Amir Beatriz
  Chen Dmitri Esther Fatima Gustavo Helena Ingrid Jamal Keiko Lucas Mei Nadia Oscar
`)
export const FAMILY_NAMES = words(`
  Adams Baker Chen Dubois Evans Fischer Garcia Hughes Ito Jensen Kowalski Lopez Murphy Nakamura
  Okafor Patel Rossi Silva Tanaka Weber Anderson Bianchi Costa Dimitrov Eriksson Fernandez Green
  Hansen Ibrahim Johansson Kim Larsen Moreau Novak Olsen Park Quinn Reyes Schmidt Thompson Ueda
  Varga Walsh Yilmaz Zhang Ahmed Brennan Castillo Donovan Edwards Fontaine Gupta Hoffmann
`)

export const INDUSTRIES = words(`
  Technology Healthcare Finance Retail Manufacturing Education Media Transportation Energy
  Hospitality
`)

/** Country, legal-form suffixes used there, and the national TLD (beside .com/.io). */
export const COUNTRIES: readonly { name: string; suffixes: readonly string[]; tld: string }[] = [
  { name: 'United States', suffixes: ['', ' Inc', ' LLC', ' Corp'], tld: 'com' },
  { name: 'United States', suffixes: ['', ' Inc', ' LLC'], tld: 'com' },
  { name: 'United States', suffixes: ['', ' Inc'], tld: 'io' },
  { name: 'United Kingdom', suffixes: ['', ' Ltd', ' plc'], tld: 'co.uk' },
  { name: 'Germany', suffixes: [' GmbH', ' AG', ''], tld: 'de' },
  { name: 'France', suffixes: [' SAS', ' SA', ''], tld: 'fr' },
  { name: 'Canada', suffixes: ['', ' Inc', ' Ltd'], tld: 'ca' },
  { name: 'Australia', suffixes: [' Pty Ltd', ''], tld: 'com.au' },
  { name: 'Netherlands', suffixes: [' BV', ''], tld: 'nl' },
  { name: 'Japan', suffixes: [' KK', ''], tld: 'jp' },
]
