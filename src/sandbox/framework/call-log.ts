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
  /** Requests received and not yet answered (held by latency, say), oldest first. */
  readonly inFlight: Omit<Call, 'status'>[] = []

  /**
   * `isWrite` tells state-changing calls apart; systems narrow the default (any method but
   * GET/HEAD/OPTIONS) to leave out e.g. their OAuth token endpoint.
   */
  constructor(
    private readonly isWrite: (call: Call) => boolean = (c) => !READ_METHODS.has(c.method),
  ) {}

  /**
   * A request arrived; the returned function records its answer. Between the two it is in
   * flight: a fault test can kill its client while the server still saves what it sent.
   */
  begin(method: string, path: string): (status: number) => void {
    const pending = { method, path, at: Date.now() }
    this.inFlight.push(pending)
    return (status) => {
      this.inFlight.splice(this.inFlight.indexOf(pending), 1)
      this.record({ method, path, status, at: Date.now() })
    }
  }

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
    this.inFlight.length = 0
  }
}
