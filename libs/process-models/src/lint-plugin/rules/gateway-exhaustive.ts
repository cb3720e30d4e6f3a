/**
 * Every exclusive gateway has a default flow, or conditions provably exhaustive over a required
 * boolean or enumerated form field: otherwise a value no branch takes stops the case with a 500.
 */
import { FormField, readFormFields } from '../../element-info';
import type { BpmnElement } from '../../validate-model';
import { RuleContext, processRule } from '../rule';
import { allElements, expressionBody } from '../variables';

interface Coverage {
  field: string;
  values: Set<string>;
}

/** `${f == "a"}`, `${f == "a" || f == "b"}`, `${f}`, `${!f}`: which values of which field a flow takes. */
function coverage(text: string | undefined): Coverage | undefined {
  if (!text) return undefined;
  const inner = /^\$\{\s*([\s\S]*?)\s*\}$/.exec(text.replace(/&quot;/g, '"'))?.[1];
  if (!inner) return undefined;
  const bool = /^(!?)\s*([A-Za-z_]\w*)$/.exec(inner);
  if (bool) return { field: bool[2], values: new Set([bool[1] ? 'false' : 'true']) };
  let field: string | undefined;
  const values = new Set<string>();
  for (const part of inner.split('||')) {
    const m =
      /^\s*([A-Za-z_]\w*)\s*(?:==|eq)\s*(["'])(.*)\2\s*$/.exec(part) ??
      /^\s*(["'])(.*)\1\s*(?:==|eq)\s*([A-Za-z_]\w*)\s*$/.exec(part);
    if (!m) return undefined;
    const [name, value] = m[1].startsWith('"') || m[1].startsWith("'") ? [m[3], m[2]] : [m[1], m[3]];
    if (field && field !== name) return undefined;
    field = name;
    values.add(value);
  }
  return field ? { field, values } : undefined;
}

/**
 * The declarations of `field` whose value the gateway reads: those of the forms last submitted
 * before it on some path (a later form with the same field id overwrites the earlier value).
 */
function nearestDeclarations(gateway: BpmnElement, field: string, elements: BpmnElement[]): FormField[] {
  const previous = new Map<BpmnElement, BpmnElement[]>();
  for (const f of elements.filter((e) => e.$type === 'bpmn:SequenceFlow')) {
    const to = f.targetRef as BpmnElement;
    previous.set(to, [...(previous.get(to) ?? []), f.sourceRef as BpmnElement]);
  }
  const found: FormField[] = [];
  const seen = new Set<BpmnElement>();
  const queue = [...(previous.get(gateway) ?? [])];
  while (queue.length) {
    const node = queue.pop() as BpmnElement;
    if (!node || seen.has(node)) continue;
    seen.add(node);
    const declared = readFormFields(node).filter((f) => f.id === field);
    if (declared.length) found.push(...declared);
    else queue.push(...(previous.get(node) ?? []));
  }
  return found;
}

function checkExhaustive(gateway: BpmnElement, elements: BpmnElement[], report: RuleContext['report']): void {
  const outgoing = elements.filter((f) => f.$type === 'bpmn:SequenceFlow' && f.sourceRef === gateway);
  if (outgoing.length < 2 || gateway.default) return;
  // Unreachable: validateModel already says so, and no form can be said to precede it.
  if (!elements.some((f) => f.$type === 'bpmn:SequenceFlow' && f.targetRef === gateway)) return;
  const conditions = outgoing.map((f) => coverage(expressionBody(f.conditionExpression)));
  const field = conditions[0]?.field;
  const advice = '请加一条默认流（default），或让各出口的条件覆盖一个必填的枚举或是非字段的全部取值';
  if (!field || conditions.some((c) => !c || c.field !== field)) {
    report(gateway, `没有默认流，而各出口的条件无法证明总有一条成立；${advice}`);
    return;
  }
  const declarations = nearestDeclarations(gateway, field, elements);
  const taken = new Set(conditions.flatMap((c) => [...(c as Coverage).values]));
  const kinds = new Set(declarations.map((d) => d.type));
  if (!declarations.length || kinds.size !== 1 || !(kinds.has('enum') || kinds.has('boolean'))) {
    report(
      gateway,
      `没有默认流，条件所依据的“${field}”不是表单中的枚举或是非字段，可能取到没有出口的值；${advice}`,
    );
    return;
  }
  if (
    declarations.some(
      (d) => !d.constraints.some((c) => c.name === 'required') && d.defaultValue === undefined,
    )
  ) {
    report(
      gateway,
      `没有默认流，而字段“${declarations[0].label}”（${field}）不是必填项，留空时没有出口；${advice}`,
    );
    return;
  }
  const options = kinds.has('boolean')
    ? [
        { id: 'true', name: '是' },
        { id: 'false', name: '否' },
      ]
    : declarations.flatMap((d) => d.options);
  const missing = options.filter((o, i) => !taken.has(o.id) && options.findIndex((p) => p.id === o.id) === i);
  if (missing.length) {
    report(
      gateway,
      `没有默认流，而字段“${declarations[0].label}”的取值${missing.map((o) => `“${o.name}”（${o.id}）`).join('、')}没有出口，选了它的案件会卡住；${advice}`,
    );
  }
}

export default processRule(({ process, report }) => {
  const elements = allElements(process);
  for (const e of elements) if (e.$type === 'bpmn:ExclusiveGateway') checkExhaustive(e, elements, report);
});
