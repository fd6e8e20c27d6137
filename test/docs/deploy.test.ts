import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const DEPLOY = readFileSync(new URL('../../docs/deploy.md', import.meta.url), 'utf8');

/** The rows of the markdown table under a heading: `| item | arithmetic | $ amount |`, and its total row. */
function costTable(heading: string): { items: number[]; total: number | undefined } {
  const start = DEPLOY.indexOf(heading);
  if (start < 0) return { items: [], total: undefined };
  const section = DEPLOY.slice(start).split('\n### ')[0] ?? '';
  const rows = section.split('\n').filter((line) => line.startsWith('| ') && /\$\s?[\d.,]+\s*\|$/.test(line.trim()));
  const amount = (line: string) => Number(/\$\s?([\d.,]+)\s*\|$/.exec(line.trim())?.[1]?.replace(/,/g, ''));
  const totalRow = rows.find((line) => /\*\*total\*\*/i.test(line));
  return { items: rows.filter((line) => line !== totalRow).map(amount), total: totalRow === undefined ? undefined : amount(totalRow) };
}

describe('docs/deploy.md: the monthly cost of a deployment, with the arithmetic', () => {
  it.each(['### Idle', '### Busy'])('%s: a table of items whose amounts add up to its total', (heading) => {
    const { items, total } = costTable(heading);
    expect(items.length).toBeGreaterThan(3);
    expect(total).toBeDefined();
    const sum = items.reduce((a, b) => a + b, 0);
    expect(Math.abs(sum - (total ?? 0))).toBeLessThan(0.02);
  });
});
