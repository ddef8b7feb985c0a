import { readFile } from 'node:fs/promises'
import { parseDocument } from 'yaml'
import type { z } from 'zod'
import { configError } from '../errors.js'
import { resolveEnvironment, type ConfigProblem } from './interpolate.js'
import { configSchema, type Cs360Config } from './schema.js'

export const DEFAULT_CONFIG_FILE = 'cs360.config.yaml'

export type ConfigResult =
  { ok: true; config: Cs360Config } | { ok: false; problems: ConfigProblem[] }

/** Parses YAML text against the environment; reports every problem with its key path. */
export function parseConfig(text: string, env: NodeJS.ProcessEnv): ConfigResult {
  const document = parseDocument(text, { prettyErrors: true })
  if (document.errors.length > 0) {
    return {
      ok: false,
      problems: document.errors.map((e) => ({ path: [], message: `YAML: ${e.message}` })),
    }
  }
  const { value, problems } = resolveEnvironment(document.toJS(), env)
  const parsed = configSchema.safeParse(value)
  const schemaProblems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => toProblem(issue, value))
  const all = dedupe([...problems, ...schemaProblems])
  if (all.length > 0 || !parsed.success) return { ok: false, problems: all }
  return { ok: true, config: parsed.data }
}

export async function readConfigFile(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw configError(`config file ${path} not found; run \`cs360 init\` to write an example`)
    }
    throw error
  }
}

/** Loads and validates, throwing a ConfigError that lists every problem. */
export async function loadConfig(path: string, env = process.env): Promise<Cs360Config> {
  const result = parseConfig(await readConfigFile(path), env)
  if (!result.ok) {
    throw configError(`${path} is invalid:\n${result.problems.map(formatProblem).join('\n')}`)
  }
  return result.config
}

export function formatProblem(problem: ConfigProblem): string {
  return `  ${problem.path.length > 0 ? problem.path.join('.') : '(file)'}: ${problem.message}`
}

/** `input` is the resolved config the issue is about: what sits at its path tells missing from mistyped. */
export function toProblem(issue: z.core.$ZodIssue, input: unknown): ConfigProblem {
  const path = issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part))
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.length === 1
      ? { path: [...path, issue.keys[0]!], message: 'unknown key: remove it or fix the spelling' }
      : { path, message: `unknown keys ${issue.keys.join(', ')}: remove them or fix the spelling` }
  }
  if (issue.code === 'invalid_type') {
    // zod leaves issue.input unset unless asked to report input (which could copy a secret into
    // the issue), so look the value up: a key present with the wrong type is not "required".
    const found = valueAt(input, path)
    if (found === undefined) return { path, message: `is required (${issue.message})` }
    const got = typeOf(found)
    const hint =
      issue.expected === 'string' && (got === 'number' || got === 'boolean')
        ? `: quote it in the YAML, '${String(found)}'`
        : ''
    return { path, message: `expected ${withArticle(issue.expected)}, got ${got}${hint}` }
  }
  return { path, message: issue.message }
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current = input
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined
    current = (current as Record<PropertyKey, unknown>)[key]
  }
  return current
}

function typeOf(value: unknown): string {
  if (value === null) return 'null (an empty value)'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'a mapping'
  return typeof value
}

function withArticle(expected: string): string {
  if (expected === 'array') return 'a list'
  if (expected === 'object') return 'a mapping'
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`
}

/** A missing secret is reported by the environment pass; drop zod's echo of the same path. */
function dedupe(problems: ConfigProblem[]): ConfigProblem[] {
  const seen = new Set<string>()
  return problems.filter((p) => {
    const key = p.path.join('.')
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
