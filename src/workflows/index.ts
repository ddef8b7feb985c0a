// The worker's workflow bundle entry point: every workflow cs360 registers.
export { syncAllWorkflow } from './sync-all.js'
