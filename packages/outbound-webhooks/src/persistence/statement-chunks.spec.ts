import { statementChunks } from './statement-chunks';

const length = (s: string) => s.length;

describe('statementChunks', () => {
  it('cuts at the row limit', () => {
    expect(statementChunks(['a', 'b', 'c', 'd', 'e'], 2, 100, length)).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['e'],
    ]);
  });

  it('cuts before the item that would take a run past the text limit', () => {
    expect(
      statementChunks(['aaa', 'bb', 'c', 'dddd', 'e'], 10, 5, length),
    ).toEqual([['aaa', 'bb'], ['c', 'dddd'], ['e']]);
  });

  it('gives an item larger than the text limit a run to itself', () => {
    expect(statementChunks(['a', 'xxxxxxx', 'b'], 10, 3, length)).toEqual([
      ['a'],
      ['xxxxxxx'],
      ['b'],
    ]);
  });

  it('keeps the order and every item; nothing for nothing', () => {
    const items = Array.from({ length: 50 }, (_, i) => 'x'.repeat(i % 7));
    expect(statementChunks(items, 4, 9, length).flat()).toEqual(items);
    expect(statementChunks([], 4, 9, length)).toEqual([]);
  });
});
