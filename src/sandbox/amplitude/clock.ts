/**
 * The project's clock: what ingestion stamps as `server_upload_time` and what decides which
 * hours the Export API has loaded. Real time unless a test pins it; pinned, it moves only when
 * told, so an upload lands in a known hour and "two hours later" is one call.
 */
export class SandboxClock {
  private pinned: number | null

  constructor(pinnedMs: number | null = null) {
    this.pinned = pinnedMs
  }

  readonly now = (): number => this.pinned ?? Date.now()

  /** Pins the clock at `ms`; null lets it run with real time again. */
  set(ms: number | null): void {
    this.pinned = ms
  }

  /** Moves a pinned clock forward (a running clock moves by itself). */
  advance(ms: number): void {
    if (this.pinned !== null) this.pinned += ms
  }
}
