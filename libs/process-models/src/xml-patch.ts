/**
 * Saving keeps the file: the studio's editor (bpmn-js) writes a whole new XML document, which
 * drops comments and reorders attributes, so one changed attribute became a 400-line diff.
 * `patchXml` instead carries the changes of that new document onto the ORIGINAL text: changed
 * attribute values and element text are rewritten in place, added attributes appended, removed
 * ones cut; everything else (comments, attribute order, quoting, indentation, the prolog) stays
 * byte for byte. A structural change (an element added, removed or moved) returns `null`, and the
 * caller keeps bpmn-js's full XML.
 *
 * Framework-free on purpose: the browser runs it on save, the tests run it in node. A small
 * tokenizer instead of a DOM, because only exact source offsets let the rest of the file stay
 * untouched (a DOM re-serialises entities, quotes and empty elements).
 */

interface Attr {
  /** As written, e.g. `sa:due`. */
  qname: string;
  value: string;
  /** Offsets of the whole ` name="value"` run (leading whitespace included) and of the value. */
  start: number;
  end: number;
  valueStart: number;
  valueEnd: number;
}

interface Node {
  qname: string;
  attrs: Attr[];
  children: Node[];
  /** Decoded text directly inside the element (comments and CDATA markers dropped). */
  text: string;
  hasCdata: boolean;
  /** The `<…>` start tag: where a new attribute goes (before `>` or `/>`). */
  tagEnd: number;
  selfClosing: boolean;
  /** Inner content range (between start and end tag); equal for a self-closing element. */
  innerStart: number;
  innerEnd: number;
  /** Namespace prefix → URI in scope at this element. */
  ns: Map<string, string>;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return String.fromCodePoint(code);
    }
    return ENTITIES[ref] ?? whole;
  });
}

function escapeAttr(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/"/g, '&quot;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
}

function escapeText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const ATTR = /\s+([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/y;

class Unparseable extends Error {}

/** The element tree of a document, with source offsets. Throws Unparseable on malformed input. */
function parse(xml: string): Node {
  const root: Node = {
    qname: '#document',
    attrs: [],
    children: [],
    text: '',
    hasCdata: false,
    tagEnd: 0,
    selfClosing: false,
    innerStart: 0,
    innerEnd: xml.length,
    ns: new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]),
  };
  const stack: Node[] = [root];
  let i = 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const top = stack[stack.length - 1];
    if (lt < 0) {
      top.text += decode(xml.slice(i));
      break;
    }
    if (lt > i) top.text += decode(xml.slice(i, lt));
    if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt + 4);
      if (end < 0) throw new Unparseable();
      i = end + 3;
    } else if (xml.startsWith('<![CDATA[', lt)) {
      const end = xml.indexOf(']]>', lt + 9);
      if (end < 0) throw new Unparseable();
      top.text += xml.slice(lt + 9, end);
      top.hasCdata = true;
      i = end + 3;
    } else if (xml.startsWith('<?', lt)) {
      const end = xml.indexOf('?>', lt + 2);
      if (end < 0) throw new Unparseable();
      i = end + 2;
    } else if (xml.startsWith('<!', lt)) {
      // A DOCTYPE: models never need one, and an internal subset could define entities.
      throw new Unparseable();
    } else if (xml[lt + 1] === '/') {
      const end = xml.indexOf('>', lt);
      const name = xml.slice(lt + 2, end).trim();
      const open = stack.pop();
      if (end < 0 || !open || open === root || open.qname !== name) throw new Unparseable();
      open.innerEnd = lt;
      i = end + 1;
    } else {
      const nameMatch = /^[^\s/>]+/.exec(xml.slice(lt + 1, lt + 201));
      if (!nameMatch) throw new Unparseable();
      const qname = nameMatch[0];
      let j = lt + 1 + qname.length;
      const attrs: Attr[] = [];
      for (;;) {
        ATTR.lastIndex = j;
        const m = ATTR.exec(xml);
        if (!m) break;
        const raw = m[2] ?? m[3] ?? '';
        const valueEnd = ATTR.lastIndex - 1;
        attrs.push({
          qname: m[1],
          value: decode(raw),
          start: j,
          end: ATTR.lastIndex,
          valueStart: valueEnd - raw.length,
          valueEnd,
        });
        j = ATTR.lastIndex;
      }
      const close = /^\s*(\/?)>/.exec(xml.slice(j, j + 200));
      if (!close) throw new Unparseable();
      const ns = new Map(top.ns);
      for (const a of attrs) {
        if (a.qname === 'xmlns') ns.set('', a.value);
        else if (a.qname.startsWith('xmlns:')) ns.set(a.qname.slice(6), a.value);
      }
      const selfClosing = close[1] === '/';
      const tagEnd = j + close[0].length - (selfClosing ? 2 : 1);
      const after = j + close[0].length;
      const node: Node = {
        qname,
        attrs,
        children: [],
        text: '',
        hasCdata: false,
        tagEnd,
        selfClosing,
        innerStart: after,
        innerEnd: after,
        ns,
      };
      top.children.push(node);
      if (!selfClosing) stack.push(node);
      i = after;
    }
  }
  if (stack.length !== 1) throw new Unparseable();
  return root;
}

/** `{uri}local` of an element or attribute name; attributes without a prefix have no namespace. */
function expanded(qname: string, ns: Map<string, string>, isAttr: boolean): string | undefined {
  const colon = qname.indexOf(':');
  if (colon < 0) return isAttr ? qname : `{${ns.get('') ?? ''}}${qname}`;
  const uri = ns.get(qname.slice(0, colon));
  return uri === undefined ? undefined : `{${uri}}${qname.slice(colon + 1)}`;
}

function isNamespaceDeclaration(qname: string): boolean {
  return qname === 'xmlns' || qname.startsWith('xmlns:');
}

/** The same value as written differently: bpmn-js writes `100` for a DI coordinate given as `100.0`. */
function sameValue(a: string, b: string): boolean {
  if (a === b) return true;
  const numeric = /^-?\d+(\.\d+)?$/;
  return numeric.test(a) && numeric.test(b) && Number(a) === Number(b);
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

class Structural extends Error {}

function prefixFor(uri: string, ns: Map<string, string>): string | undefined {
  for (const [prefix, u] of ns) if (u === uri && prefix !== '') return prefix;
  return undefined;
}

function mergeElement(original: Node, updated: Node, edits: Edit[]): void {
  if (expanded(original.qname, original.ns, false) !== expanded(updated.qname, updated.ns, false)) {
    throw new Structural();
  }
  // Attributes, keyed by namespace URI + local name (the two documents may use other prefixes).
  const before = new Map<string, Attr>();
  for (const a of original.attrs) {
    if (isNamespaceDeclaration(a.qname)) continue;
    const key = expanded(a.qname, original.ns, true);
    if (key) before.set(key, a);
  }
  const seen = new Set<string>();
  let appended = '';
  for (const b of updated.attrs) {
    if (isNamespaceDeclaration(b.qname)) continue;
    const key = expanded(b.qname, updated.ns, true);
    if (!key) throw new Structural();
    seen.add(key);
    const a = before.get(key);
    if (a) {
      if (!sameValue(a.value, b.value)) {
        edits.push({ start: a.valueStart, end: a.valueEnd, text: escapeAttr(b.value) });
      }
      continue;
    }
    let name = b.qname;
    if (key.startsWith('{')) {
      const uri = key.slice(1, key.indexOf('}'));
      const prefix = prefixFor(uri, original.ns);
      // A namespace the original never declared: leave the file to bpmn-js.
      if (prefix === undefined) throw new Structural();
      name = `${prefix}:${key.slice(key.indexOf('}') + 1)}`;
    }
    appended += ` ${name}="${escapeAttr(b.value)}"`;
  }
  if (appended) edits.push({ start: original.tagEnd, end: original.tagEnd, text: appended });
  for (const [key, a] of before) {
    if (!seen.has(key)) edits.push({ start: a.start, end: a.end, text: '' });
  }

  if (original.children.length !== updated.children.length) throw new Structural();
  if (original.children.length === 0) {
    if (original.text !== updated.text) {
      const inner = original.hasCdata ? `<![CDATA[${updated.text}]]>` : escapeText(updated.text);
      if (original.selfClosing) {
        edits.push({
          start: original.tagEnd,
          end: original.innerStart,
          text: `>${inner}</${original.qname}>`,
        });
      } else {
        edits.push({ start: original.innerStart, end: original.innerEnd, text: inner });
      }
    }
    return;
  }
  // Mixed content is only layout whitespace in a model; real text beside elements is structural.
  if (original.text.trim() !== updated.text.trim()) throw new Structural();
  const pairs = pairChildren(original, updated);
  for (const [child, match] of pairs) mergeElement(child, match, edits);
}

/**
 * Namespaces whose sibling order carries no meaning in a model, which bpmn-js rewrites in its
 * own order (diagram shapes by drawing order, flow elements by import order).
 */
const ORDER_FREE = [
  'http://www.omg.org/spec/BPMN/20100524/MODEL',
  'http://www.omg.org/spec/BPMN/20100524/DI',
  'http://www.omg.org/spec/DD/20100524/DI',
  'http://www.omg.org/spec/DD/20100524/DC',
];

/**
 * Children paired by id, or else by name and position among same-named siblings. bpmn-moddle
 * writes children in schema order (a form field's `camunda:validation` before its values), so
 * the order between differently named siblings is no change; a new order among same-named ones
 * is a change (the options of a field) except in the BPMN and diagram namespaces, whose order
 * bpmn-js rewrites and nothing reads (ORDER_FREE); the original order is kept there.
 */
function pairChildren(original: Node, updated: Node): [Node, Node][] {
  const keysOf = (parent: Node) => {
    const counts = new Map<string, number>();
    return parent.children.map((child) => {
      const name = expanded(child.qname, child.ns, false);
      if (!name) throw new Structural();
      const n = counts.get(name) ?? 0;
      counts.set(name, n + 1);
      const id = child.attrs.find((a) => a.qname === 'id')?.value;
      return { name, key: `${name}#${id ?? n}` };
    });
  };
  const a = keysOf(original);
  const b = keysOf(updated);
  const byKey = new Map(b.map((k, i) => [k.key, i]));
  const pairs: [Node, Node][] = [];
  const lastIndexByName = new Map<string, number>();
  a.forEach((k, i) => {
    const j = byKey.get(k.key);
    if (j === undefined) throw new Structural();
    if (!ORDER_FREE.some((ns) => k.name.startsWith(`{${ns}}`)) && (lastIndexByName.get(k.name) ?? -1) > j)
      throw new Structural();
    lastIndexByName.set(k.name, j);
    pairs.push([original.children[i], updated.children[j]]);
  });
  return pairs;
}

/**
 * The original document with the changes of `updated` applied in place, or `null` when the two
 * differ in structure (or either cannot be read) and `updated` must be saved as it is.
 */
export function patchXml(original: string, updated: string): string | null {
  let a: Node;
  let b: Node;
  try {
    a = parse(original);
    b = parse(updated);
  } catch (e) {
    if (e instanceof Unparseable) return null;
    throw e;
  }
  const edits: Edit[] = [];
  try {
    if (a.children.length !== 1 || b.children.length !== 1) return null;
    mergeElement(a.children[0], b.children[0], edits);
  } catch (e) {
    if (e instanceof Structural) return null;
    throw e;
  }
  edits.sort((x, y) => y.start - x.start || y.end - x.end);
  let out = original;
  for (const e of edits) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** What the studio saves: the patched original when only values changed, else the editor's XML. */
export function keepFile(original: string, updated: string): { xml: string; patched: boolean } {
  const patched = patchXml(original, updated);
  return patched === null ? { xml: updated, patched: false } : { xml: patched, patched: true };
}
