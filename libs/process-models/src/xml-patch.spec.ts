import * as fs from 'node:fs';
import * as path from 'node:path';
import { moddleOptions } from './moddle';
import { keepFile, patchXml } from './xml-patch';

interface ModdleElement {
  id?: string;
  $type: string;
  flowElements?: ModdleElement[];
  rootElements?: ModdleElement[];
  set(name: string, value: unknown): void;
}
interface Moddle {
  fromXML(xml: string): Promise<{ rootElement: ModdleElement }>;
  toXML(el: ModdleElement, options?: { format?: boolean }): Promise<{ xml: string }>;
}

function loadModdle(): new (packages: Record<string, unknown>) => Moddle {
  const enginePath = require.resolve('bpmn-engine');
  const moddlePath = require.resolve('bpmn-moddle', { paths: [path.dirname(enginePath)] });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require(moddlePath);
  return typeof loaded === 'function' ? loaded : loaded.default;
}

/** Lines of `a` and `b` that differ, by a longest-common-subsequence line diff. */
function changedLines(a: string, b: string): number {
  const x = a.split('\n');
  const y = b.split('\n');
  const dp: number[][] = Array.from({ length: x.length + 1 }, () => new Array<number>(y.length + 1).fill(0));
  for (let i = x.length - 1; i >= 0; i--)
    for (let j = y.length - 1; j >= 0; j--)
      dp[i][j] = x[i] === y[j] ? dp[i + 1][j + 1] + 1 : Math.max(dp[i + 1][j], dp[i][j + 1]);
  return x.length + y.length - 2 * dp[0][0];
}

const dibaoPath = path.join(__dirname, '../../../processes/dibao-application.bpmn');

/** What the studio's editor writes after one change: the whole document re-serialised. */
async function editorRewrite(xml: string, id: string, name: string, value: string): Promise<string> {
  const Moddle = loadModdle();
  const moddle = new Moddle(moddleOptions);
  const { rootElement } = await moddle.fromXML(xml);
  const process = rootElement.rootElements!.find((e) => e.$type === 'bpmn:Process')!;
  const el = process.flowElements!.find((e) => e.id === id)!;
  el.set(name, value);
  return (await moddle.toXML(rootElement, { format: true })).xml;
}

describe('patchXml: saving keeps the file', () => {
  const original = fs.readFileSync(dibaoPath, 'utf8');

  it('a one-attribute change to the 低保 model is a one-line diff and its comments survive', async () => {
    const rewritten = await editorRewrite(original, 'Task_AcceptanceReview', 'sa:due', '7WD');
    // The editor's own XML loses the comment and is a large diff: the finding.
    expect(rewritten).not.toContain('<!--');
    expect(changedLines(original, rewritten)).toBeGreaterThan(50);

    const { xml, patched } = keepFile(original, rewritten);
    expect(patched).toBe(true);
    expect(changedLines(original, xml)).toBe(2); // one line out, one line in
    expect(xml).toContain('<!-- 低保申请、受理、调查');
    expect(xml).toContain(
      'sa:due="7WD" sa:legalBasis="《最低生活保障审核确认办法》第十条" sa:step="acceptance"',
    );
  });

  it('an added attribute uses the original prefix and goes at the end of the tag', () => {
    const a =
      '<?xml version="1.0"?>\n<!-- c -->\n<x:r xmlns:x="urn:x" xmlns:s="urn:s"><x:t id="A" s:b="1"/></x:r>';
    const b = '<r xmlns="urn:x" xmlns:q="urn:s"><t id="A" q:b="1" q:due="5WD"/></r>';
    expect(patchXml(a, b)).toBe(
      '<?xml version="1.0"?>\n<!-- c -->\n<x:r xmlns:x="urn:x" xmlns:s="urn:s"><x:t id="A" s:b="1" s:due="5WD"/></x:r>',
    );
  });

  it('a removed attribute and changed text are patched in place', () => {
    const a = '<r xmlns="urn:x"><t id="A" name="甲" extra="1"><d>旧 &amp; 说明</d><!-- keep --><e/></t></r>';
    const b = '<r xmlns="urn:x"><t id="A" name="甲"><d>新说明 &lt;</d><e>文字</e></t></r>';
    expect(patchXml(a, b)).toBe(
      '<r xmlns="urn:x"><t id="A" name="甲"><d>新说明 &lt;</d><!-- keep --><e>文字</e></t></r>',
    );
  });

  it('a structural change (an element added) falls back to the editor XML', () => {
    const a = '<r xmlns="urn:x"><t id="A"/></r>';
    const b = '<r xmlns="urn:x"><t id="A"/><t id="B"/></r>';
    expect(patchXml(a, b)).toBeNull();
    expect(keepFile(a, b)).toEqual({ xml: b, patched: false });
  });

  it('a moved shape patches only its DI bounds; equal numbers written differently stay as written', () => {
    const a = '<r xmlns:dc="urn:dc"><dc:Bounds x="100.0" y="80" width="36" height="36" /></r>';
    const b = '<r xmlns:dc="urn:dc"><dc:Bounds x="100" y="120" width="36" height="36"/></r>';
    expect(patchXml(a, b)).toBe(
      '<r xmlns:dc="urn:dc"><dc:Bounds x="100.0" y="120" width="36" height="36" /></r>',
    );
  });
});

describe('patchXml on every bundled model', () => {
  const dir = path.join(__dirname, '../../../processes');
  it.each(fs.readdirSync(dir).filter((f) => f.endsWith('.bpmn')))(
    '%s: an unchanged re-serialisation patches to the original bytes',
    async (file) => {
      const original = fs.readFileSync(path.join(dir, file), 'utf8');
      const Moddle = loadModdle();
      const moddle = new Moddle(moddleOptions);
      const { rootElement } = await moddle.fromXML(original);
      const { xml } = await moddle.toXML(rootElement, { format: true });
      expect(patchXml(original, xml)).toBe(original);
    },
  );
});

describe('patchXml and the order bpmn-js writes', () => {
  it('diagram shapes in another drawing order keep the original order', () => {
    const a =
      '<r xmlns:di="http://www.omg.org/spec/BPMN/20100524/DI"><di:BPMNShape id="A" x="1"/><di:BPMNShape id="B" x="2"/></r>';
    const b =
      '<r xmlns:di="http://www.omg.org/spec/BPMN/20100524/DI"><di:BPMNShape id="B" x="5"/><di:BPMNShape id="A" x="1"/></r>';
    expect(patchXml(a, b)).toBe(
      '<r xmlns:di="http://www.omg.org/spec/BPMN/20100524/DI"><di:BPMNShape id="A" x="1"/><di:BPMNShape id="B" x="5"/></r>',
    );
  });

  it('reordered options of a form field are a change, saved as the editor wrote them', () => {
    const a = '<r xmlns:c="urn:c"><c:value id="accept"/><c:value id="refuse"/></r>';
    const b = '<r xmlns:c="urn:c"><c:value id="refuse"/><c:value id="accept"/></r>';
    expect(patchXml(a, b)).toBeNull();
  });
});
