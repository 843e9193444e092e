import { StartRateMeter } from './start-rate.meter';

describe('StartRateMeter', () => {
  it('counts the running window until a whole one has passed', () => {
    const meter = new StartRateMeter(100);
    meter.add(1_000, 5);
    meter.add(1_050, 7);
    expect(meter.perWindow(1_060)).toBe(12);
  });

  it('reports the last whole window, or the running one when higher', () => {
    const meter = new StartRateMeter(100);
    meter.add(1_000, 40);
    meter.add(1_120, 3);
    expect(meter.perWindow(1_130)).toBe(40);
    meter.add(1_150, 50);
    expect(meter.perWindow(1_160)).toBe(53);
  });

  it('drops to zero once two windows passed without a start', () => {
    const meter = new StartRateMeter(100);
    meter.add(1_000, 40);
    expect(meter.perWindow(1_150)).toBe(40);
    expect(meter.perWindow(1_400)).toBe(0);
  });

  it('forgets a window that ended long before the next start', () => {
    const meter = new StartRateMeter(100);
    meter.add(1_000, 40);
    meter.add(1_500, 2);
    expect(meter.perWindow(1_510)).toBe(2);
  });
});
