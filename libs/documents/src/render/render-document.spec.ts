import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { documentTitle } from '../templates/document-title';
import { loadTemplates } from '../templates/load-templates';
import { TemplateDataError } from '../templates/validate-data';
import { sampleIssuedAt } from '../templates/sample-date';
import {
  buildDocumentDefinition,
  fitDocumentDefinition,
  renderBareDocDefinition,
  renderDocument,
  RenderInput,
} from './render-document';
import { BODY_LINE_PT, MARGIN, PAGE, SIZE } from '../layout/gbt9704';
import { RULE_ID, TITLE_CHARS_PER_LINE, TITLE_GLYPH_TOP } from '../layout/build-doc-definition';
import { titleLines } from '../layout/title-lines';
import { wordsOf } from '../testing/pdf-words';
import {
  SAMPLE_VERIFY_URL as VERIFY_URL,
  sampleNumber as demoNumber,
  sampleInput as inputFor,
} from '../testing/sample-input';

const registry = loadTemplates(resolve(__dirname, '../../../../templates'));
const workDir = mkdtempSync(join(tmpdir(), 'docs-'));
function writePdf(name: string, pdf: Buffer): string {
  const file = join(workDir, `${name}.pdf`);
  writeFileSync(file, pdf);
  return file;
}

/** pdftotext breaks lines wherever the layout wrapped, so compare without whitespace. */
const textOf = (file: string, page?: number): string => {
  const range = page ? ['-f', String(page), '-l', String(page)] : [];
  return execFileSync('pdftotext', [...range, '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(
    /\s+/g,
    '',
  );
};
const infoOf = (file: string) => execFileSync('pdfinfo', [file], { encoding: 'utf8' });
const pageCount = (file: string) => Number(/Pages:\s+(\d+)/.exec(infoOf(file))![1]);
/** Each page's text from one pdftotext run (it ends every page with a form feed). */
const pagesOf = (file: string): string[] =>
  execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })
    .split('\f')
    .slice(0, -1)
    .map((page) => page.replace(/\s+/g, ''));
const squash = (s: string) => s.replace(/\s+/g, '');

const FOOTER_TEXT =
  /(—\d+—)?验证码：K7Q2-9MXD查验：https:\/\/jiuzhu\.example\.gov\.cn\/v\/K7Q2-9MXD(—\d+—)?/g;

/** Every template's sample, rendered once for all the checks below. */
const rendered = new Map<string, { pdf: Buffer; file: string; text: string; pages: string[] }>();
beforeAll(async () => {
  for (const t of registry.values()) {
    const pdf = await renderDocument(inputFor(t));
    const file = writePdf(t.manifest.id, pdf);
    const pages = pagesOf(file);
    // Body text without the running footers, so a sentence across a page break reads whole.
    const text = pages.join('').replace(FOOTER_TEXT, '');
    rendered.set(t.manifest.id, { pdf, file, text, pages });
  }
});

describe('renderDocument', () => {
  it.each([...registry.keys()])(
    '%s: renders title, applicant and 文号 on an A4 page with a subset font',
    (id) => {
      const { pdf, file, text } = rendered.get(id)!;
      const t = registry.get(id)!;
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(text).toContain(squash(documentTitle(t.manifest, t.manifest.sample)));
      // A document to the applicant names them; some go to others (a complainant, a village).
      if (/\{\{\s*applicant\.name\s*\}\}/.test(t.body)) {
        expect(text).toContain(
          squash(String((t.manifest.sample as { applicant: { name: string } }).applicant.name)),
        );
      }
      if (t.manifest.numberCode) expect(text).toContain(demoNumber(t));
      if (t.manifest.remedy) {
        expect(text).toContain('申请行政复议');
        expect(text).toContain('平安县人民法院提起行政诉讼');
      }
      expect(infoOf(file)).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
      // The TTFs are ~15 MB each; anything this small proves only used glyphs are embedded.
      expect(pdf.length).toBeLessThan(300 * 1024);
      const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
      expect(fonts).toMatch(/[A-Z]{6}\+NotoSerifSC-Regular\s+CID TrueType\s+Identity-H\s+yes yes yes/);
    },
  );

  it('puts the verification code, URL and a page number on every page, save the first page of a 信函', () => {
    for (const [id, { file, pages }] of rendered) {
      expect({ id, pages: pages.length }).toEqual({ id, pages: pageCount(file) });
      const letter = registry.get(id)!.manifest.format === 'letter';
      for (let p = 1; p <= pages.length; p++) {
        const text = pages[p - 1];
        expect({
          id,
          p,
          ok: text.includes('验证码：K7Q2-9MXD') && text.includes(`查验：${VERIFY_URL}`),
        }).toEqual({ id, p, ok: true });
        if (letter && p === 1) expect({ id, text }).toEqual({ id, text: expect.not.stringContaining('—1—') });
        else expect(text).toContain(`—${p}—`);
      }
    }
  });

  it('confirmation notice states amount, covered persons and start month', () => {
    const { text } = rendered.get('confirmation-notice')!;
    expect(text).toContain('月保障金额为1050.00元');
    expect(text).toContain('保障人数为3人');
    expect(text).toContain('自2026年12月起按月发放');
    expect(text).toContain('平安县民政局');
    expect(text).toContain('2026年11月23日');
  });

  it('non-confirmation decision carries facts, reasons, legal basis and the exact remedy sentence', () => {
    const { text } = rendered.get('non-confirmation-decision')!;
    const sample = registry.get('non-confirmation-decision')!.manifest.sample as {
      form: { facts: string; reasons: string };
    };
    expect(text).toContain(squash(sample.form.facts));
    expect(text).toContain(squash(sample.form.reasons));
    expect(text).toContain('《社会救助暂行办法》第九条');
    expect(text).toContain('《最低生活保障审核确认办法》第十二条至第十四条、第二十一条');
    expect(text).toContain(
      '如不服本决定，可以自收到本决定书之日起六十日内向平安县人民政府申请行政复议，也可以自收到本决定书之日起六个月内向平安县人民法院提起行政诉讼。',
    );
  });

  it('supplement notice lists every missing material', () => {
    const { text } = rendered.get('supplement-notice')!;
    const sample = registry.get('supplement-notice')!.manifest.sample as {
      form: { missingMaterials: string[] };
    };
    const materials = sample.form.missingMaterials;
    materials.forEach((m, i) => expect(text).toContain(`${i + 1}.${squash(m)}`));
  });

  it('public notice shows name, persons and amount but never ID numbers', () => {
    const { text } = rendered.get('public-notice')!;
    // pdftotext's reading order across a table depends on which header cell wraps; check the row.
    for (const cell of ['户主姓名', '保障人数', '拟月保障金额（元）']) expect(text).toContain(cell);
    expect(text).toMatch(/张秀兰.*3.*1050\.00/);
    expect(text).toContain('自2026年11月24日起至2026年11月30日止');
    expect(text).not.toContain('330102198503124526');
    expect(text).not.toContain('330102****');
    expect(registry.get('public-notice')!.body).not.toMatch(/idNumber/);
  });

  it('home visit record names both investigators and the findings', () => {
    const { text } = rendered.get('home-visit-record')!;
    expect(text).toContain('王明、赵丽');
    expect(text).toContain('邻里访问情况');
  });

  it('service receipt carries the 送达回证 fields', () => {
    const { text } = rendered.get('service-receipt')!;
    for (const label of [
      '送达文书名称及文号',
      '受送达人',
      '送达地点',
      '送达方式',
      '直接送达',
      '送达人',
      '收件',
      '拒收事由和日期',
      '见证人',
      '平民低不确〔2026〕1号',
    ]) {
      expect(text).toContain(label);
    }
  });

  it('authorization lists every household member for signature', () => {
    const { text } = rendered.get('verification-authorization')!;
    for (const name of ['张秀兰', '李建国', '李小雨']) expect(text).toContain(name);
    expect(text).not.toContain('〔2026〕');
  });

  it('re-renders byte-identically', async () => {
    const t = registry.get('confirmation-notice')!;
    const again = await renderDocument(inputFor(t));
    expect(again.equals(rendered.get('confirmation-notice')!.pdf)).toBe(true);
  });

  it('derives dates and the file ID from the input', async () => {
    const t = registry.get('confirmation-notice')!;
    const original = rendered.get('confirmation-notice')!.pdf;
    const fileId = (pdf: Buffer) => /\/ID \[<([0-9a-f]+)>/.exec(pdf.toString('latin1'))![1];

    const otherData = inputFor(t);
    (otherData.data.form as Record<string, unknown>).amount = 144100;
    const changed = await renderDocument(otherData);
    expect(fileId(changed)).not.toBe(fileId(original));

    const later = await renderDocument(inputFor(t, { issuedAt: new Date('2026-11-24T09:00:00+08:00') }));
    const file = writePdf('later', later);
    expect(infoOf(file)).toMatch(/CreationDate:\s+Tue Nov 24 01:00:00 2026 UTC/);
    expect(textOf(file)).toContain('2026年11月24日');
    expect(original.toString('latin1')).toContain('(D:20261123010000Z)');
  });

  it('throws TemplateDataError naming the missing field in Chinese before rendering', async () => {
    const t = registry.get('non-confirmation-decision')!;
    const input = inputFor(t);
    delete (input.data.form as Record<string, unknown>).reasons;
    await expect(renderDocument(input)).rejects.toThrow(TemplateDataError);
    try {
      buildDocumentDefinition(input);
      throw new Error('should have failed');
    } catch (e) {
      expect(e).toBeInstanceOf(TemplateDataError);
      expect((e as TemplateDataError).details).toEqual([
        { field: 'form.reasons', message: '「理由」为必填项' },
      ]);
      expect((e as Error).message).toContain('「理由」为必填项');
    }
  });

  it('exposes the bare pdfmake definition for benchmarks', async () => {
    const t = registry.get('confirmation-notice')!;
    const def = (await fitDocumentDefinition(inputFor(t))).definition;
    const pdf = await renderBareDocDefinition(def);
    expect(pdf.equals(rendered.get('confirmation-notice')!.pdf)).toBe(true);
    // A benchmark renders the same definition repeatedly.
    const again = await renderBareDocDefinition(def);
    expect(again.equals(pdf)).toBe(true);
  });

  it('lays out GB/T 9704 margins: type area starts 28 mm from the left and 37 mm from the top', () => {
    const t = registry.get('confirmation-notice')!;
    const def = buildDocumentDefinition(inputFor(t));
    const [left, top, right, bottom] = def.pageMargins as number[];
    const mm = (pt: number) => Math.round((pt * 25.4) / 72);
    expect([mm(left), mm(top), mm(right), mm(bottom)]).toEqual([28, 37, 26, 35]);
    // 3号 closed to 15.75 pt so 28 characters fill the 156 mm line (gbt9704.ts).
    expect(def.defaultStyle?.fontSize).toBe(15.75);
  });
});

describe('issue 17: documents a 法制审核员 would sign', () => {
  type Sample = Record<string, unknown> & { form: Record<string, unknown> };
  const render = async (id: string, edit: (data: Sample) => void = () => undefined) => {
    const t = registry.get(id)!;
    const input = inputFor(t);
    edit(input.data as Sample);
    const file = writePdf(
      `${id}-issue17-${Math.random().toString(36).slice(2, 8)}`,
      await renderDocument(input),
    );
    // Without the running footers, so a sentence across a page break reads whole.
    return textOf(file).replace(FOOTER_TEXT, '');
  };

  it('F1: table columns are as wide as their longest name or header word, so neither is split', async () => {
    const t = registry.get('verification-authorization')!;
    const input = inputFor(t);
    const household = (input.data as { household: { members: { name: string }[] } }).household;
    household.members[1]!.name = '李桂英';
    household.members[0]!.name = '欧阳建国';
    const file = writePdf(`f1-${Math.random().toString(36).slice(2, 8)}`, await renderDocument(input));
    // Raw pdftotext keeps the visual lines (cells side by side share one, space-separated): a
    // wrapped cell shows as two lines.
    const words = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).split(/\s+/);
    for (const whole of [
      '李桂英',
      '欧阳建国',
      '与申请人关系',
      '本人签字',
      '（手印）',
      '身份证号码',
      '330102********4526',
    ]) {
      expect(words).toContain(whole);
    }
  });

  it('F4: entered text ending in 。；！ never doubles the punctuation the template adds', async () => {
    for (const ending of ['。', '；', '！', '，']) {
      const text = await render('non-confirmation-decision', (d) => {
        d.form.reasons = `申请人家庭月人均收入高于保障标准${ending}`;
        d.form.facts = `家庭共同生活成员3人${ending}`;
      });
      expect(text).not.toMatch(/[。；！，][。；，]/);
      expect(text).toContain(`高于保障标准${ending === '！' ? '！' : '。'}根据`);
    }
  });

  it('L1: the township is named as the organ that receives, investigates and serves', async () => {
    const text = await render('non-confirmation-decision');
    expect(text).toContain('向平安县城关镇人民政府提出最低生活保障申请');
    expect(text).toContain('本决定书通过平安县城关镇人民政府送达');
    expect(text).not.toMatch(/(向|经|通过)城关镇/);
  });

  it.each([
    ['non-confirmation-decision', ['《社会救助暂行办法》第九条', '第十二条至第十四条']],
    ['benefit-stop-decision', ['《社会救助暂行办法》第九条', '第十二条至第十四条']],
    ['benefit-increase-decision', ['《社会救助暂行办法》第十二条', '第二十三条']],
    ['benefit-decrease-decision', ['《社会救助暂行办法》第十二条', '第二十三条']],
  ])('L6: the default legal basis of %s cites the substantive rule', async (id, articles) => {
    const basis = registry.get(id)!.manifest.legalBasis;
    for (const a of articles) expect(basis).toContain(a);
    const text = await render(id, (d) => delete d.form.legalBasis);
    expect(text).toContain(squash(basis));
  });

  it('L7: 临时救助 has its own 核对授权书, with none of the 低保 text', async () => {
    const text = await render('linshi-authorization');
    expect(text).toContain('因申请临时救助');
    expect(text).toContain('《社会救助暂行办法》第四十七条、第五十八条');
    expect(text).not.toMatch(/最低生活保障|审核确认办法|退出保障/);
  });

  it('L8: 核对不符合条件告知书 states income against the standard, with no invented deadline or doubled cause', async () => {
    const text = await render('ineligibility-notice');
    expect(text).toContain('月人均收入1120.00元，高于保障标准每人每月650.00元');
    expect(text).not.toContain('十五日');
    expect(text).not.toContain('因经');
    expect(text).toContain('是否满足');
    const sample = registry.get('ineligibility-notice')!.manifest.sample as { document: { number: string } };
    expect(sample.document.number).toBe('平城民核告〔2026〕1号');
  });

  it('L12: the warning notice informs and helps; it neither applies for the family nor shows internal words', async () => {
    const text = await render('warning-policy-notice');
    expect(text).not.toContain('依职权');
    expect(text).not.toMatch(/预警处置|预警已解除/);
    expect(text).toContain('依申请办理');
    expect(text).toContain('是否申请，由你家庭决定');
  });

  it('L12: the complaint reply names the organ for 复查 and keeps the household confidential', async () => {
    const text = await render('complaint-reply');
    expect(text).toContain('向平安县人民政府请求复查');
    expect(text).not.toContain('上一级行政机关');
    expect(text).toContain('《社会救助暂行办法》第六十一条的规定予以保密');
    expect(text).not.toMatch(/名下无机动车辆|符合最低生活保障条件/);
  });

  it('complaint reply: the investigation findings about the reported household never reach the complainant', async () => {
    const text = await render('complaint-reply', (d) => {
      d.form.findings = '经调取车辆登记信息并入户核查，该户名下无机动车辆，家庭月人均收入480元。';
      d.form.handling = '该家庭的最低生活保障待遇依照规定办理。';
    });
    expect(text).not.toMatch(/名下无机动车辆|月人均收入|480/);
    expect(text).toContain('会同平安县城关镇人民政府对你反映的问题进行了调查核实');
    expect(text).toContain('你反映的问题不属实');
    expect(text).toContain('该家庭的最低生活保障待遇依照规定办理');
  });

  it('L12: the 特困 continuation notice speaks to "你" and states the remedy cleanly', async () => {
    const text = await render('tekun-continuation-notice');
    expect(text).not.toMatch(/救助供养对象|其侄|例如/);
    expect(text).toContain('应当及时告知平安县城关镇人民政府');
    expect(text).toContain('如不服，可以自收到本告知书之日起六十日内');
  });

  it('L10: the 行政处罚事先告知书 states the facts, basis and fine, the 陈述、申辩 right, and 听证 only for a 较大数额 fine', async () => {
    const large = await render('penalty-prior-notice');
    expect(large).toContain('骗取最低生活保障金共计6744.00元');
    expect(large).toContain('对你处以罚款6744.00元');
    expect(large).toContain('《中华人民共和国行政处罚法》第四十四条、第四十五条的规定，你有权进行陈述和申辩');
    expect(large).toContain('第六十三条、第六十四条的规定，你有权要求举行听证');
    expect(large).toContain('自收到本告知书之日起五日内向本机关提出');
    expect(large).toContain('举行听证的七日前通知你');
    expect(large).not.toContain('三日内');
    const small = await render('penalty-prior-notice', (d) => {
      d.form.hearingRight = false;
    });
    expect(small).not.toContain('听证');
    expect(small).toContain('逾期未提出陈述、申辩的，视为放弃上述权利');
  });

  it('L10: the 行政处罚决定书 carries every element of 行政处罚法第五十九条', async () => {
    const text = await render('penalty-decision');
    expect(text).toContain('当事人：杨秀珍'); // party
    expect(text).toContain('住址：平安县城关镇东关村九组7号');
    expect(text).toContain('以上事实有下列证据证明：'); // facts and evidence
    expect(text).toContain('根据《社会救助暂行办法》第六十八条的规定，本机关决定'); // basis
    expect(text).toContain('对你处以罚款6744.00元，请自收到本决定书之日起十五日内'); // penalty, manner and period (行政处罚法第六十七条)
    expect(text).toContain('责令你退回骗取的最低生活保障金6744.00元');
    expect(text).toContain('依法举行了听证');
    expect(text).toContain('六十日内向平安县人民政府申请行政复议'); // remedies
    expect(text).toContain('个月内向平安县人民法院提起行政诉讼');
    expect(text).toContain('2026年11月23日'); // organ and date are printed with the seal
  });

  it('L11: the 特困 申请书 and the Art. 10 书面声明及承诺书 are addressed to the township organ and carry the statements', async () => {
    const application = await render('tekun-application-form');
    expect(application).toContain('本人向平安县城关镇人民政府书面申请特困人员救助供养');
    expect(application).toContain('劳动能力、生活来源、财产状况以及赡养、抚养、扶养情况的书面声明');
    const declaration = await render('tekun-declaration');
    expect(declaration).toContain('平安县城关镇人民政府：');
    expect(declaration).toMatch(/劳动能力年满七十四周岁/);
    expect(declaration).toContain('依照《社会救助暂行办法》第六十八条的规定');
    expect(declaration).not.toContain('330102195203154526');
  });

  it('L11: the county 审核确认表, the 公示异议处理记录 and the 信函索证函 state what their step decided', async () => {
    const review = await render('county-review-form', (d) => {
      d.form.decision = 'refuse';
      d.form.reasons = '家庭月人均收入高于保障标准';
    });
    expect(review).toContain('不予确认享受最低生活保障');
    expect(review).toContain('理由：家庭月人均收入高于保障标准。');
    expect(review).not.toContain('同意确认');
    const objection = await render('public-notice-objection-record');
    expect(objection).toContain('处理方式重新调查');
    expect(objection).toContain('由平安县城关镇人民政府重新提出初审意见，并重新公示');
    const letter = await render('evidence-request-letter');
    expect(letter).toContain('平安县某建材有限公司：');
    expect(letter).toContain('根据《最低生活保障审核确认办法》第十六条的规定');
    expect(letter).toContain('请于2026年12月4日前将有关情况书面函复本机关');
    expect(letter).toMatch(/平城民索证〔2026〕1号/);
  });

  it('L11: the 照料护理档次 change is a county decision under 特困人员认定办法第二十三条 with remedies', async () => {
    const text = await render('tekun-care-level-decision');
    expect(text).toContain('根据《特困人员认定办法》第二十三条的规定，本机关决定');
    expect(text).toContain(
      '自2026年12月起，你的照料护理档次由“部分丧失生活自理能力（半护理）”调整为“完全丧失生活自理能力（全护理）”',
    );
    expect(text).toContain('六十日内向平安县人民政府申请行政复议');
    expect(text).toMatch(/平民特护〔2026〕1号/);
  });

  it('L5: the 确认通知书 calls itself 本通知书 and prints facts, income against the standard and the basis entered', async () => {
    const text = await render('confirmation-notice', (d) => {
      d.form.legalBasis = '《社会救助暂行办法》第九条、《某省最低生活保障实施细则》第十条';
    });
    expect(text).toContain('本通知书');
    expect(text).not.toContain('本决定书');
    expect(text).toContain('月人均收入300.00元，低于保障标准每人每月650.00元');
    expect(text).toContain('配偶李建国务农兼打零工');
    expect(text).toContain('根据《社会救助暂行办法》第九条、《某省最低生活保障实施细则》第十条的规定');
  });

  it("L13: a sample cites no event after its own date, and its 文号 carries its organ's prefix", () => {
    // Each sample is dated by its own data (the 成文日期 `npm run samples` prints).
    let issued = '';
    // Fields that look forward by nature: validity, period ends, payment months, notice periods.
    const forward = /Until|EndDate|From$|startMonth|effectiveMonth|[dD]eadline|periodTo|publicNotice/;
    const late: string[] = [];
    const walk = (v: unknown, path: string) => {
      if (typeof v === 'string') {
        for (const d of v.match(/\d{4}-\d{2}(-\d{2})?|\d{4}年\d{1,2}月(\d{1,2}日)?/g) ?? []) {
          const iso = d.replace(
            /(\d{4})年(\d{1,2})月(?:(\d{1,2})日)?/,
            (_, y: string, m: string, day?: string) =>
              [y, m.padStart(2, '0'), ...(day ? [day.padStart(2, '0')] : [])].join('-'),
          );
          if (iso > issued && !forward.test(path)) late.push(`${path} ${d}`);
        }
      } else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`);
    };
    for (const t of registry.values()) {
      issued = sampleIssuedAt(t.manifest.sample).toISOString().slice(0, 10);
      walk(t.manifest.sample, t.manifest.id);
      const number = (t.manifest.sample as { document?: { number?: string } }).document?.number;
      if (t.manifest.numberCode && number)
        expect(number).toBe(demoNumber(t)!.replace('1号', /(\d+)号$/.exec(number)![0]));
    }
    expect(late).toEqual([]);
  });

  it('F7: a number stays with its unit, and dates and 文号 stay whole', () => {
    const spans = (id: string) => {
      const found: string[] = [];
      const walk = (node: unknown) => {
        if (Array.isArray(node)) return node.forEach(walk);
        if (!node || typeof node !== 'object') return;
        const n = node as Record<string, unknown>;
        if (n.noWrap === true && typeof n.text === 'string') found.push(n.text);
        Object.values(n).forEach(walk);
      };
      walk(buildDocumentDefinition(inputFor(registry.get(id)!)).content);
      return found;
    };
    expect(spans('confirmation-notice')).toEqual(
      expect.arrayContaining(['3人', '1050.00元', '2026年12月', '2026年11月2日', '300.00元', '650.00元']),
    );
    expect(spans('service-receipt')).toContain('平民低不确〔2026〕1号');
  });

  it('F10: the public listing prints name, family size and amount, and no ID number at all', async () => {
    const text = await render('public-listing');
    expect(text).not.toContain('身份证');
    expect(text).not.toMatch(/\*{4}/);
    expect(registry.get('public-listing')!.body).not.toMatch(/idNumber/);
    // One masking rule: documents print the eight stars lists show (the bold markup ate four).
    expect(await render('confirmation-notice')).toContain('330102********4526');
  });

  it('L13: no sample treats a nephew as a statutory supporter', () => {
    for (const t of registry.values()) {
      const json = JSON.stringify(t.manifest.sample);
      expect({
        id: t.manifest.id,
        nephewSupports: /侄[^，。]*(履行|赡养义务|法定义务人)/.test(json) && !/不是你的法定/.test(json),
      }).toEqual({
        id: t.manifest.id,
        nephewSupports: false,
      });
    }
  });
});

describe('tables', () => {
  it('keeps amounts on one line next to a very long label column', async () => {
    const template = registry.get('first-instance-opinion')!;
    const sample = template.manifest.sample as { assessment: Record<string, unknown> };
    const longLabel =
      '困难指数 26 分（有慢性病患者+3；人均收入低于低保标准的75%+4；人均收入低于低保标准+3；无机动车辆+2；存款及有价证券低于3个月保障标准总额+3；无经营实体或股份+2）';
    const data = {
      ...sample,
      assessment: { ...sample.assessment, lines: [{ label: longLabel, amount: '14256.00', result: '符合' }] },
    };
    const pdf = await renderDocument(inputFor(template, { data }));
    const file = writePdf('long-label-table', pdf);
    const raw = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    expect(raw.split('\n').some((line) => line.includes('14256.00'))).toBe(true);
  });
});

describe('issue 17: GB/T 9704 format', () => {
  const renderFile = async (id: string, edit: (input: RenderInput) => void = () => undefined) => {
    const input = inputFor(registry.get(id)!);
    edit(input);
    return writePdf(`${id}-fmt-${Math.random().toString(36).slice(2, 8)}`, await renderDocument(input));
  };
  const setForm = (input: RenderInput, field: string, value: unknown) => {
    (input.data.form as Record<string, unknown>)[field] = value;
  };
  const FOOTER = /^(验证码|查验|https:|—$|\d+$)/;
  const sampleFile = (id: string) => rendered.get(id)!.file;
  const MARGIN_HEIGHT = PAGE.height - MARGIN.top - MARGIN.bottom;

  it('F8: a full body line holds 28 characters, 22 lines fill the type area', async () => {
    // The grid as it is set before any closing of the pitch (§7.3.5) to save a page.
    const input = inputFor(registry.get('non-confirmation-decision')!);
    setForm(input, 'facts', '经'.repeat(120));
    const file = writePdf(
      `f8-grid-${Math.random().toString(36).slice(2, 8)}`,
      await renderBareDocDefinition(buildDocumentDefinition(input)),
    );
    const lines = wordsOf(file).filter((w) => /^经{10,}$/.test(w.text));
    // The first line of a paragraph is indented two characters.
    expect(lines.map((l) => l.text.length)).toEqual([26, 28, 28, 28, 10]);
    const pitch = lines[2].yMin - lines[1].yMin;
    expect(pitch).toBeCloseTo(BODY_LINE_PT, 1);
    expect(22 * pitch).toBeLessThanOrEqual(MARGIN_HEIGHT);
    expect(23 * pitch).toBeGreaterThan(MARGIN_HEIGHT);
  });

  it('F8: the title sits two lines below the red rule, under a 发文机关标志 larger than itself', async () => {
    // The 文件格式 letterhead (the template itself is set as a 信函).
    const letter = registry.get('non-confirmation-decision')!;
    const t = { ...letter, manifest: { ...letter.manifest, format: 'document' as const } };
    const definition = buildDocumentDefinition(inputFor(t));
    let ruleTop = 0;
    definition.pageBreakBefore = (node) => {
      if (node.id === RULE_ID) ruleTop = node.startPosition.top;
      return false;
    };
    const file = writePdf(
      `f8-title-${Math.random().toString(36).slice(2, 8)}`,
      await renderBareDocDefinition(definition),
    );
    const words = wordsOf(file);
    const title = words.find((w) => w.text === t.manifest.title)!;
    const mark = words.find((w) => w.text === '平安县民政局')!;
    // pdftotext's box starts at the font's ascender; the ideographs start TITLE_GLYPH_TOP lower.
    const linesBelowRule = (title.yMin + TITLE_GLYPH_TOP - ruleTop) / BODY_LINE_PT;
    expect(linesBelowRule).toBeGreaterThan(1.9);
    expect(linesBelowRule).toBeLessThan(2.1);
    expect(mark.yMax - mark.yMin).toBeGreaterThan((title.yMax - title.yMin) * 1.2);
  });

  it('F3: long titles break by meaning into balanced lines, never leaving one or two characters', async () => {
    for (const t of registry.values()) {
      const lines = titleLines(documentTitle(t.manifest, t.manifest.sample), TITLE_CHARS_PER_LINE);
      expect({ id: t.manifest.id, short: lines.filter((l) => [...l].length < 3) }).toEqual({
        id: t.manifest.id,
        short: [],
      });
    }
    const words = wordsOf(await renderFile('job-refusal-decision')).map((w) => w.text);
    // The title says what was decided (the sample stops the member's share); it fits one line.
    expect(words).toContain('拒绝就业停发本人最低生活保障金决定书');
    const declaration = wordsOf(await renderFile('family-declaration')).map((w) => w.text);
    expect(declaration).toEqual(expect.arrayContaining(['家庭人口、收入、财产状况', '书面声明及诚信承诺书']));
  });

  it('F2: the 送达回证 is one page; no document ends on a page holding only its last lines and the seal', () => {
    expect(pageCount(sampleFile('service-receipt'))).toBe(1);
    for (const t of registry.values()) {
      const file = sampleFile(t.manifest.id);
      const pages = pageCount(file);
      if (pages === 1 || !t.body.includes('---sign---')) continue;
      const last = wordsOf(file).filter((w) => w.page === pages);
      const sample = t.manifest.sample as { issuer?: { name?: string } };
      // Lines of text on the last page besides the footer, the 署名 and the 成文日期.
      const lines = new Set(
        last
          .filter(
            (w) => !FOOTER.test(w.text) && w.text !== sample.issuer?.name && w.text !== '2026年11月23日',
          )
          .map((w) => Math.round(w.yMin)),
      );
      expect({ id: t.manifest.id, enough: lines.size >= 3 }).toEqual({ id: t.manifest.id, enough: true });
    }
  });

  it('F2: the closing lines 经办人 and 分管负责人 stay with each other and the seal', () => {
    for (const id of ['first-instance-opinion', 'tekun-first-instance-opinion', 'acceptance-notice']) {
      const file = sampleFile(id);
      const words = wordsOf(file);
      const pageOf = (s: string) => words.find((w) => w.text.includes(s))?.page;
      const seal = pageOf('2026年11月23日');
      if (id === 'acceptance-notice') expect(pageOf('联系地址')).toBe(seal);
      else {
        expect(pageOf('经办人')).toBe(seal);
        expect(pageOf('分管负责人')).toBe(seal);
      }
    }
  });

  it('F5: the 成文日期 is 右空四字, however long the 署名', async () => {
    for (const id of ['acceptance-notice', 'non-confirmation-decision']) {
      const words = wordsOf(sampleFile(id));
      const date = words.filter((w) => w.text === '2026年11月23日').pop()!;
      const rightEdge = PAGE.width - MARGIN.right;
      expect((rightEdge - date.xMax) / SIZE.body).toBeCloseTo(4, 1);
    }
  });

  it('F6: the seal adds nothing to the text layer, so the body reads clean', async () => {
    const file = await renderFile('non-confirmation-decision', (i) => {
      (i.data.issuer as Record<string, unknown>).sealText = '甲乙丙丁戊己庚辛壬癸';
    });
    const text = textOf(file);
    expect(text).not.toMatch(/[甲乙丙丁戊己庚辛壬癸]/);
    expect(text).toContain('本决定书通过平安县城关镇人民政府送达。平安县民政局2026年11月23日');
  });

  it('F9: 抄送 is set as a 版记 with 印发机关 and 印发日期', async () => {
    // The 文件格式 版记 (the sample template itself is set as a 信函).
    const file = await renderFile('tekun-termination-decision', (input) => {
      input.template = { ...input.template, manifest: { ...input.template.manifest, format: 'document' } };
    });
    const text = textOf(file);
    expect(text).toMatch(/抄送：[^。]+。平安县民政局/);
    expect(text).toContain('2026年11月23日印发');
    expect(text).not.toContain('。。');
    // The 版记 closes the last page: its last line sits on the foot of the type area.
    const words = wordsOf(file);
    const issued = words.find((w) => w.text.endsWith('印发'))!;
    expect(issued.page).toBe(pageCount(file));
    expect(PAGE.height - MARGIN.bottom - issued.yMax).toBeLessThan(BODY_LINE_PT);
  });

  it('信函格式: the 版记 is the 抄送 alone, at the foot of the last page, without 印发机关 or 印发日期', async () => {
    const file = sampleFile('tekun-termination-decision');
    const text = textOf(file);
    expect(text).toMatch(/抄送：[^。]+。/);
    expect(text).not.toContain('印发');
    const cc = wordsOf(file).find((w) => w.text.startsWith('抄送'))!;
    expect(cc.page).toBe(pageCount(file));
    expect(PAGE.height - MARGIN.bottom - cc.yMax).toBeLessThan(BODY_LINE_PT);
  });

  it('fonts: headings in 黑体 (Noto Sans SC), body and titles in the serif, all subset', () => {
    const fonts = execFileSync('pdffonts', [sampleFile('home-visit-record')], { encoding: 'utf8' });
    expect(fonts).toMatch(/[A-Z]{6}\+NotoSansSC-Medium\s+CID TrueType\s+Identity-H\s+yes yes yes/);
    expect(fonts).toMatch(/[A-Z]{6}\+NotoSerifSC-Regular\s+CID TrueType\s+Identity-H\s+yes yes yes/);
  });
});
