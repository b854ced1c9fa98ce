import { describe, expect, it } from 'vitest';
import { csvCell, csvRow } from './csv.ts';
import { decodeCursor, encodeCursor } from './listing-query.ts';

describe('csv', () => {
  it('neutralizes formula cells and quotes separators', () => {
    expect(csvCell('=1+1')).toBe(`"'=1+1"`);
    expect(csvCell('+SUM(A1)')).toBe(`"'+SUM(A1)"`);
    expect(csvCell('-2')).toBe(`"'-2"`);
    expect(csvCell('@cmd')).toBe(`"'@cmd"`);
    expect(csvCell('a "b", c')).toBe('"a ""b"", c"');
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(null)).toBe('');
    expect(csvRow(['x', 1, undefined])).toBe('x,1,\r\n');
  });
});

describe('cursor', () => {
  it('round-trips and refuses forged or foreign cursors', () => {
    const cursor = { sort: 'pay' as const, value: '81000.5', id: '00000000-0000-4000-8000-000000000001' };
    expect(decodeCursor(encodeCursor(cursor), 'pay')).toEqual(cursor);
    expect(() => decodeCursor(encodeCursor(cursor), 'posted')).toThrow(/another sort/);
    expect(() => decodeCursor(encodeCursor({ ...cursor, value: "1; drop table listing" }), 'pay')).toThrow(/not one this API issued/);
    expect(() => decodeCursor('not json', 'pay')).toThrow(/not one this API issued/);
  });
});
