import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadTemplates } from '../templates/load-templates';
import { parseMarkup } from '../markup/parse-markup';
import { renderDocument } from './render-document';
import { Word, wordsOf } from '../testing/pdf-words';

/*
 * Table cells are separate text nodes: the no-break joins of running text (a number with its
 * unit) and whole column headers are checked in the produced PDFs of every sample (issue 17 F1, F7).
 */
const registry = loadTemplates(resolve(__dirname, '../../../../templates'));
const workDir = mkdtempSync(join(tmpdir(), 'docs-cells-'));

async function render(id: string, edit?: (data: Record<string, unknown>) => void): Promise<Word[]> {
  const template = registry.get(id)!;
  const data = structuredClone(template.manifest.sample) as Record<string, unknown>;
  edit?.(data);
  const pdf = await renderDocument({
    template,
    data,
    issuedAt: new Date('2026-11-23T09:00:00+08:00'),
    verifyCode: 'K7Q2-9MXD',
    verifyUrl: 'https://jiuzhu.example.gov.cn/v/K7Q2-9MXD',
  });
  const file = join(workDir, `${id}-${Math.random().toString(36).slice(2, 8)}.pdf`);
  writeFileSync(file, pdf);
  return wordsOf(file);
}

const UNIT_FIRST = /^[元岁人号天日月年%％]/;

/**
 * Line breaks that put a unit (or a range's second number) at the head of a line after a number: the word starting the line
 * below another whose line (the words that follow it closely on its row) ends in a digit, at
 * the same left edge (a cell's or the type area's).
 */
function unitsSplit(words: Word[]): string[] {
  const found: string[] = [];
  for (const b of words) {
    if (!UNIT_FIRST.test(b.text) && !/^\d/.test(b.text)) continue;
    const row = (w: Word) => w.page === b.page && b.yMin - w.yMin > 10 && b.yMin - w.yMin < 32;
    let a = words.find((w) => row(w) && Math.abs(w.xMin - b.xMin) < 1.5);
    for (let next = a; next;) {
      a = next;
      next = words.find(
        (w) =>
          w.page === a!.page && Math.abs(w.yMin - a!.yMin) < 1 && w.xMin > a!.xMax && w.xMin - a!.xMax < 8,
      );
    }
    // "16⏎岁", "16周⏎岁" and "41–⏎50岁" are all a number torn from its unit.
    const torn = UNIT_FIRST.test(b.text) ? /\d周?$/ : /\d[–—~～-]$/;
    if (a && torn.test(a.text)) found.push(`${a.text}⏎${b.text}`);
  }
  return found;
}

describe('table cells (issue 17 F1, F7)', () => {
  const ids = [...registry.keys()].sort();
  let rendered: Map<string, Word[]>;
  beforeAll(async () => {
    rendered = new Map();
    for (const id of ids) rendered.set(id, await render(id));
  }, 300_000);

  it('never starts a line of any sample with a unit after a line ending in a number', () => {
    const split = ids.flatMap((id) => unitsSplit(rendered.get(id)!).map((s) => `${id}: ${s}`));
    expect(split).toEqual([]);
  });

  it('keeps a number with its unit in a narrow cell: 周岁, a range of ages, an amount', async () => {
    // The break falls one character further on in each row, across every join.
    const words = await render('first-instance-opinion', (data) => {
      const assessment = data.assessment as { lines: { label: string; amount: string; result: string }[] };
      assessment.lines = Array.from({ length: 8 }, (_, k) => {
        const text = `${'家'.repeat(k)}未满16周岁，41–50岁，保障标准650.00元，扣减0元`;
        return { label: text, amount: '300.00', result: text };
      });
    });
    expect(unitsSplit(words)).toEqual([]);
    expect(words.some((w) => /16周岁/.test(w.text))).toBe(true);
  });

  it('sets every column header of every sample on one line when the table is wide enough', () => {
    const split: string[] = [];
    for (const id of ids) {
      const template = registry.get(id)!;
      const blocks = parseMarkup(template.renderMarkup(template.manifest.sample as Record<string, unknown>));
      const texts = new Set(rendered.get(id)!.map((w) => w.text));
      for (const b of blocks)
        if (b.kind === 'table' && b.header && b.rows[0].length > 2)
          for (const h of b.rows[0].map((c) => c.replace(/\*\*/g, '').trim()))
            if (h && !h.includes(' ') && !texts.has(h)) split.push(`${id}: ${h}`);
    }
    expect(split).toEqual([]);
  });
});

describe('tables across a page break (issue 17 F2)', () => {
  it('keeps a lead-in ending in “：” on the page of the table’s first row', async () => {
    const words = await render('verification-request-letter');
    const leadIn = words.find((w) => w.text === '需核对的家庭成员如下：')!;
    // The applicant's row in the table, the first name after the lead-in.
    const firstRow = words.find(
      (w) =>
        w.text === '张秀兰' && (w.page > leadIn.page || (w.page === leadIn.page && w.yMin > leadIn.yMin)),
    )!;
    expect(firstRow.page).toBe(leadIn.page);
  });

  it('starts a long table under its heading and runs it on, its header repeated, instead of moving it whole', async () => {
    const words = await render('first-instance-opinion', (data) => {
      const form = data.form as { findings: string };
      form.findings = `${form.findings}${form.findings}`;
      const assessment = data.assessment as { lines: { label: string; amount: string; result: string }[] };
      assessment.lines = Array.from({ length: 16 }, (_, k) => ({
        label: `成员${k} 务农及打零工收入（入户调查核实）`,
        amount: '1,200.00',
        result: '',
      }));
    });
    const heading = words.find((w) => w.text === '二、家庭经济状况计算明细')!;
    expect(heading.page).toBe(1);
    expect(words.find((w) => w.text.startsWith('成员0'))!.page).toBe(1);
    const headers = words.filter((w) => w.text === '金额（元）').map((w) => w.page);
    expect(headers).toEqual(Array.from({ length: headers.length }, (_, k) => k + 1));
    expect(headers.length).toBeGreaterThan(1);
  });
});

describe('a table’s last row (issue 17 F2)', () => {
  it('never goes over alone under the repeated header: the 初审意见 sample keeps its last two rows together', async () => {
    const words = await render('first-instance-opinion');
    const pageOf = (text: string) => words.find((w) => w.text === text)!.page;
    expect(pageOf('一票否决条款')).toBe(pageOf('月人均收入是否低于保障标准'));
  });
});
