import { lintModel } from './lint-model';
import { SUPPORTED_FLOW_ELEMENTS, validateModel } from './validate-model';

/** A small model that passes every rule; each case below breaks exactly one thing. */
const VALID = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
  xmlns:sa="http://shehuijiuzhu.gov.cn/schema/bpmn/1.0"
  id="Definitions_Test" targetNamespace="http://shehuijiuzhu.gov.cn/bpmn">
  <process id="Process_Test" name="测试" isExecutable="true">
    <startEvent id="Start" name="开始"/>
    <sequenceFlow id="f1" sourceRef="Start" targetRef="Task_Review"/>
    <userTask id="Task_Review" name="审查" camunda:candidateGroups="window_clerk" sa:due="5WD">
      <extensionElements>
        <camunda:formData>
          <camunda:formField id="decision" label="决定" type="enum">
            <camunda:value id="accept" name="受理"/>
            <camunda:value id="refuse" name="不予受理"/>
            <camunda:validation><camunda:constraint name="required"/></camunda:validation>
          </camunda:formField>
          <camunda:formField id="amount" label="金额" type="money">
            <camunda:validation><camunda:constraint name="max" config="5000.00"/></camunda:validation>
          </camunda:formField>
        </camunda:formData>
      </extensionElements>
    </userTask>
    <sequenceFlow id="f2" sourceRef="Task_Review" targetRef="Gateway_1"/>
    <exclusiveGateway id="Gateway_1" name="决定" default="f_no"/>
    <sequenceFlow id="f_yes" name="受理" sourceRef="Gateway_1" targetRef="Task_Issue">
      <conditionExpression xsi:type="tFormalExpression">\${decision == "accept"}</conditionExpression>
    </sequenceFlow>
    <sequenceFlow id="f_no" sourceRef="Gateway_1" targetRef="End_Refused"/>
    <serviceTask id="Task_Issue" name="出具通知" sa:service="document.issue" sa:template="acceptance-notice"/>
    <sequenceFlow id="f3" sourceRef="Task_Issue" targetRef="Timer_Wait"/>
    <intermediateCatchEvent id="Timer_Wait" name="等待">
      <timerEventDefinition id="TimerDef"><timeDuration xsi:type="tFormalExpression">P7D</timeDuration></timerEventDefinition>
    </intermediateCatchEvent>
    <sequenceFlow id="f4" sourceRef="Timer_Wait" targetRef="End_Ok"/>
    <endEvent id="End_Ok" name="完成" sa:outcome="confirmed"/>
    <endEvent id="End_Refused" name="不予受理" sa:outcome="not-accepted"/>
  </process>
</definitions>`;

function edit(...pairs: [string | RegExp, string][]): string {
  let xml = VALID;
  for (const [from, to] of pairs) {
    const next = xml.replace(from, to);
    if (next === xml) throw new Error(`fixture edit did not apply: ${String(from)}`);
    xml = next;
  }
  return xml;
}

const REVIEW_OPEN =
  '<userTask id="Task_Review" name="审查" camunda:candidateGroups="window_clerk" sa:due="5WD">';
const TIMER = /<intermediateCatchEvent id="Timer_Wait"[\s\S]*?<\/intermediateCatchEvent>/;

describe('validateModel', () => {
  it('accepts the valid fixture and returns the parsed definitions', async () => {
    const result = await validateModel(VALID);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.definitions?.$type).toBe('bpmn:Definitions');
    expect(result.definitions?.id).toBe('Definitions_Test');
  });

  it('reports a dangling reference once, and XML that is not well-formed in Chinese with its line', async () => {
    const dangling = await validateModel(edit(['targetRef="End_Ok"', 'targetRef="End_Missing"']));
    expect(dangling.errors.filter((e) => e.elementId === 'f4')).toHaveLength(1);
    const broken = await validateModel(VALID.replace('</definitions>', ''));
    expect(broken.errors.map((e) => e.message)).toEqual([expect.stringMatching(/^XML 解析失败：第 \d+ 行/)]);
    expect(broken.errors[0].message).not.toMatch(/nested|error|unclosed|unparsable|line|column/i);
  });

  it.each<[string, string, string | undefined, RegExp]>([
    ['XML that is not well-formed', VALID.replace('</definitions>', ''), undefined, /^XML 解析失败：/],
    [
      'a DOCTYPE declaration',
      VALID.replace('<definitions', '<!DOCTYPE definitions [ <!ENTITY lol "lol"> ]>\n<definitions'),
      undefined,
      /DOCTYPE 或 ENTITY 声明/,
    ],
    [
      'an ENTITY declaration without DOCTYPE',
      VALID.replace('<definitions', '<!ENTITY xxe SYSTEM "file:///etc/passwd">\n<definitions'),
      undefined,
      /DOCTYPE 或 ENTITY 声明/,
    ],
    ['a file over 2 MB', VALID + `<!--${'x'.repeat(2 * 1024 * 1024)}-->`, undefined, /超过 2 MB 上限/],
    ['an empty file', '   ', undefined, /模型内容为空/],
    [
      'an unknown sa attribute',
      edit([REVIEW_OPEN, REVIEW_OPEN.replace('sa:due', 'sa:deadline')]),
      'Task_Review',
      /unknown attribute <sa:deadline>/,
    ],
    [
      'an unknown camunda element',
      edit(['<camunda:formData>', '<camunda:formDatum/><camunda:formData>']),
      undefined,
      /无法识别的元素类型“camunda:formDatum”/,
    ],
    [
      'a dangling sequence-flow target',
      edit(['targetRef="End_Ok"', 'targetRef="End_Missing"']),
      'f4',
      /引用了不存在的元素“End_Missing”/,
    ],
    [
      'no process',
      edit([/<process[\s\S]*<\/process>/, '<message id="Message_1" name="m"/>']),
      undefined,
      /模型中没有流程/,
    ],
    [
      'a process that is not executable',
      edit(['isExecutable="true"', 'isExecutable="false"']),
      'Process_Test',
      /^流程“测试”：流程未标记为可执行/,
    ],
    ['a process without isExecutable', edit([' isExecutable="true"', '']), 'Process_Test', /未标记为可执行/],
    [
      'no start event',
      edit(['<startEvent id="Start" name="开始"/>', '<task id="Start" name="开始"/>']),
      'Process_Test',
      /缺少开始事件/,
    ],
    [
      'no end event',
      edit(
        ['<endEvent id="End_Ok" name="完成" sa:outcome="confirmed"/>', '<task id="End_Ok"/>'],
        [
          '<endEvent id="End_Refused" name="不予受理" sa:outcome="not-accepted"/>',
          '<task id="End_Refused"/>',
        ],
      ),
      'Process_Test',
      /缺少结束事件/,
    ],
    [
      'a complex gateway',
      edit([
        '<exclusiveGateway id="Gateway_1" name="决定" default="f_no"/>',
        '<complexGateway id="Gateway_1" name="决定" default="f_no"/>',
      ]),
      'Gateway_1',
      /复杂网关“决定”：引擎不支持复杂网关/,
    ],
    [
      'a global task',
      edit(['</definitions>', '<globalTask id="Global_1" name="全局"/></definitions>']),
      'Global_1',
      /全局任务/,
    ],
    [
      'a call activity on a global task',
      edit(
        [TIMER, '<callActivity id="Timer_Wait" calledElement="Global_1"/>'],
        ['</definitions>', '<globalTask id="Global_1"/></definitions>'],
      ),
      'Timer_Wait',
      /不是流程（bpmn:GlobalTask）/,
    ],
    [
      'a call activity on a missing process',
      edit([TIMER, '<callActivity id="Timer_Wait" calledElement="Nope"/>']),
      'Timer_Wait',
      /calledElement“Nope”在本模型中不存在/,
    ],
    [
      'an ad-hoc sub-process',
      edit([TIMER, '<adHocSubProcess id="Timer_Wait"><task id="Inner"/></adHocSubProcess>']),
      'Timer_Wait',
      /自由子流程/,
    ],
    [
      'a script task',
      edit([
        TIMER,
        '<scriptTask id="Timer_Wait" scriptFormat="javascript"><script>next()</script></scriptTask>',
      ]),
      'Timer_Wait',
      /不允许脚本任务/,
    ],
    [
      'a repeating timeCycle',
      edit([
        TIMER,
        '<intermediateCatchEvent id="Timer_Wait"><timerEventDefinition><timeCycle xsi:type="tFormalExpression">R3/PT1H</timeCycle></timerEventDefinition></intermediateCatchEvent>',
      ]),
      'Timer_Wait',
      /不支持重复定时器/,
    ],
    [
      'a CRON timeCycle',
      edit([
        TIMER,
        '<intermediateCatchEvent id="Timer_Wait"><timerEventDefinition><timeCycle xsi:type="tFormalExpression">0 0 9 * * ?</timeCycle></timerEventDefinition></intermediateCatchEvent>',
      ]),
      'Timer_Wait',
      /不支持 CRON 定时器/,
    ],
    [
      'a timer without a value',
      edit([
        TIMER,
        '<intermediateCatchEvent id="Timer_Wait"><timerEventDefinition/></intermediateCatchEvent>',
      ]),
      'Timer_Wait',
      /会立即触发/,
    ],
    [
      'a user task without candidateGroups',
      edit([REVIEW_OPEN, '<userTask id="Task_Review" name="审查" sa:due="5WD">']),
      'Task_Review',
      /^用户任务“审查”：缺少 camunda:candidateGroups/,
    ],
    [
      'a user task with an unknown role',
      edit([REVIEW_OPEN, REVIEW_OPEN.replace('window_clerk', 'window_clerk, mayor')]),
      'Task_Review',
      /未知的办理角色“mayor”/,
    ],
    [
      'a user task without sa:due',
      edit([REVIEW_OPEN, REVIEW_OPEN.replace(' sa:due="5WD"', '')]),
      'Task_Review',
      /缺少 sa:due/,
    ],
    [
      'a user task with an invalid sa:due',
      edit([REVIEW_OPEN, REVIEW_OPEN.replace('5WD', '5 days')]),
      'Task_Review',
      /sa:due="5 days" 无效/,
    ],
    [
      'a form field of an unknown type',
      edit(['type="money"', 'type="currency"']),
      'Task_Review',
      /表单字段“金额”（amount） 的类型“currency”不受支持/,
    ],
    [
      'an enum field without values',
      edit([/<camunda:value id="accept" name="受理"\/>\s*<camunda:value id="refuse" name="不予受理"\/>/, '']),
      'Task_Review',
      /是枚举但没有可选值/,
    ],
    ['duplicate form field ids', edit(['id="amount"', 'id="decision"']), 'Task_Review', /id 重复/],
    [
      'a form field id the expressions cannot read',
      edit(['id="amount"', 'id="content"']),
      'Task_Review',
      /是保留字/,
    ],
    [
      'a form field id that is not an identifier',
      edit(['id="amount"', 'id="发放金额"']),
      'Task_Review',
      /须为英文标识符/,
    ],
    [
      'an unknown constraint',
      edit(['name="max" config="5000.00"', 'name="pattern" config="x"']),
      'Task_Review',
      /校验规则“pattern”不受支持/,
    ],
    [
      'a money bound that is not money',
      edit(['config="5000.00"', 'config="5k"']),
      'Task_Review',
      /校验规则“max”的配置“5k”无效/,
    ],
    [
      'a service task without sa:service',
      edit([' sa:service="document.issue"', '']),
      'Task_Issue',
      /^服务任务“出具通知”：缺少 sa:service/,
    ],
    [
      'an unknown service',
      edit(['sa:service="document.issue" sa:template="acceptance-notice"', 'sa:service="payment.pay"']),
      'Task_Issue',
      /未知的领域服务“payment.pay”/,
    ],
    [
      'document.issue without a template',
      edit([' sa:template="acceptance-notice"', '']),
      'Task_Issue',
      /缺少 sa:template/,
    ],
    [
      'a condition that does not parse',
      edit(['${decision == "accept"}', '${decision + 1}']),
      'f_yes',
      /表达式“\$\{decision \+ 1\}”无效：不支持运算符“\+”/,
    ],
    [
      'a condition that is not an expression',
      edit(['${decision == "accept"}', 'decision == "accept"']),
      'f_yes',
      /须为单个 \$\{…\} 表达式/,
    ],
    [
      'a script condition',
      edit([
        '<conditionExpression xsi:type="tFormalExpression">',
        '<conditionExpression xsi:type="tFormalExpression" language="javascript">',
      ]),
      'f_yes',
      /条件不能是脚本/,
    ],
    [
      'a default flow that is not an outgoing flow',
      edit(['default="f_no"', 'default="f1"']),
      'Gateway_1',
      /默认流“f1”不是该网关的出口/,
    ],
    [
      'a gateway flow with neither condition nor default',
      edit([' default="f_no"', '']),
      'f_no',
      /^顺序流.*既没有条件也不是默认流.*请为它写条件，或把它设为网关的默认流/,
    ],
    [
      'an element unreachable from the start',
      edit([
        '</process>',
        '<task id="Orphan" name="孤立"/><sequenceFlow id="fo" sourceRef="Orphan" targetRef="End_Ok"/></process>',
      ]),
      'Orphan',
      /^任务“孤立”：从开始事件无法到达/,
    ],
    [
      'a path that cannot reach an end',
      edit([
        '</process>',
        '<task id="Stuck" name="卡住"/><sequenceFlow id="fs" sourceRef="Gateway_1" targetRef="Stuck"><conditionExpression xsi:type="tFormalExpression">${decision == "refuse"}</conditionExpression></sequenceFlow></process>',
      ]),
      'Stuck',
      /从此处无法到达任何结束事件/,
    ],
    [
      'a loop with no way out',
      edit([
        '</process>',
        '<task id="LoopA"/><task id="LoopB"/><sequenceFlow id="fl0" sourceRef="Gateway_1" targetRef="LoopA"><conditionExpression xsi:type="tFormalExpression">${decision == "refuse"}</conditionExpression></sequenceFlow><sequenceFlow id="fl1" sourceRef="LoopA" targetRef="LoopB"/><sequenceFlow id="fl2" sourceRef="LoopB" targetRef="LoopA"/></process>',
      ]),
      'LoopA',
      /从此处无法到达任何结束事件/,
    ],
  ])('refuses %s', async (_, xml, elementId, message) => {
    // The whole deploy check: some of these are bpmnlint's recommended rules (not repeated in validateModel).
    const result = await lintModel(xml);
    expect(result.errors).not.toEqual([]);
    const matching = result.errors.filter((e) => message.test(e.message));
    expect(matching).not.toEqual([]);
    expect(matching[0].elementId).toBe(elementId);
  });

  it('accepts a service passed in options, and checks templates only when given', async () => {
    const xml = edit([
      'sa:service="document.issue" sa:template="acceptance-notice"',
      'sa:service="payment.pay"',
    ]);
    expect((await validateModel(xml, { services: ['document.issue', 'payment.pay'] })).errors).toEqual([]);
    const unknownTemplate = await validateModel(VALID, { templates: ['public-notice'] });
    expect(unknownTemplate.errors.map((e) => e.message)).toEqual([
      '服务任务“出具通知”：未知的文书模板“acceptance-notice”',
    ]);
  });

  it('honours a smaller size limit', async () => {
    const result = await validateModel(VALID, { maxBytes: 100 });
    expect(result.errors).toEqual([{ message: '模型文件超过 0 MB 上限，拒绝解析' }]);
  });

  it('accepts a transaction sub-process (bpmn-elements implements it)', async () => {
    const xml = edit([
      TIMER,
      '<transaction id="Timer_Wait" name="事务"><startEvent id="TxStart"/><sequenceFlow id="tf" sourceRef="TxStart" targetRef="TxEnd"/><endEvent id="TxEnd" sa:outcome="inner"/></transaction>',
    ]);
    expect((await validateModel(xml)).errors).toEqual([]);
  });

  it('checks inside sub-processes too', async () => {
    const xml = edit([
      TIMER,
      '<subProcess id="Timer_Wait" name="子流程"><startEvent id="SubStart"/><sequenceFlow id="sf" sourceRef="SubStart" targetRef="SubTask"/><userTask id="SubTask" name="内部任务" camunda:candidateGroups="investigator"/></subProcess>',
    ]);
    const result = await validateModel(xml);
    expect(result.errors.map((e) => e.message)).toEqual([
      '用户任务“内部任务”：缺少 sa:due（办理时限，如 "10WD" 或 "7D"）',
    ]);
  });

  it('leaves a missing outcome to the legal rules, which refuse it (one report, not a warning too)', async () => {
    const result = await validateModel(edit([' sa:outcome="confirmed"', '']));
    expect(result.ok).toBe(true);
    expect(result.warnings).toEqual([]);
    const legal = (await lintModel(edit([' sa:outcome="confirmed"', '']))).errors.filter(
      (e) => e.elementId === 'End_Ok',
    );
    expect(legal).toHaveLength(1);
    expect(legal[0].message).toMatch(/^结束事件“完成”：未写明案件结果（sa:outcome）/);
  });

  it('lists only types bpmn-elements implements', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const elements = require('bpmn-elements') as Record<string, unknown>;
    // moddle-context-serializer maps DataObjectReference to bpmn-elements' Dummy itself.
    for (const type of SUPPORTED_FLOW_ELEMENTS.filter((t) => t !== 'bpmn:DataObjectReference')) {
      expect({ type, implemented: typeof elements[type.replace('bpmn:', '')] }).toEqual({
        type,
        implemented: 'function',
      });
    }
  });
});
