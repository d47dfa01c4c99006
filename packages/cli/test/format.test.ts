import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { formatTable } from '../src/output/format.js';

describe('tables', () => {
  it('keep their columns aligned when cells hold wide characters (CJK, emoji)', () => {
    const columns = [
      { path: 'name', label: 'NAME' },
      { path: 'country', label: 'COUNTRY' },
      { path: 'status', label: 'STATUS' },
    ];
    const lines = formatTable(
      [
        { name: '田中 花子', country: 'JP', status: 'HIRED' },
        { name: 'Ana 🌟', country: 'ES', status: 'UNREVIEWED' },
        { name: 'Bo', country: 'SE', status: 'MAYBE' },
      ],
      columns,
    );
    // Every STATUS cell starts at the same terminal column as its heading.
    const statusColumn = (line: string) => stringWidth(line.slice(0, line.search(/(STATUS|HIRED|UNREVIEWED|MAYBE)$/)));
    const starts = lines.map(statusColumn);
    expect(new Set(starts).size).toBe(1);
    expect(lines).toHaveLength(4);
  });
});
