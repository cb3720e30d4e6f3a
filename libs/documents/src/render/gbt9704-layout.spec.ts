import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadTemplates } from '../templates/load-templates';
import { LoadedTemplate } from '../templates/template-types';
import { renderDocument, RenderInput } from './render-document';
import { BODY_LINE_PT, LINES_PER_PAGE, MARGIN, MIN_LINE_PT, SIZE, mm } from '../layout/gbt9704';
import { GLYPH_TOP_EM } from '../layout/build-doc-definition';
import { MAX_JUSTIFY_GAP_EM } from './pdf-printer';
import { Word, rasterPage, wordsOf } from '../testing/pdf-words';

/*
 * GB/T 9704 positions measured in the produced PDF: text from pdftotext's word boxes, the red
 * rule from the rendered page's pixels.
 */
const registry = loadTemplates(resolve(__dirname, '../../../../templates'));
const workDir = mkdtempSync(join(tmpdir(), 'docs-layout-'));

function inputFor(template: LoadedTemplate, number?: string): RenderInput {
  return {
    template,
    data: structuredClone(template.manifest.sample),
    number,
    issuedAt: new Date('2026-11-23T09:00:00+08:00'),
    verifyCode: 'K7Q2-9MXD',
    verifyUrl: 'https://jiuzhu.example.gov.cn/v/K7Q2-9MXD',
  };
}

async function renderFile(id: string, number?: string, edit?: (input: RenderInput) => void): Promise<string> {
  const input = inputFor(registry.get(id)!, number);
  edit?.(input);
  const file = join(workDir, `${id}-${Math.random().toString(36).slice(2, 8)}.pdf`);
  writeFileSync(file, await renderDocument(input));
  return file;
}

/** The sample household with `extra` more members (a large household signs a long list). */
const withMembers = (extra: number) => (input: RenderInput) => {
  const household = input.data.household as { members: Record<string, unknown>[] };
  const names = [
    '王芳',
    '赵强',
    '孙丽',
    '周杰',
    '吴敏',
    '郑浩',
    '冯雪',
    '陈刚',
    '何平',
    '林静',
    '高远',
    '马兰',
  ];
  const like = household.members[household.members.length - 1];
  for (let i = 0; i < extra; i++) household.members.push({ ...like, name: names[i % names.length] });
};

/** The same template in the default 文件格式. */
const asDocument = (input: RenderInput) => {
  input.template = { ...input.template, manifest: { ...input.template.manifest, format: 'document' } };
};

/** Noto's ascender; the ideographic em box runs from 0.88 em above the baseline to 0.12 em below. */
const ASCENDER_EM = 1.151;
const emTop = (w: Word, size: number) => w.yMin + (ASCENDER_EM - GLYPH_TOP_EM) * size;
const emBottom = (w: Word, size: number) => w.yMin + (ASCENDER_EM + 0.12) * size;

/** The commonest distance between two rows of body text that follow each other. */
function bodyPitch(words: Word[]): number {
  const tops = [
    ...new Set(
      words
        .filter((w) => Math.abs(w.yMax - w.yMin - SIZE.body * 1.437) < 1.5)
        .map((w) => Math.round(w.yMin * 10) / 10),
    ),
  ].sort((a, b) => a - b);
  const counts = new Map<number, number>();
  for (let i = 1; i < tops.length; i++) {
    const gap = Math.round((tops[i] - tops[i - 1]) * 10) / 10;
    counts.set(gap, (counts.get(gap) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
}

const DPI = 300;
/** Rows (in points from the page top) of page 1 where red ink spans most of the type area. */
function redRuleRows(file: string): number[] {
  const base = join(workDir, `raster-${Math.random().toString(36).slice(2, 8)}`);
  execFileSync('pdftoppm', ['-r', String(DPI), '-f', '1', '-l', '1', '-singlefile', file, base]);
  const ppm = readFileSync(`${base}.ppm`);
  const header = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(ppm.subarray(0, 50).toString('latin1'))!;
  const [width, height] = [Number(header[1]), Number(header[2])];
  const data = ppm.subarray(header[0].length);
  const rows: number[] = [];
  for (let y = 0; y < height; y++) {
    let red = 0;
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 3;
      if (data[o] > 150 && data[o + 1] < 110 && data[o + 2] < 110) red++;
    }
    if (red > (mm(150) * DPI) / 72) rows.push((y * 72) / DPI);
  }
  return rows;
}

describe('GB/T 9704 版头 (§7.2.4, §7.2.5, §7.2.7)', () => {
  it('the 发文机关标志 starts 35 mm below the type area, the 文号 two lines under it, the red rule 4 mm under the 文号', async () => {
    // The 文件格式 letterhead, on a decision otherwise set as a 信函.
    const file = await renderFile('non-confirmation-decision', '平民低确〔2026〕1号', asDocument);
    const words = wordsOf(file).filter((w) => w.page === 1);
    const mark = words.find((w) => w.text === '平安县民政局')!;
    const number = words.find((w) => w.text.includes('〔2026〕'))!;
    const markSize = SIZE.issuerMark;
    // 发文机关标志: upper edge 35 mm below the upper edge of the type area.
    expect((emTop(mark, markSize) - MARGIN.top) / mm(1)).toBeCloseTo(35, 0);
    // 发文字号: 下空二行, two blank lines of the body grid between the mark and the 文号.
    const gap = emTop(number, SIZE.body) - emBottom(mark, markSize);
    expect(gap / BODY_LINE_PT).toBeCloseTo(2, 1);
    // Red rule 4 mm below the 文号.
    const rule = redRuleRows(file);
    expect(rule.length).toBeGreaterThan(0);
    const ruleCentre = (rule[0] + rule[rule.length - 1]) / 2;
    expect((ruleCentre - emBottom(number, SIZE.body)) / mm(1)).toBeCloseTo(4, 0);
  });
});

/** Rows of page `page` where red ink spans more than `minWidth` points: y, left and right edges, in points. */
function redSpans(file: string, minWidth: number, page = 1): { y: number; left: number; right: number }[] {
  const { width, height, data } = rasterPage(file, page, DPI, workDir);
  const spans: { y: number; left: number; right: number }[] = [];
  for (let y = 0; y < height; y++) {
    let left = -1;
    let right = -1;
    let red = 0;
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 3;
      if (data[o] > 150 && data[o + 1] < 110 && data[o + 2] < 110) {
        red++;
        if (left < 0) left = x;
        right = x + 1;
      }
    }
    if (red > (minWidth * DPI) / 72)
      spans.push({ y: (y * 72) / DPI, left: (left * 72) / DPI, right: (right * 72) / DPI });
  }
  return spans;
}

/** Contiguous runs of rows (one printed line each): top, bottom, left, right, in points. */
function runsOf(spans: { y: number; left: number; right: number }[]) {
  const step = 72 / DPI;
  const runs: { top: number; bottom: number; left: number; right: number }[] = [];
  for (const s of spans) {
    const last = runs[runs.length - 1];
    if (last && s.y - last.bottom < step * 1.5) {
      last.bottom = s.y;
      last.left = Math.min(last.left, s.left);
      last.right = Math.max(last.right, s.right);
    } else runs.push({ top: s.y, bottom: s.y, left: s.left, right: s.right });
  }
  return runs.map((r) => ({ ...r, bottom: r.bottom + step }));
}

describe('GB/T 9704 信函格式 (§10.1) for notices and decisions served on one household', () => {
  it('sets the 标志 30 mm from the top, red double lines of 170 mm under it and 20 mm above the foot, the 文号 at the right', async () => {
    const file = await renderFile('non-confirmation-decision', '平民低不确〔2026〕1号');
    const words = wordsOf(file).filter((w) => w.page === 1);
    const mark = words.find((w) => w.text === '平安县民政局')!;
    const number = words.find((w) => w.text.includes('〔2026〕'))!;
    // 发文机关标志: upper edge 30 mm from the top of the sheet.
    expect(emTop(mark, SIZE.issuerMark) / mm(1)).toBeCloseTo(30, 0);
    const lines = runsOf(redSpans(file, mm(160)));
    // Two double lines: four printed lines, the upper pair under the mark, the lower pair at the foot.
    expect(lines).toHaveLength(4);
    const [thick1, thin1, thin2, thick2] = lines;
    for (const l of lines) {
      expect((l.right - l.left) / mm(1)).toBeCloseTo(170, 0);
      // Centred on the sheet.
      expect(((l.left + l.right) / 2 - mm(105)) / mm(1)).toBeCloseTo(0, 0);
    }
    // 上粗下细 under the 标志, 4 mm below its lower edge.
    expect(thick1.bottom - thick1.top).toBeGreaterThan(thin1.bottom - thin1.top);
    expect((thick1.top - emBottom(mark, SIZE.issuerMark)) / mm(1)).toBeCloseTo(4, 0);
    // 上细下粗 20 mm above the bottom edge of the sheet.
    expect(thick2.bottom - thick2.top).toBeGreaterThan(thin2.bottom - thin2.top);
    expect((mm(297) - thick2.bottom) / mm(1)).toBeCloseTo(20, 0);
    // 发文字号: on the first line below the double line, at the type area's right edge.
    const numberTop = emTop(number, SIZE.body);
    expect(numberTop).toBeGreaterThan(thin1.bottom);
    expect(numberTop - thin1.bottom).toBeLessThan(BODY_LINE_PT);
    expect(Math.abs(number.xMax - (mm(210) - MARGIN.right))).toBeLessThan(1);
    // 标题 two lines below the 文号, the last element above it.
    const title = words.find((w) => w.text === registry.get('non-confirmation-decision')!.manifest.title)!;
    const titleGap = emTop(title, SIZE.title) - emBottom(number, SIZE.body);
    // Two lines of the body as set: the grid's, or the closer pitch that keeps it on one page.
    expect(titleGap / bodyPitch(words)).toBeCloseTo(2, 1);
    // 首页不显示页码.
    const foot = words.filter((w) => w.yMin > mm(297) - MARGIN.bottom).map((w) => w.text);
    expect(foot).not.toContain('—');
  });

  it.each([
    ['non-confirmation-decision', '平安县民政局'],
    ['acceptance-notice', '平安县城关镇人民政府'],
  ])('centres the 标志 of %s (%s) on the type area, as the title is (§10.2 居中排布)', async (id, organ) => {
    const words = wordsOf(await renderFile(id)).filter((w) => w.page === 1);
    const mark = words.find((w) => w.text === organ && w.yMin < mm(40))!;
    const centre = (MARGIN.left + mm(210) - MARGIN.right) / 2;
    expect(Math.abs((mark.xMin + mark.xMax) / 2 - centre)).toBeLessThan(1);
  });

  it('keeps page numbers on the pages after the first', async () => {
    const file = await renderFile('non-confirmation-decision', '平民低不确〔2026〕1号', (input) => {
      const form = (input.data as { form: { facts: string } }).form;
      form.facts = form.facts.repeat(6);
    });
    const words = wordsOf(file);
    const foot = (page: number) =>
      words
        .filter((w) => w.page === page && w.yMin > mm(297) - MARGIN.bottom)
        .map((w) => w.text)
        .join('');
    expect(words.some((w) => w.page === 2)).toBe(true);
    expect(foot(1)).not.toContain('—1—');
    expect(foot(2)).toContain('—2—');
  });

  // The 低保 decisions (确认、不予确认、增发、减发、停发) and the 核对不符合条件告知书 hold more
  // than one page of text with their samples, in either format; the short notices fit one.
  it('puts the short 低保 notices on one page', async () => {
    const pages: Record<string, number> = {};
    for (const id of ['acceptance-notice', 'non-acceptance-notice', 'supplement-notice']) {
      const t = registry.get(id)!;
      const file = await renderFile(id, `平${t.manifest.numberCode}〔2026〕1号`);
      pages[id] = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
    }
    expect(pages).toEqual(Object.fromEntries(Object.keys(pages).map((id) => [id, 1])));
  });
});

describe('送达回证', () => {
  it('gives every row signed or written by hand at least 15 mm, and stays on one page', async () => {
    const file = await renderFile('service-receipt');
    expect(Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1])).toBe(1);
    const words = wordsOf(file);
    const labels = [
      '送达文书名称及文号',
      '受送达人',
      '送达地点',
      '送达方式',
      '送达日期',
      '送达人（签名）',
      '受送达人签名或盖章',
      '代收人签名',
      '拒收事由和日期',
      '见证人（签名）',
      '备注',
    ];
    const top = (label: string) => words.find((w) => w.text.startsWith(label))!.yMin;
    const rowHeight = (label: string) => top(labels[labels.indexOf(label) + 1]) - top(label);
    for (const label of [
      '送达人（签名）',
      '受送达人签名或盖章',
      '代收人签名',
      '拒收事由和日期',
      '见证人（签名）',
    ]) {
      const height = rowHeight(label) / mm(1);
      expect({ label, tallEnough: height >= 15 && height < 30 }).toEqual({ label, tallEnough: true });
    }
    // The recipient signs above the date, which closes the cell at its right.
    const signedRow = top('受送达人签名或盖章');
    const date = words.find((w) => w.text === '年' && w.yMin > signedRow)!;
    expect(date.yMin - signedRow).toBeGreaterThan(mm(7));
  });
});

describe('核对授权书', () => {
  it('gives each member a row at least 15 mm high to sign in, under a header that keeps “（手印）” whole', async () => {
    const words = wordsOf(await renderFile('verification-authorization', undefined, withMembers(6)));
    const rows = words.filter((w) => /^\d+$/.test(w.text) && w.xMin < MARGIN.left + 20 && w.yMin < mm(250));
    // Consecutive member rows on one page.
    const heights = rows
      .slice(1)
      .filter((r, i) => r.page === rows[i].page)
      .map((r) => (r.yMin - rows[rows.indexOf(r) - 1].yMin) / mm(1));
    expect(heights.length).toBeGreaterThan(3);
    expect(heights.filter((h) => h < 15 || h >= 30)).toEqual([]);
    // The header breaks, if it must, before the bracket: never “（手|印）”.
    expect(words.map((w) => w.text)).not.toContain('印）');
  });
});

describe('核对授权书 member table across pages', () => {
  const pageOf = (words: Word[], text: string) => words.find((w) => w.text.startsWith(text))!.page;
  const headersOn = (words: Word[], page: number) =>
    words.filter((w) => w.page === page && w.text === '序号').length;

  it('starts the table under its heading on page 1 and carries its last row over with the signature, under the header', async () => {
    const words = wordsOf(await renderFile('verification-authorization'));
    // Page 1 holds the heading and the first members, not half a page of white.
    expect(pageOf(words, '授权人签字')).toBe(1);
    expect(pageOf(words, '张秀兰')).toBe(1);
    const signPage = pageOf(words, '申请人（签字）');
    expect(pageOf(words, '李小雨')).toBe(signPage);
    expect(headersOn(words, signPage)).toBe(1);
  });

  it('keeps the last member row with the applicant signature when a long list runs over, repeating the header', async () => {
    const words = wordsOf(await renderFile('verification-authorization', undefined, withMembers(8)));
    const signPage = pageOf(words, '申请人（签字）');
    expect(signPage).toBeGreaterThan(1); // the list runs over
    // The last member signs on the applicant's page, under a header of its own.
    expect(words.some((w) => w.page === signPage && w.text === '11')).toBe(true);
    for (let page = 2; page <= signPage; page++)
      expect({ page, headers: headersOn(words, page) }).toEqual({ page, headers: 1 });
  });
});

describe('agreements and 委托书 signed by the parties', () => {
  it.each([
    ['bank-card-custody-agreement', ['甲方（保障对象）', '乙方（代管人）', '村（居）委见证人']],
    ['entrustment-letter', ['委托人', '受托人']],
  ])('%s gives each party a row at least 15 mm high to sign in, with its date', async (id, parties) => {
    const words = wordsOf(await renderFile(id));
    const texts = words.map((w) => w.text);
    const header = words.find((w) => w.text.startsWith('签字（手印）'));
    expect(header).toBeDefined();
    expect(texts).toContain('日期');
    // The parties' rows under the header (the form above may name them too).
    const rows = parties.map((party) =>
      words.find((w) => w.page === header!.page && w.yMin > header!.yMin && w.text.startsWith(party)),
    );
    expect(rows.every(Boolean)).toBe(true);
    const tops = rows.map((w) => w!.yMin);
    // Each party's row: from its label to the next party's, or, for the last, to the foot of
    // its date, centred in it.
    const dates = tops.map((top) => words.find((w) => w.text === '年' && Math.abs(w.yMin - top) < mm(5)));
    expect(dates.every(Boolean)).toBe(true);
    const heights = tops.slice(1).map((top, i) => (top - tops[i]) / mm(1));
    expect(heights.map((h) => h >= 15 && h < 30)).toEqual(heights.map(() => true));
  });
});

describe('opinions signed by their officials', () => {
  it.each([
    'first-instance-opinion',
    'tekun-first-instance-opinion',
    'low-income-review-opinion',
    'tekun-termination-proposal',
  ])('%s gives 经办人 and 分管负责人 each a row at least 15 mm high, across the type area', async (id) => {
    const words = wordsOf(await renderFile(id));
    const rows = ['经办人（签字）', '分管负责人（签字）'].map((label) =>
      words.find((w) => w.text.startsWith(label)),
    );
    expect(rows.every(Boolean)).toBe(true);
    const [first, second] = rows.map((w) => w!);
    expect(second.page).toBe(first.page);
    expect((second.yMin - first.yMin) / mm(1)).toBeGreaterThanOrEqual(15);
    // The space to sign runs to the right edge of the type area, not two characters after the label.
    const lastOnRow = words.filter((w) => w.page === first.page && Math.abs(w.yMin - first.yMin) < mm(2));
    expect(lastOnRow.map((w) => w.text)).toEqual([first.text]);
  });
});

describe('特困 书面声明 filled in by hand', () => {
  it('gives each item left blank two 15 mm rows to write in, and the declarant a row to sign', async () => {
    const words = wordsOf(
      await renderFile('tekun-declaration', undefined, (input) => {
        const form = (input.data as { form?: Record<string, unknown> }).form ?? {};
        for (const key of ['labourCapacity', 'livelihood', 'property', 'supporters']) delete form[key];
      }),
    );
    const labels = ['劳动能力', '生活来源和收入', '财产状况', '法定义务人情况'].map((label) =>
      words.find((w) => w.text === label)!,
    );
    expect(labels.every(Boolean)).toBe(true);
    const gaps = labels
      .slice(1)
      .filter((w, i) => w.page === labels[i].page)
      .map((w) => (w.yMin - labels[labels.indexOf(w) - 1].yMin) / mm(1));
    expect(gaps.length).toBeGreaterThan(0);
    expect(gaps.filter((g) => g < 28)).toEqual([]);
    expect(words.some((w) => w.text.startsWith('声明人'))).toBe(true);
  });
});

describe('forms', () => {
  /** Lengths, in mm, of the horizontal rules on page 1: dark runs longer than 40 mm. */
  function ruleLengths(file: string): number[] {
    const base = join(workDir, `raster-${Math.random().toString(36).slice(2, 8)}`);
    execFileSync('pdftoppm', ['-r', '150', '-gray', '-f', '1', '-l', '1', '-singlefile', file, base]);
    const pgm = readFileSync(`${base}.pgm`);
    const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 50).toString('latin1'))!;
    const [width, height] = [Number(header[1]), Number(header[2])];
    const data = pgm.subarray(header[0].length);
    const px = 150 / 25.4;
    const lengths: number[] = [];
    for (let y = 0; y < height; y++) {
      let run = 0;
      for (let x = 0; x <= width; x++) {
        if (x < width && data[y * width + x] < 128) run++;
        else {
          if (run > 40 * px) lengths.push(run / px);
          run = 0;
        }
      }
    }
    return lengths;
  }

  it('set every table across the full type area (156 mm), the 生活自理能力评估表 with three columns too', async () => {
    const file = await renderFile('selfcare-assessment');
    const lengths = ruleLengths(file);
    expect(lengths.length).toBeGreaterThan(10);
    expect(lengths.filter((l) => Math.abs(l - 156) > 1).map((l) => Math.round(l))).toEqual([]);
    // No item nor header breaks.
    expect(wordsOf(file).map((w) => w.text)).toEqual(
      expect.arrayContaining(['能否独立完成', '室内自主行走', '被评估人（监护人）签字']),
    );
  });

  it('keep every label of a label/value table on one line', async () => {
    const words = wordsOf(await renderFile('periodic-review-record')).map((w) => w.text);
    expect(words).toEqual(expect.arrayContaining(['户主（申请人）', '共同生活家庭人口', '现月保障金额']));
  });
});

describe('widows, orphans and lone headings (all samples)', () => {
  interface Line {
    page: number;
    top: number;
    left: number;
    right: number;
    text: string;
  }
  const TYPE_LEFT = MARGIN.left;
  const TYPE_RIGHT = mm(210) - MARGIN.right;
  const INDENT = 2 * SIZE.body;
  /** Lines of text on the pages, footer left out, top to bottom; `body` for lines in the body face. */
  function textLines(file: string): (Line & { body: boolean })[] {
    const byLine = new Map<string, Word[]>();
    for (const w of wordsOf(file)) {
      if (w.yMin > mm(297) - MARGIN.bottom) continue;
      const key = `${w.page}:${Math.round(w.yMin)}`;
      byLine.set(key, [...(byLine.get(key) ?? []), w]);
    }
    return [...byLine.values()]
      .map((ws) => ({
        page: ws[0].page,
        top: ws[0].yMin,
        left: Math.min(...ws.map((w) => w.xMin)),
        right: Math.max(...ws.map((w) => w.xMax)),
        body: ws.every((w) => Math.abs(w.yMax - w.yMin - SIZE.body * 1.437) < 1.5),
        text: ws
          .sort((a, b) => a.xMin - b.xMin)
          .map((w) => w.text)
          .join(''),
      }))
      .sort((a, b) => a.page - b.page || a.top - b.top);
  }
  const near = (x: number, to: number) => Math.abs(x - to) < SIZE.body / 2;
  const full = (l: Line) => l.right > TYPE_RIGHT - SIZE.body;
  const indented = (l: Line) => near(l.left, TYPE_LEFT + INDENT);
  const HEADING = /^[一二三四五六七八九十]+、/;

  /** Where a page ends on a paragraph's first line or a heading, or begins with a paragraph's last line. */
  function loneLines(file: string): string[] {
    const lines = textLines(file);
    const found: string[] = [];
    for (let i = 0; i + 1 < lines.length; i++) {
      const [last, first] = [lines[i], lines[i + 1]];
      if (first.page === last.page) continue;
      const before = lines[i - 1];
      const after = lines[i + 2];
      // The paragraph runs on over the page break: its line before the break is full and the
      // line after it is not a new paragraph.
      const runsOn = last.body && first.body && full(last) && near(first.left, TYPE_LEFT);
      if (runsOn && indented(last) && !HEADING.test(last.text))
        found.push(`orphan p${last.page}: ${last.text}`);
      const endsHere =
        !after || after.page !== first.page || !after.body || indented(after) || !near(after.left, TYPE_LEFT);
      if (runsOn && endsHere && !(before && before.page === last.page && indented(last)))
        found.push(`widow p${first.page}: ${first.text}`);
      if (last.body && HEADING.test(last.text) && indented(last) && !full(last))
        found.push(`heading p${last.page}: ${last.text}`);
    }
    return found;
  }

  it('no page of any sample ends on a lone first line or heading, or starts with a lone last line', async () => {
    const found: string[] = [];
    for (const t of registry.values()) {
      const file = await renderFile(
        t.manifest.id,
        t.manifest.numberCode ? `平${t.manifest.numberCode}〔2026〕1号` : undefined,
      );
      for (const f of loneLines(file)) found.push(`${t.manifest.id} ${f}`);
    }
    expect(found).toEqual([]);
  });
});

describe('short documents on one page, the seal never alone (GB/T 9704 §7.3.5)', () => {
  const TYPE_BOTTOM = mm(297) - MARGIN.bottom;
  /** The closest §7.3.5's 调整行距 may set 三号 text (docs/documents.md). */
  const TIGHTEST_PITCH = MIN_LINE_PT;
  const pageCount = (file: string) =>
    Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
  /** Rows of printed text in the type area, top to bottom: page, top, box height, text. */
  function rowsOf(file: string) {
    const byRow = new Map<string, Word[]>();
    for (const w of wordsOf(file)) {
      if (w.yMin > TYPE_BOTTOM) continue;
      const key = `${w.page}:${Math.round(w.yMin)}`;
      byRow.set(key, [...(byRow.get(key) ?? []), w]);
    }
    return [...byRow.values()]
      .map((ws) => ({
        page: ws[0].page,
        top: ws[0].yMin,
        height: Math.max(...ws.map((w) => w.yMax - w.yMin)),
        text: ws
          .sort((a, b) => a.xMin - b.xMin)
          .map((w) => w.text)
          .join(''),
      }))
      .sort((a, b) => a.page - b.page || a.top - b.top);
  }
  /**
   * How many lines of the grid the text under the title takes, as it is set (28 characters a
   * line): each row of text is one line, and the space between two rows counts in lines of the
   * body's pitch, so the blank line above the signature and the rows written by hand count too.
   */
  function bodyLines(file: string, sample: Record<string, unknown>): { lines: number; room: number } {
    const rows = rowsOf(file);
    // The title is the last row set in 2号 on page 1; everything under it is the body.
    const titleSize = SIZE.title * 1.437;
    const titleRow = rows.reduce(
      (found, r, i) => (r.page === 1 && Math.abs(r.height - titleSize) < 2 ? i : found),
      -1,
    );
    const body = rows.slice(titleRow + 1);
    const isBody = (r: { height: number }) => Math.abs(r.height - SIZE.body * 1.437) < 1.5;
    const gaps = body
      .slice(1)
      .filter((r, i) => r.page === body[i].page && isBody(r) && isBody(body[i]))
      .map((r) => Math.round((r.top - body[body.indexOf(r) - 1].top) * 10) / 10);
    // The body's pitch as set (the grid's, or a tighter one): the commonest gap between body rows.
    const counts = new Map<number, number>();
    for (const g of gaps) counts.set(g, (counts.get(g) ?? 0) + 1);
    const pitch = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? BODY_LINE_PT;
    const issuer = (sample.issuer as { name?: string } | undefined)?.name;
    let lines = 0;
    body.forEach((r, i) => {
      const next = body[i + 1];
      if (!next || next.page !== r.page) lines += 1;
      // The grid sets the signature one blank line under the text; at a closed pitch the seal
      // may push it lower.
      else if (next.text === issuer) lines += 2;
      else lines += Math.max(1, Math.round((next.top - r.top) / pitch));
    });
    // The 文件格式's 版头 takes a third of page 1: the body has only the lines under it, at the
    // tightest pitch §7.3.5 lets the text close to.
    const room = Math.min(LINES_PER_PAGE, Math.floor((TYPE_BOTTOM - body[0].top) / TIGHTEST_PITCH));
    return { lines, room };
  }

  const files = new Map<string, string>();
  beforeAll(async () => {
    for (const t of registry.values())
      files.set(
        t.manifest.id,
        await renderFile(
          t.manifest.id,
          t.manifest.numberCode ? `平${t.manifest.numberCode}〔2026〕1号` : undefined,
        ),
      );
  }, 600_000);

  it('puts every sample whose text under the title fits the 22 lines of the grid on one page', () => {
    const wrong: Record<string, { lines: number; room: number; pages: number }> = {};
    const fitting: string[] = [];
    for (const [id, file] of files) {
      const { lines, room } = bodyLines(file, registry.get(id)!.manifest.sample as Record<string, unknown>);
      if (lines > room) continue;
      fitting.push(id);
      const pages = pageCount(file);
      if (pages !== 1) wrong[id] = { lines, room, pages };
    }
    expect(wrong).toEqual({});
    // The short 低保 notices and decisions among them.
    expect(fitting).toEqual(
      expect.arrayContaining(['acceptance-notice', 'non-confirmation-decision', 'linshi-grant-decision']),
    );
  });

  it('never sets the body closer than its floor, 1.5 em (27 lines on the type area)', () => {
    const close: Record<string, number> = {};
    let closest = BODY_LINE_PT;
    for (const [id, file] of files) {
      const rows = rowsOf(file).filter((r) => Math.abs(r.height - SIZE.body * 1.437) < 1.5);
      const gaps = rows
        .slice(1)
        .map((r, i) => (r.page === rows[i].page ? r.top - rows[i].top : Infinity))
        .filter((g) => g > 1);
      const pitch = Math.min(...gaps);
      closest = Math.min(closest, pitch);
      if (pitch < MIN_LINE_PT - 0.05) close[id] = Math.round(pitch * 100) / 100;
    }
    expect(close).toEqual({});
    // Some samples are set closer than the grid to keep their seal with the text.
    expect(closest).toBeLessThan(BODY_LINE_PT - 1);
  });

  it('never ends a paragraph on a line of one character and its punctuation (孤字)', () => {
    const lone: string[] = [];
    for (const [id, file] of files) {
      const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
      for (const line of text.split('\n')) {
        const t = line.trim();
        if (/^[\u4e00-\u9fa5][。；，：）]$/.test(t)) lone.push(`${id}: ${t}`);
      }
    }
    expect(lone).toEqual([]);
  });

  it('never spreads a justified line wider than a third of a character between two characters', () => {
    const TYPE_LEFT = MARGIN.left;
    const TYPE_RIGHT = mm(210) - MARGIN.right;
    const wide: string[] = [];
    let widest = 0;
    for (const [id, file] of files) {
      const byRow = new Map<string, Word[]>();
      for (const w of wordsOf(file)) {
        // Body text only: table cells (4号), titles, the footer and the 版记 have their own spacing.
        if (w.yMin > TYPE_BOTTOM || Math.abs(w.yMax - w.yMin - SIZE.body * 1.437) >= 1.5) continue;
        const key = `${w.page}:${Math.round(w.yMin)}`;
        byRow.set(key, [...(byRow.get(key) ?? []), w]);
      }
      for (const ws of byRow.values()) {
        ws.sort((a, b) => a.xMin - b.xMin);
        // A justified line runs from the type area's left edge (or its indent) to its right edge.
        const justified =
          ws[0].xMin < TYPE_LEFT + 2 * SIZE.body + 1 && ws[ws.length - 1].xMax > TYPE_RIGHT - 1;
        if (!justified) continue;
        // Between two characters of Chinese text: a space typed next to Latin text or a number
        // ("2. 乙方", "号码 3301…") is not justification.
        const cjk = /[^\x20-\x7e]/;
        const gaps = ws
          .slice(1)
          .filter((w, i) => cjk.test(w.text[0]) && cjk.test(ws[i].text[ws[i].text.length - 1]))
          .map((w) => w.xMin - ws[ws.indexOf(w) - 1].xMax);
        const gap = Math.max(0, ...gaps);
        widest = Math.max(widest, gap);
        if (gap > MAX_JUSTIFY_GAP_EM * SIZE.body + 0.2)
          wide.push(`${id}: ${(gap / mm(1)).toFixed(1)} mm in ${ws.map((w) => w.text).join(' ')}`);
      }
    }
    expect(wide).toEqual([]);
    // Some lines are spread: the bound holds on justified text, not on text left ragged.
    expect(widest).toBeGreaterThan(0.05 * SIZE.body);
  });

  it('never leaves the signature and the date alone on a last page', () => {
    const alone: string[] = [];
    for (const t of registry.values()) {
      const file = files.get(t.manifest.id)!;
      const rows = rowsOf(file);
      const last = Math.max(...rows.map((r) => r.page));
      if (last === 1) continue;
      const issuer = (t.manifest.sample as { issuer?: { name?: string } }).issuer?.name;
      const date = /^\d{4}年\d{1,2}月\d{1,2}日$/;
      // 版记 lines (抄送, 印发) and the signature are not text of the body.
      const text = rows
        .filter((r) => r.page === last)
        .filter((r) => r.text !== issuer && !date.test(r.text) && !/^抄送|印发$/.test(r.text));
      if (text.length < 2) alone.push(`${t.manifest.id}: ${text.map((r) => r.text).join(' / ')}`);
    }
    expect(alone).toEqual([]);
  });
});
