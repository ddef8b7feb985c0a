import { createHash } from 'node:crypto'

/**
 * "If a device_id isn't sent with the event, then it's set to a hashed version of the user_id"
 * (HTTP V2 docs). The hash Amplitude uses is not documented; this one is stable per user.
 */
export function hashedDeviceId(userId: string): string {
  return createHash('sha256').update(userId).digest('hex').slice(0, 32)
}
