import { defineQuery } from '@temporalio/workflow'

/** Where a sync run is, in the order the workflow goes through it. */
export type SyncPhase =
  | 'starting'
  | 'extracting'
  | 'reconciling'
  | 'scoring'
  | 'writing back'
  | 'previewing'
  | 'finishing'
  | 'succeeded'
  | 'failed'
  | 'cancelled'

export type StepState = 'pending' | 'running' | 'done' | 'failed'

export interface StepProgress {
  step: string
  state: StepState
  /** Rate-limit and pacing waits of a finished extract, across its attempts. */
  rateLimitWaits?: number
}

/**
 * What the workflow knows of its run: its phase and each planned step's state. Counts of
 * records live in the run's step rows (committed per page), not here: payloads carry no records.
 */
export interface SyncProgress {
  runId: string
  trigger: string
  phase: SyncPhase
  steps: StepProgress[]
}

export const progressQuery = defineQuery<SyncProgress>('progress')

/** The progress state one workflow keeps and answers `progressQuery` with. */
export class RunProgress {
  private phase: SyncPhase = 'starting'
  private readonly steps: StepProgress[] = []

  constructor(
    private readonly runId: string,
    private readonly trigger: string,
  ) {}

  snapshot(): SyncProgress {
    return {
      runId: this.runId,
      trigger: this.trigger,
      phase: this.phase,
      steps: this.steps.map((s) => ({ ...s })),
    }
  }

  enter(phase: SyncPhase): void {
    this.phase = phase
  }

  /** The steps the run will go through, all pending, once the plan is known. */
  plan(steps: string[]): void {
    for (const step of steps) this.steps.push({ step, state: 'pending' })
  }

  /** Runs one step's activity, marking it running, then done or failed. */
  async track<T>(
    step: string,
    work: () => Promise<T>,
    done?: (result: T) => Partial<StepProgress>,
  ): Promise<T> {
    const entry = this.steps.find((s) => s.step === step) ?? this.add(step)
    entry.state = 'running'
    try {
      const result = await work()
      Object.assign(entry, done?.(result), { state: 'done' })
      return result
    } catch (error) {
      entry.state = 'failed'
      throw error
    }
  }

  private add(step: string): StepProgress {
    const entry: StepProgress = { step, state: 'pending' }
    this.steps.push(entry)
    return entry
  }
}
