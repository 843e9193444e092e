import {
  LIST_INT_MAX,
  LIST_INT_MIN,
  LIST_TIME_MAX,
  coerceListOperand,
} from './list-filter-operands';
import { WEBHOOK_LIST_FIELDS } from './webhook-fields';

const { maxRetries, createdAt, status, topic } = WEBHOOK_LIST_FIELDS;

describe('coerceListOperand', () => {
  it('keeps whole numbers within the 32-bit signed range', () => {
    expect(coerceListOperand(maxRetries, LIST_INT_MAX)).toBe(LIST_INT_MAX);
    expect(coerceListOperand(maxRetries, LIST_INT_MIN)).toBe(LIST_INT_MIN);
    expect(coerceListOperand(maxRetries, '42')).toBe(42);
  });

  it.each([LIST_INT_MAX + 1, LIST_INT_MIN - 1, 1e300, 1.5, '1.5', 'x', NaN])(
    'refuses %p for an int column',
    (value) => {
      expect(coerceListOperand(maxRetries, value)).toBeUndefined();
    },
  );

  it('keeps whole epoch ms from 0 to 8.64e15 and ISO dates', () => {
    expect(coerceListOperand(createdAt, 0)).toBe(0);
    expect(coerceListOperand(createdAt, LIST_TIME_MAX)).toBe(LIST_TIME_MAX);
    expect(coerceListOperand(createdAt, '2026-01-01T00:00:00Z')).toBe(
      Date.UTC(2026, 0, 1),
    );
  });

  it.each([LIST_TIME_MAX + 1, -1, 1e300, 1.5, '1969-12-31T00:00:00Z', 'soon'])(
    'refuses %p for a time',
    (value) => {
      expect(coerceListOperand(createdAt, value)).toBeUndefined();
    },
  );

  it('upper-cases enum fields and refuses NUL in strings', () => {
    expect(coerceListOperand(status, 'disabled')).toBe('DISABLED');
    expect(coerceListOperand(topic, 'Record')).toBe('Record');
    expect(coerceListOperand(topic, 'a\u0000b')).toBeUndefined();
  });
});
