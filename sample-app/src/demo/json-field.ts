/** `value[name]` when `value` is an object, else `undefined`. */
export function jsonField(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)[name]
    : undefined;
}
