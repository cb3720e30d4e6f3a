import {
  checkExpressionSyntax,
  expressions,
  hasExpression,
  isExpression,
  resolveExpression,
  ExpressionError,
} from './expressions';

const services = {
  double: (n: number) => n * 2,
  whoAmI(this: unknown) {
    return this;
  },
};

function context(variables: Record<string, unknown>, message: Record<string, unknown> = {}) {
  return { environment: { variables, services }, ...message };
}

describe('resolveExpression', () => {
  const vars = {
    decision: 'accept',
    nearRelative: true,
    objection: false,
    opinion: 'ineligible',
    x: 3,
    amount: 0,
    name: '张三',
    household: { size: 4, head: { name: '李四' } },
    content: 'shadowed by the message',
  };
  const message = { content: { output: { y: 42 } }, properties: { type: 'run' } };

  it.each<[string, unknown]>([
    ['${decision == "accept"}', true],
    ["${decision == 'refuse'}", false],
    ['${decision != "accept"}', false],
    ['${decision === "accept"}', true],
    ['${decision !== "accept"}', false],
    ['${nearRelative}', true],
    ['${!nearRelative}', false],
    ['${objection}', false],
    ['${opinion != "eligible" && x > 0}', true],
    ['${opinion == "eligible" || x >= 3}', true],
    ['${x < 3}', false],
    ['${x <= 3}', true],
    ['${x > -1}', true],
    ['${(x > 5 || nearRelative) && !objection}', true],
    ['${decision eq "accept" and not objection}', true],
    ['${x lt 3 or x gt 2}', true],
    ['${x le 2}', false],
    ['${x ge 3}', true],
    ['${decision ne "accept"}', false],
    ['${amount == 0}', true],
    ['${missing == null}', true],
    ['${missing}', undefined],
    ['${household.size}', 4],
    ['${household.head.name}', '李四'],
    ['${missing.deep.path}', undefined],
    ['${environment.variables.decision}', 'accept'],
    ['${content.output.y}', 42],
    ['${properties.type}', 'run'],
    ['${environment.services.double(x)}', 6],
    ['${double(4)}', 8],
    ['${true}', true],
    ['${null}', null],
    ['${12}', 12],
    ['${"a}b"}', 'a}b'],
    ['申请人：${name}，人数 ${household.size}', '申请人：张三，人数 4'],
    ['缺失：${missing}。', '缺失：。'],
    ['P7D', 'P7D'],
    ['', ''],
  ])('%s → %p', (expression, expected) => {
    expect(resolveExpression(expression, context(vars, message))).toEqual(expected);
  });

  it('passes non-strings through untouched', () => {
    const fn = () => 1;
    expect(resolveExpression(fn, context(vars))).toBe(fn);
    expect(resolveExpression(undefined, context(vars))).toBeUndefined();
  });

  it('returns a service function itself when not called (ServiceImplementation needs this)', () => {
    expect(resolveExpression('${environment.services.double}', context(vars))).toBe(services.double);
  });

  it('calls services with the fnContext as this', () => {
    const scope = { id: 'Task_X' };
    expect(resolveExpression('${environment.services.whoAmI()}', context(vars), scope)).toBe(scope);
  });

  it('sees variables replaced after resolution started (assignVariables swaps the object)', () => {
    const env = { variables: { a: 1 } as Record<string, unknown>, services };
    expect(resolveExpression('${a == 1}', { environment: env })).toBe(true);
    env.variables = { a: 2 };
    expect(resolveExpression('${a == 1}', { environment: env })).toBe(false);
  });

  it.each<[string, RegExp]>([
    ['${x + 1}', /不支持运算符“\+”/],
    ['${x * 2}', /不支持运算符/],
    ['${-x}', /不支持运算符“-”/],
    ['${household["size"]}', /方括号/],
    ['${household?.size}', /可选链/],
    ['${household.__proto__}', /__proto__/],
    ['${household.constructor}', /constructor/],
    ['${double.prototype}', /prototype/],
    ['${x ? 1 : 2}', /ConditionalExpression/],
    ['${[1, 2]}', /ArrayExpression/],
    ['${this}', /ThisExpression/],
    ['${a b}', /Compound/],
    ['${x = 1}', /语法错误/],
    ['${}', /表达式为空/],
    ['${decision', /缺少右花括号/],
    ['${name.toString()}', /只能调用 environment.services/],
    ['${environment.resolveExpression("x")}', /只能调用 environment.services/],
    ['${unknownFn(1)}', /只能调用 environment.services/],
    ['${(1)(2)}', /只能调用 environment.services/],
    ['${x > "3"}', /无法比较 number 3 与 string "3"/],
    ['${missing < 1}', /无法比较 未定义的值/],
  ])('refuses %s', (expression, reason) => {
    let thrown: unknown;
    try {
      resolveExpression(expression, context(vars));
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(ExpressionError);
    expect((thrown as Error).message).toContain(`表达式“${expression}”无效`);
    expect((thrown as Error).message).toMatch(reason);
  });
});

describe('checkExpressionSyntax', () => {
  it('accepts valid conditions without evaluating them', () => {
    expect(() => checkExpressionSyntax('${unknownFn(missing) && a.b > 2}')).not.toThrow();
  });
  it('refuses syntax outside the whitelist', () => {
    expect(() => checkExpressionSyntax('${a + 1}')).toThrow(/不支持运算符/);
    expect(() => checkExpressionSyntax('ok ${a[0]}')).toThrow(/方括号/);
  });
});

describe('isExpression / hasExpression', () => {
  it.each<[unknown, boolean, boolean]>([
    ['${a}', true, true],
    ['${a == "}"}', true, true],
    ['x ${a}', false, true],
    ['${a} ${b}', false, true],
    ['P7D', false, false],
    ['', false, false],
    [undefined, false, false],
    [42, false, false],
  ])('%p → isExpression %p, hasExpression %p', (text, is, has) => {
    expect(isExpression(text)).toBe(is);
    expect(hasExpression(text)).toBe(has);
  });

  it('is the object bpmn-elements expects', () => {
    expect(Object.keys(expressions).sort()).toEqual(['hasExpression', 'isExpression', 'resolveExpression']);
  });
});
