export interface Call {
  method: string
  path: string
  status: number
  at: number
}

/** Every request a sandbox server answered, for assertions such as "no write call". */
export class CallLog {
  readonly calls: Call[] = []

  record(call: Call): void {
    this.calls.push(call)
  }

  count(filter: (call: Call) => boolean = () => true): number {
    return this.calls.filter(filter).length
  }

  /** Requests that change state: anything but GET/HEAD, token requests excluded. */
  writes(): Call[] {
    return this.calls.filter(
      (c) => !['GET', 'HEAD'].includes(c.method) && !c.path.includes('/oauth2/'),
    )
  }

  reset(): void {
    this.calls.length = 0
  }
}
