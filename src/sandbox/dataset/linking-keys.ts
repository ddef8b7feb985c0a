import type { ModelAccount } from './company-model.js'
import type { ExpectedLink, IdentityTrap } from './ground-truth-schema.js'
import { GIVEN_NAMES, FAMILY_NAMES } from './words.js'
import { Random } from './random.js'

/**
 * The deliberate identity traps of a generated company, each a case identity resolution must
 * get right without merging two customers:
 * - `no-shared-id`: no record outside the CRM carries the CRM id, and every system spells the
 *   domain its own way (`HTTPS://WWW.ACME.COM/`, `Acme.com`): they link by domain;
 * - `parent-domain`: a subsidiary whose CRM Website is its parent's domain — the parent's
 *   domain now names two CRM accounts, so records keyed by it alone are conflicts;
 * - `free-mail-billing`: a Stripe customer with neither CRM id nor domain, billed to a
 *   free-mail address under a person's name: nothing links it (unmatched, never a guess);
 * - `near-miss-domain`: a Zendesk organization with a look-alike domain (`acme.co` for
 *   `acme.com`) and its own name: unmatched, never fuzzily merged.
 * The trap names and expected outcomes are typed by the ground-truth schema.
 */

export interface LinkingKeys {
  /** The CRM's Website field, spelled as the account team typed it. */
  website: string
  zendesk: { crmId: boolean; domains: string[]; name: string | null }
  stripe: { crmId: boolean; domain: string | null; email: string | null; name: string | null }
  /** The Amplitude group value the product sends for the account. */
  amplitudeGroup: string
  trap: IdentityTrap | null
  expected: { zendesk: ExpectedLink; stripe: ExpectedLink; amplitude: ExpectedLink }
}

/** Organizations whose admin never filled in the CRM id; Stripe customers created by hand. */
const ZENDESK_WITHOUT_CRM_ID = 0.1
const STRIPE_WITHOUT_CRM_ID = 0.08
/** One trap of each kind per this many accounts (at least one each from 40 accounts on). */
const ACCOUNTS_PER_TRAP = 120

const FREE_MAIL = ['gmail.com', 'outlook.com', 'yahoo.com', 'icloud.com']

/**
 * Decides, for every account, how each system names it: whether the record carries the CRM id,
 * how the domain is spelled, and which accounts carry a trap. Deterministic per seed, from a
 * stream of its own so the systems' own draws are unaffected.
 */
export function planLinkingKeys(seed: number, accounts: readonly ModelAccount[]): LinkingKeys[] {
  const random = Random.forPart(seed, 'linking-keys')
  const keys = accounts.map((a) => plainKeys(random, a))
  const live = accounts.filter((a) => !a.plan.churned).map((a) => a.index)
  const perKind =
    accounts.length < 40 ? 0 : Math.max(1, Math.round(accounts.length / ACCOUNTS_PER_TRAP))
  const pool = random.shuffle(live)
  const take = () => pool.pop()
  const domains = new Set(accounts.map((a) => a.identity.domain))
  for (let i = 0; i < perKind; i++) {
    const quiet = take()
    if (quiet !== undefined) noSharedId(random, accounts[quiet]!, keys[quiet]!)
    const sub = take()
    const parent = take()
    if (sub !== undefined && parent !== undefined)
      parentDomain(accounts[sub]!, keys[sub]!, accounts[parent]!, keys[parent]!)
    const billed = take()
    if (billed !== undefined) freeMailBilling(random, keys[billed]!)
    const nearMiss = take()
    if (nearMiss !== undefined) nearMissDomain(accounts[nearMiss]!, keys[nearMiss]!, domains)
  }
  return keys
}

function plainKeys(random: Random, a: ModelAccount): LinkingKeys {
  const domain = a.identity.domain
  return {
    website: random.weighted([
      [`https://www.${domain}`, 6],
      [domain, 2],
      [`http://${domain}/`, 1],
      [`www.${domain.toUpperCase()}`, 1],
    ]),
    zendesk: { crmId: !random.chance(ZENDESK_WITHOUT_CRM_ID), domains: [domain], name: null },
    stripe: {
      crmId: !random.chance(STRIPE_WITHOUT_CRM_ID),
      domain: random.chance(0.2) ? `www.${domain}` : domain,
      email: null,
      name: null,
    },
    amplitudeGroup: domain,
    trap: null,
    expected: { zendesk: 'matched', stripe: 'matched', amplitude: 'matched' },
  }
}

function noSharedId(random: Random, a: ModelAccount, keys: LinkingKeys): void {
  const domain = a.identity.domain
  keys.trap = 'no-shared-id'
  keys.website = `HTTPS://WWW.${domain.toUpperCase()}/`
  keys.zendesk = { ...keys.zendesk, crmId: false, domains: [domain.toUpperCase()] }
  keys.stripe = { ...keys.stripe, crmId: false, domain: `https://${domain}/billing` }
  keys.amplitudeGroup = random.chance(0.5) ? capitalize(domain) : `www.${domain}`
}

/**
 * The subsidiary's CRM Website is its parent's domain. The parent's Zendesk organization and
 * Stripe customer carry the CRM id (matched); the parent's product usage is keyed by the shared
 * domain (conflict). The subsidiary's organization has no CRM id and the shared domain
 * (conflict); its Stripe customer has the CRM id (matched); its usage group is its own domain,
 * which no CRM account has, so it links by the group's name (matched).
 */
function parentDomain(
  sub: ModelAccount,
  subKeys: LinkingKeys,
  parent: ModelAccount,
  parentKeys: LinkingKeys,
): void {
  const shared = parent.identity.domain
  subKeys.trap = 'parent-domain'
  parentKeys.trap = 'parent-domain'
  subKeys.website = `https://www.${shared}/${sub.identity.country.toLowerCase().replace(/\s+/g, '-')}`
  subKeys.zendesk = { ...subKeys.zendesk, crmId: false, domains: [shared] }
  subKeys.stripe = { ...subKeys.stripe, crmId: true }
  subKeys.expected = { zendesk: 'conflict', stripe: 'matched', amplitude: 'matched' }
  parentKeys.zendesk = { ...parentKeys.zendesk, crmId: true }
  parentKeys.stripe = { ...parentKeys.stripe, crmId: true }
  parentKeys.expected = { zendesk: 'matched', stripe: 'matched', amplitude: 'conflict' }
}

function freeMailBilling(random: Random, keys: LinkingKeys): void {
  const person = `${random.pick(GIVEN_NAMES)} ${random.pick(FAMILY_NAMES)}`
  const mailbox = person.toLowerCase().replace(/[^a-z]+/g, '.')
  keys.trap = 'free-mail-billing'
  keys.stripe = {
    crmId: false,
    domain: null,
    email: `${mailbox}@${random.pick(FREE_MAIL)}`,
    name: person,
  }
  keys.expected = { ...keys.expected, stripe: 'unmatched' }
}

function nearMissDomain(a: ModelAccount, keys: LinkingKeys, taken: ReadonlySet<string>): void {
  const [stem, ...rest] = a.identity.domain.split('.')
  const tld = rest.join('.')
  // A look-alike no other customer owns: another TLD, else a doubled letter.
  const lookAlike = [
    `${stem}.${tld === 'co' ? 'com' : 'co'}`,
    `${stem}${stem!.slice(-1)}.${tld}`,
  ].find((d) => !taken.has(d))
  if (!lookAlike) return
  keys.trap = 'near-miss-domain'
  keys.zendesk = {
    crmId: false,
    domains: [lookAlike],
    name: `${a.identity.name.split(' ')[0]} Support Desk`,
  }
  keys.expected = { ...keys.expected, zendesk: 'unmatched' }
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)
