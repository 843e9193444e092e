import { AttemptDurationMeter } from './attempt-duration.meter';

describe('AttemptDurationMeter', () => {
  it('knows nothing before an attempt ended', () => {
    expect(new AttemptDurationMeter().startsWithin(250, 8)).toBeUndefined();
  });

  it('takes the first attempt as the average', () => {
    const meter = new AttemptDurationMeter();
    meter.add(50);
    // 8 slots, 50 ms each: 40 starts in 250 ms.
    expect(meter.startsWithin(250, 8)).toBe(40);
  });

  it('moves a thirty-second of the way towards each new attempt', () => {
    const meter = new AttemptDurationMeter();
    meter.add(10);
    meter.add(42);
    // 10 + (42 - 10) / 32 = 11 ms: 10 slots start 100 in 110 ms.
    expect(meter.startsWithin(110, 10)).toBeCloseTo(100, 9);
  });

  it('follows a receiver that slows down', () => {
    const meter = new AttemptDurationMeter();
    meter.add(1);
    for (let i = 0; i < 200; i++) meter.add(500);
    expect(meter.startsWithin(250, 10)).toBeLessThan(5.1);
  });

  it('takes attempts to last at least what the caller knows they do', () => {
    const meter = new AttemptDurationMeter();
    meter.add(1);
    expect(meter.startsWithin(250, 8, 500)).toBe(4);
    expect(meter.startsWithin(250, 8, 0.5)).toBe(2_000);
  });

  it('treats a zero-length attempt as a hundredth of a millisecond', () => {
    const meter = new AttemptDurationMeter();
    meter.add(0);
    expect(meter.startsWithin(1, 1)).toBe(100);
  });
});
