/**
 * How much room a fan-out round may reserve: up to `wanted`, within `room`.
 * A round costs the same statements for 10 deliveries as for 500, so one
 * smaller than a slot-round (`concurrency`) waits for more room while
 * deliveries still wait for a slot; with none waiting, the slots would idle
 * meanwhile, so it goes ahead.
 */
export function freshRoundRoom(
  wanted: number,
  room: number,
  concurrency: number,
  waiting: number,
): number {
  const granted = Math.min(wanted, room);
  if (granted <= 0) return 0;
  const small = granted < Math.min(wanted, concurrency);
  return small && waiting > 0 ? 0 : granted;
}
