import { describe, expect, it } from 'vitest';
import { formatTable } from './table.ts';

describe('formatTable', () => {
  it('aligns text left and numbers right', () => {
    const out = formatTable(['role', 'count'], [['coder_inpatient', 12], ['him_clerk', 3]]);
    expect(out.split('\n')).toEqual([
      'role             count',
      '---------------  -----',
      'coder_inpatient     12',
      'him_clerk            3',
    ]);
  });

  it('prints unknown values as a dash', () => {
    expect(formatTable(['a'], [[null]]).split('\n')[2]).toBe('-');
  });
});
