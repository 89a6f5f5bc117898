/** The one table renderer: columns padded by display width, labels left, figures right unless told. */
import { describe, expect, it } from 'vitest';
import { displayWidth, renderTable, yuan } from '../../src/report/table.ts';

describe('renderTable', () => {
  it('puts the title, the header and a rule above the rows; labels left, figures right', () => {
    // Act
    const table = renderTable(
      ['', 'count'],
      [
        ['settled', '1,402'],
        ['rejected', '98'],
      ],
      { title: 'Claims' },
    );
    // Assess
    expect(table.split('\n')).toEqual(['Claims', '          count', '────────  ─────', 'settled   1,402', 'rejected     98']);
  });

  it('lines up Chinese labels by the columns they take on a terminal', () => {
    const lines = renderTable(
      ['', 'yuan'],
      [
        ['basic tier 统筹基金', '1.00'],
        ['cash', '100.00'],
      ],
    ).split('\n');
    expect(lines.slice(2).map(displayWidth)).toEqual([27, 27]);
    expect(lines[2]!.endsWith('  1.00')).toBe(true);
  });

  it('aligns as told, fills short rows, and leaves no trailing spaces', () => {
    const lines = renderTable(
      ['figure', 'value', 'target'],
      [
        ['engine', '154,067', 'ratio ≥ 0.5'],
        ['  latency', '152.9 ms'],
      ],
      { align: ['left', 'left', 'left'] },
    ).split('\n');
    expect(lines).toEqual([
      'figure     value     target',
      '─────────  ────────  ───────────',
      'engine     154,067   ratio ≥ 0.5',
      '  latency  152.9 ms',
    ]);
  });
});

describe('displayWidth', () => {
  it('counts CJK and fullwidth characters as two columns, symbols such as ≥ — × ─ as one', () => {
    expect(displayWidth('惠民保')).toBe(6);
    expect(displayWidth('（试算）')).toBe(8);
    expect(displayWidth('≥—×─')).toBe(4);
    expect(displayWidth('abc')).toBe(3);
  });
});

describe('yuan', () => {
  it('prints fen as yuan with thousands separators and two decimals', () => {
    expect([yuan(1234567), yuan(5), yuan(-150), yuan(0)]).toEqual(['12,345.67', '0.05', '-1.50', '0.00']);
  });
});
