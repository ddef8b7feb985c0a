import { SECRET_KEYS, Secret } from './secret.js'

const REFERENCE = /\$\{([A-Z_][A-Z0-9_]*)(?::-([^}]*))?\}/g
const WHOLE_REFERENCE = /^\$\{([A-Z_][A-Z0-9_]*)\}$/

export interface ConfigProblem {
  path: (string | number)[]
  message: string
}

/**
 * Walks the raw YAML once, before schema validation:
 * - credential keys (SECRET_KEYS) must be a bare `${VAR}` and become redacting `Secret`s, so a
 *   secret value can never be committed in the file nor printed from the parsed config;
 * - other strings expand `${VAR}` / `${VAR:-default}`, so one file can point at the sandbox in
 *   CI and at the real instance in production.
 * Every problem is collected with its key path so `cs360 check` reports them all at once.
 */
export function resolveEnvironment(
  value: unknown,
  env: NodeJS.ProcessEnv,
  path: (string | number)[] = [],
  problems: ConfigProblem[] = [],
): { value: unknown; problems: ConfigProblem[] } {
  const key = path[path.length - 1]
  if (typeof key === 'string' && SECRET_KEYS.has(key) && value !== undefined && value !== null) {
    return { value: resolveSecret(value, env, path, problems), problems }
  }
  if (typeof value === 'string') {
    return { value: expand(value, env, path, problems), problems }
  }
  if (Array.isArray(value)) {
    return {
      value: value.map((item, i) => resolveEnvironment(item, env, [...path, i], problems).value),
      problems,
    }
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [childKey, child] of Object.entries(value)) {
      out[childKey] = resolveEnvironment(child, env, [...path, childKey], problems).value
    }
    return { value: out, problems }
  }
  return { value, problems }
}

function resolveSecret(
  value: unknown,
  env: NodeJS.ProcessEnv,
  path: (string | number)[],
  problems: ConfigProblem[],
): Secret | undefined {
  const match = typeof value === 'string' ? WHOLE_REFERENCE.exec(value.trim()) : null
  if (!match) {
    problems.push({
      path,
      message: `a credential must be an environment reference such as \${${suggestedName(path)}}, never the value itself; move the value into that environment variable`,
    })
    return undefined
  }
  const name = match[1]!
  const resolved = env[name]
  if (resolved === undefined || resolved === '') {
    problems.push({
      path,
      message: `environment variable ${name} is not set; export ${name}=<value> before running cs360`,
    })
    return undefined
  }
  return new Secret(name, resolved)
}

function expand(
  text: string,
  env: NodeJS.ProcessEnv,
  path: (string | number)[],
  problems: ConfigProblem[],
): string {
  return text.replace(REFERENCE, (_whole, name: string, fallback?: string) => {
    const found = env[name]
    if (found !== undefined && found !== '') return found
    if (fallback !== undefined) return fallback
    problems.push({
      path,
      message: `environment variable ${name} is not set; export it or give a default as \${${name}:-value}`,
    })
    return ''
  })
}

function suggestedName(path: (string | number)[]): string {
  return path
    .filter(
      (part): part is string =>
        typeof part === 'string' && part !== 'connectors' && part !== 'auth',
    )
    .map((part) => part.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase())
    .join('_')
}
