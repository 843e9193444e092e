import { freshRoundRoom } from './fresh-round.room';

describe('freshRoundRoom', () => {
  it('grants what the round wants when there is room', () => {
    expect(freshRoundRoom(500, 800, 64, 100)).toBe(500);
  });

  it('grants the room there is, when it is at least a slot-round', () => {
    expect(freshRoundRoom(500, 64, 64, 100)).toBe(64);
  });

  it('grants a small round nothing while deliveries wait for a slot', () => {
    expect(freshRoundRoom(500, 63, 64, 1)).toBe(0);
  });

  it('grants a small round while nothing waits, so the slots do not idle', () => {
    expect(freshRoundRoom(500, 10, 64, 0)).toBe(10);
  });

  it('grants a round that wants less than a slot-round all it wants', () => {
    expect(freshRoundRoom(20, 30, 64, 5)).toBe(20);
  });

  it('grants nothing without room', () => {
    expect(freshRoundRoom(500, 0, 64, 0)).toBe(0);
    expect(freshRoundRoom(500, -3, 64, 0)).toBe(0);
  });
});
