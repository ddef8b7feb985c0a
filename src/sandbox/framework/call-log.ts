export interface Call {
  method: string
  path: string
  status: number
  at: number
}

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/** Every request a sandbox server answered, for assertions such as "no write call". */
export class CallLog {
  readonly calls: Call[] = []

  /**
   * `isWrite` tells state-changing calls apart; systems narrow the default (any method but
   * GET/HEAD/OPTIONS) to leave out e.g. their OAuth token endpoint.
   */
  constructor(
    private readonly isWrite: (call: Call) => boolean = (c) => !READ_METHODS.has(c.method),
  ) {}

  record(call: Call): void {
    this.calls.push(call)
  }

  count(filter: (call: Call) => boolean = () => true): number {
    return this.calls.filter(filter).length
  }

  writes(): Call[] {
    return this.calls.filter(this.isWrite)
  }

  reads(): Call[] {
    return this.calls.filter((c) => READ_METHODS.has(c.method))
  }

  statuses(): number[] {
    return this.calls.map((c) => c.status)
  }

  reset(): void {
    this.calls.length = 0
  }
}
