/**
 * A corpus of defective models (issue 15), each with the element its error must name and the
 * message it must produce. Most are one small mutation of processes/dibao-application.bpmn; the
 * rest are small hand-written models. Run against `lintModel` (libs/process-models/src/rules/
 * defective-models.spec.ts) and over HTTP against the lint and deploy endpoints
 * (test/model-lint.e2e-spec.ts). Test support only.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LintModelOptions } from '../lint-model';

export interface DefectiveModel {
  name: string;
  kind: 'legal' | 'technical';
  xml: string;
  /** The element the error names (`elementId`, the deploy's `details[].field`). */
  elementId: string;
  message: RegExp;
  /** Lint options beyond the app's (e.g. the policy parameters in force); such cases run in the unit corpus only. */
  options?: Partial<LintModelOptions>;
}

const bundled = (file: string) =>
  fs.readFileSync(path.join(__dirname, '../../../../processes', file), 'utf8');
export const DIBAO_XML = bundled('dibao-application.bpmn');
const TEKUN_XML = bundled('tekun-application.bpmn');
const LINSHI_XML = bundled('temporary-assistance.bpmn');
const REVIEW_XML = bundled('dibao-review.bpmn');

type Edit = [from: string | RegExp, to: string, optional?: 'optional'];

/** Applies each edit once; an edit that matches nothing is a broken fixture, not a passing test. */
export function mutate(xml: string, edits: Edit[]): string {
  let out = xml;
  for (const [from, to, optional] of edits) {
    const found = typeof from === 'string' ? out.includes(from) : from.test(out);
    if (!found && optional) continue;
    if (!found) throw new Error(`fixture edit matches nothing: ${String(from)}`);
    out = out.replace(from, to);
  }
  return out;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Removes an element (flow node or sequence flow), its diagram shape or edge, and references to it. */
export function remove(id: string): Edit[] {
  const e = escape(id);
  return [
    [new RegExp(`\\s*<bpmn:(\\w+) id="${e}"[^>]*?(/>|>[\\s\\S]*?</bpmn:\\1>)`), ''],
    [new RegExp(`\\s*<bpmndi:BPMN(Shape|Edge) id="${e}_di"[\\s\\S]*?</bpmndi:BPMN\\1>`), ''],
    [new RegExp(`\\s*<bpmn:(incoming|outgoing)>${e}</bpmn:(incoming|outgoing)>`, 'g'), '', 'optional'],
  ];
}

const dibao = (edits: Edit[]) => mutate(DIBAO_XML, edits);
/**
 * The opinion gateway the bundled models once had: only an eligible opinion went to 公示, an
 * ineligible one straight to the county (unlawful: 审核确认办法第十九条 publicises every 初审意见).
 */
const ineligibleSkipsNotice = (inflow: string, merge: string): Edit[] => [
  [
    new RegExp(`(<bpmn:sequenceFlow id="${inflow}"[^>]*targetRef=")Task_IssuePublicNotice"`),
    '$1Gateway_OpinionSkip"',
  ],
  [
    '</bpmn:process>',
    `  <bpmn:exclusiveGateway id="Gateway_OpinionSkip" name="初审意见" default="Flow_IneligibleSkip" />
    <bpmn:sequenceFlow id="Flow_EligibleNotice" sourceRef="Gateway_OpinionSkip" targetRef="Task_IssuePublicNotice"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">\${opinion == &quot;eligible&quot;}</bpmn:conditionExpression></bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="Flow_IneligibleSkip" sourceRef="Gateway_OpinionSkip" targetRef="${merge}" />
  </bpmn:process>`,
  ],
];
const retarget = (flow: string, target: string): Edit => [
  new RegExp(`(<bpmn:sequenceFlow id="${escape(flow)}"[^>]*targetRef=")[^"]*"`),
  `$1${target}"`,
];
const condition = (flow: string, expression: string): Edit => [
  new RegExp(`(<bpmn:sequenceFlow id="${escape(flow)}"[\\s\\S]*?<bpmn:conditionExpression[^>]*>)[^<]*`),
  `$1${expression.replace(/"/g, '&quot;')}`,
];
const timer = (value: string): Edit => [
  '>${publicNoticeWait}</bpmn:timeDuration>',
  `>${value}</bpmn:timeDuration>`,
];
const attribute = (id: string, name: string, value: string): Edit => [
  new RegExp(`(<bpmn:\\w+ id="${escape(id)}"[^>]*? ${escape(name)}=")[^"]*"`),
  `$1${value}"`,
];
const dropAttribute = (id: string, name: string): Edit => [
  new RegExp(`(<bpmn:\\w+ id="${escape(id)}"[^>]*?) ${escape(name)}="[^"]*"`),
  '$1',
];
const addFlow = (id: string, source: string, target: string, expression: string): Edit => [
  '</bpmn:process>',
  `  <bpmn:sequenceFlow id="${id}" sourceRef="${source}" targetRef="${target}"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${expression.replace(/"/g, '&quot;')}</bpmn:conditionExpression></bpmn:sequenceFlow>\n  </bpmn:process>`,
];

/** A small model that passes every rule; the hand-written cases insert one element before 审查. */
export const SMALL_XML = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:sa="http://shehuijiuzhu.gov.cn/schema/bpmn/1.0" id="Defs_Corpus" targetNamespace="http://example.org/corpus">
  <process id="corpus-small" name="语料小流程" isExecutable="true">
    <startEvent id="Start" name="开始" />
    <userTask id="Task_Review" name="审查" camunda:candidateGroups="township_reviewer" sa:due="5WD">
      <extensionElements>
        <camunda:formData>
          <camunda:formField id="decision" label="决定" type="enum">
            <camunda:value id="yes" name="同意" />
            <camunda:value id="no" name="不同意" />
            <camunda:validation><camunda:constraint name="required" /></camunda:validation>
          </camunda:formField>
        </camunda:formData>
      </extensionElements>
    </userTask>
    <exclusiveGateway id="Gateway_Decision" name="决定" />
    <endEvent id="End_Yes" name="已答复（同意）" sa:outcome="replied" />
    <endEvent id="End_No" name="已答复（不同意）" sa:outcome="replied" />
    <sequenceFlow id="Flow_Start" sourceRef="Start" targetRef="Task_Review" />
    <sequenceFlow id="Flow_Reviewed" sourceRef="Task_Review" targetRef="Gateway_Decision" />
    <sequenceFlow id="Flow_Yes" name="同意" sourceRef="Gateway_Decision" targetRef="End_Yes">
      <conditionExpression xsi:type="tFormalExpression">\${decision == "yes"}</conditionExpression>
    </sequenceFlow>
    <sequenceFlow id="Flow_No" name="不同意" sourceRef="Gateway_Decision" targetRef="End_No">
      <conditionExpression xsi:type="tFormalExpression">\${decision == "no"}</conditionExpression>
    </sequenceFlow>
  </process>
</definitions>
`;

const small = (edits: Edit[]) => mutate(SMALL_XML, edits);
/** Start → `element` (id `id`) → 审查. */
const before = (id: string, element: string): Edit[] => [
  [
    '<sequenceFlow id="Flow_Start" sourceRef="Start" targetRef="Task_Review" />',
    `${element}
    <sequenceFlow id="Flow_Start" sourceRef="Start" targetRef="${id}" />
    <sequenceFlow id="Flow_Then" sourceRef="${id}" targetRef="Task_Review" />`,
  ],
];

export const DEFECTIVE_MODELS: DefectiveModel[] = [
  // ── Legal: 公示 ──────────────────────────────────────────────
  {
    name: '公示 removed',
    kind: 'legal',
    xml: dibao([
      ...remove('Timer_PublicNoticePeriod'),
      ...remove('Flow_PublicNoticeEnded'),
      retarget('Flow_PublicNoticeIssued', 'Task_RecordPublicNoticeResult'),
    ]),
    elementId: 'dibao-application',
    message: /缺少公示环节.*公示 7 日（《最低生活保障审核确认办法》第十九条）/,
  },
  {
    name: '公示 shortened to 2 days',
    kind: 'legal',
    xml: dibao([timer('P2D')]),
    elementId: 'Timer_PublicNoticePeriod',
    message: /^中间捕获事件“公示期 7 天”：公示期“P2D”短于法定的 7 日.*请改为“P7D”/,
  },
  {
    name: '公示 shortened to 1 minute',
    kind: 'legal',
    xml: dibao([timer('PT1M')]),
    elementId: 'Timer_PublicNoticePeriod',
    message: /公示期“PT1M”短于法定的 7 日/,
  },
  {
    name: '公示 of 6 days',
    kind: 'legal',
    xml: dibao([timer('P6D')]),
    elementId: 'Timer_PublicNoticePeriod',
    message: /公示期“P6D”短于法定的 7 日/,
  },
  {
    name: '公示 no longer declared (sa:step removed)',
    kind: 'legal',
    xml: dibao([dropAttribute('Timer_PublicNoticePeriod', 'sa:step')]),
    elementId: 'dibao-application',
    message: /缺少公示环节/,
  },
  {
    name: '公示 bypassed by a flow from the notice to the county decision',
    kind: 'legal',
    xml: dibao([
      retarget('Flow_PublicNoticeIssued', 'Gateway_PublicNoticeSkip'),
      [
        '</bpmn:process>',
        `  <bpmn:exclusiveGateway id="Gateway_PublicNoticeSkip" name="是否跳过公示" default="Flow_ToPublicNotice" />
    <bpmn:sequenceFlow id="Flow_ToPublicNotice" sourceRef="Gateway_PublicNoticeSkip" targetRef="Timer_PublicNoticePeriod" />
    <bpmn:sequenceFlow id="Flow_SkipPublicNotice" sourceRef="Gateway_PublicNoticeSkip" targetRef="Gateway_AfterReview"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">\${objection}</bpmn:conditionExpression></bpmn:sequenceFlow>
  </bpmn:process>`,
      ],
    ]),
    elementId: 'Task_CountyConfirmation',
    message: /未等公示期满即到达此环节/,
  },
  {
    name: '低保: an ineligible first-instance opinion goes to the county without 公示',
    kind: 'legal',
    xml: dibao(ineligibleSkipsNotice('Flow_OpinionIssued', 'Gateway_AfterReview')),
    elementId: 'Task_CountyConfirmation',
    message:
      /^用户任务“县级审核确认”：有路径未等公示期满即到达此环节；初审意见（无论是否符合条件）须公示 7 日（《最低生活保障审核确认办法》第十九条）/,
  },
  {
    name: '特困: an ineligible first-instance opinion goes to the county without 公示',
    kind: 'legal',
    xml: mutate(TEKUN_XML, ineligibleSkipsNotice('Flow_OpinionIssued', 'Gateway_AfterReview')),
    elementId: 'Task_CountyConfirmation',
    message:
      /未等公示期满即到达此环节；初审意见（无论是否符合条件）须公示 7 日（《特困人员认定办法》第十五条）/,
  },
  {
    name: '支出型临时救助: an ineligible review opinion goes to the approval without 公示',
    kind: 'legal',
    xml: mutate(LINSHI_XML, ineligibleSkipsNotice('Flow_TownshipReviewed', 'Gateway_AfterReview')),
    elementId: 'Task_CountyApproval',
    message:
      /^用户任务“县级民政部门审批”：有路径未等公示期满即到达此环节.*7 日（《社会救助暂行办法》第四十八条）/,
  },
  {
    name: '公示 of 7 days where the policy parameters in force set 10',
    kind: 'legal',
    xml: DIBAO_XML,
    options: { publicNoticeDays: 10 },
    elementId: 'Timer_PublicNoticePeriod',
    message:
      /^中间捕获事件“公示期 7 天”：公示期按公示文书所印的 7 日计算，短于10 日（现行救助政策参数；法定不少于 7 日，《最低生活保障审核确认办法》第十九条）；请改为“P10D”/,
  },
  // ── Legal: 入户调查 ──────────────────────────────────────────
  {
    name: 'investigation removed',
    kind: 'legal',
    xml: dibao([
      ...remove('Task_HomeVisit'),
      ...remove('Task_IssueHomeVisitRecord'),
      ...remove('Gateway_VisitCooperation'),
      ...remove('Flow_HomeVisited'),
      ...remove('Flow_HomeVisitRecordIssued'),
      ...remove('Flow_VisitCooperative'),
      ...remove('Flow_VisitRefused'),
      retarget('Flow_CheckCooperative', 'Task_NeighbourVisit'),
    ]),
    elementId: 'dibao-application',
    message: /缺少入户调查环节/,
  },
  {
    name: 'investigation no longer declared (sa:step removed)',
    kind: 'legal',
    xml: dibao([dropAttribute('Task_HomeVisit', 'sa:step')]),
    elementId: 'dibao-application',
    message: /缺少入户调查环节.*第二十八条/,
  },
  {
    name: 'investigation bypassed by ${fastTrack}',
    kind: 'legal',
    xml: dibao([
      addFlow('Flow_FastTrack', 'Gateway_CheckCooperation', 'Gateway_ReviewMerge', '${fastTrack}'),
    ]),
    elementId: 'EndEvent_Confirmed',
    message: /^结束事件“确认享受低保（转入动态管理）”：有路径未经入户调查（用户任务“入户调查”）即到达此决定/,
  },
  {
    name: '${fastTrack} is not a declared variable',
    kind: 'technical',
    xml: dibao([
      addFlow('Flow_FastTrack', 'Gateway_CheckCooperation', 'Gateway_ReviewMerge', '${fastTrack}'),
    ]),
    elementId: 'Flow_FastTrack',
    message: /未声明的变量“fastTrack”/,
  },
  {
    name: 'investigation bypassed by a declared boolean field',
    kind: 'legal',
    xml: dibao([
      addFlow('Flow_FastTrack', 'Gateway_CheckCooperation', 'Gateway_ReviewMerge', '${nearRelative}'),
    ]),
    elementId: 'EndEvent_Refused',
    message: /有路径未经入户调查.*即到达此决定/,
  },
  // ── Legal: levels ────────────────────────────────────────────
  {
    name: 'county confirmation assigned to window_clerk',
    kind: 'legal',
    xml: dibao([attribute('Task_CountyConfirmation', 'camunda:candidateGroups', 'window_clerk')]),
    elementId: 'Task_CountyConfirmation',
    message:
      /^用户任务“县级审核确认”：审核确认由县级民政部门行使，不能交给乡镇（街道）的角色“window_clerk”；请改为“county_approver”/,
  },
  {
    name: 'county confirmation assigned to township_reviewer',
    kind: 'legal',
    xml: dibao([attribute('Task_CountyConfirmation', 'camunda:candidateGroups', 'township_reviewer')]),
    elementId: 'Task_CountyConfirmation',
    message: /不能交给乡镇（街道）的角色“township_reviewer”/,
  },
  {
    name: 'acceptance assigned to county_approver',
    kind: 'legal',
    xml: dibao([attribute('Task_AcceptanceReview', 'camunda:candidateGroups', 'county_approver')]),
    elementId: 'Task_AcceptanceReview',
    message: /受理由乡镇（街道）行使，不能交给县级民政部门的角色“county_approver”/,
  },
  {
    name: 'confirmation no longer declared (sa:step removed)',
    kind: 'legal',
    xml: dibao([dropAttribute('Task_CountyConfirmation', 'sa:step')]),
    elementId: 'dibao-application',
    message: /缺少审核确认环节/,
  },
  {
    name: 'confirmation entrusted to the township in 低保',
    kind: 'legal',
    xml: dibao([
      attribute('Task_CountyConfirmation', 'sa:step', 'entrusted-confirmation'),
      attribute('Task_CountyConfirmation', 'camunda:candidateGroups', 'township_reviewer'),
    ]),
    elementId: 'Task_CountyConfirmation',
    message: /最低生活保障的审核确认不得委托乡镇/,
  },
  // ── Legal: deadlines ─────────────────────────────────────────
  {
    name: 'a deadline of 999WD',
    kind: 'legal',
    xml: dibao([attribute('Task_HomeVisit', 'sa:due', '999WD')]),
    elementId: 'Task_HomeVisit',
    message: /^用户任务“入户调查”：办理时限 sa:due=“999WD”超过整个案件的办理时限 45 个工作日/,
  },
  {
    name: 'a deadline of 0D',
    kind: 'legal',
    xml: dibao([attribute('Task_TownshipReview', 'sa:due', '0D')]),
    elementId: 'Task_TownshipReview',
    message: /办理时限 sa:due=“0D”为 0，任务一开始即逾期/,
  },
  {
    name: 'caseLimit 300WD',
    kind: 'legal',
    xml: dibao([attribute('dibao-application', 'sa:caseLimit', '300WD')]),
    elementId: 'dibao-application',
    message: /sa:caseLimit=“300WD”超过法定的 30 个工作日（《最低生活保障审核确认办法》第二十二条）/,
  },
  {
    name: 'caseLimitExtended 90WD',
    kind: 'legal',
    xml: dibao([attribute('dibao-application', 'sa:caseLimitExtended', '90WD')]),
    elementId: 'dibao-application',
    message: /sa:caseLimitExtended=“90WD”超过法定的 45 个工作日/,
  },
  {
    name: 'county confirmation due in 20WD',
    kind: 'legal',
    xml: dibao([attribute('Task_CountyConfirmation', 'sa:due', '20WD')]),
    elementId: 'Task_CountyConfirmation',
    message: /审核确认时限 sa:due=“20WD”超过法定的 10 个工作日（《最低生活保障审核确认办法》第二十条）/,
  },
  // ── Legal: outcomes ──────────────────────────────────────────
  {
    name: 'refusal end relabelled "granted"',
    kind: 'legal',
    xml: dibao([attribute('EndEvent_Refused', 'sa:outcome', 'granted')]),
    elementId: 'EndEvent_Refused',
    message: /^结束事件“不予确认”：结果记为“granted”.*出具不利决定“non-confirmation-decision”/,
  },
  {
    name: 'not-eligible end relabelled "confirmed"',
    kind: 'legal',
    xml: dibao([attribute('EndEvent_NotEligible', 'sa:outcome', 'confirmed')]),
    elementId: 'EndEvent_NotEligible',
    message: /结果记为“confirmed”.*ineligibility-notice/,
  },
  {
    name: 'refusal end without an outcome',
    kind: 'legal',
    xml: dibao([dropAttribute('EndEvent_Refused', 'sa:outcome')]),
    elementId: 'EndEvent_Refused',
    message: /^结束事件“不予确认”：未写明案件结果（sa:outcome）；请从以下结果中选择：.*refused（不予确认）/,
  },
  {
    name: 'an outcome outside the vocabulary',
    kind: 'legal',
    xml: dibao([attribute('EndEvent_Refused', 'sa:outcome', 'rejected')]),
    elementId: 'EndEvent_Refused',
    message: /案件结果“rejected”不在已登记的结果中/,
  },
  {
    name: 'a grant end with no decision on its path',
    kind: 'legal',
    xml: small([
      ['name="语料小流程"', 'name="语料小流程" sa:program="corpus" sa:kind="application"'],
      [
        '<endEvent id="End_Yes" name="已答复（同意）" sa:outcome="replied" />',
        '<endEvent id="End_Yes" name="给予救助" sa:outcome="granted" />',
      ],
    ]),
    elementId: 'End_Yes',
    message: /结果记为“granted”（给予救助），但有路径未出具任何决定书或通知书即到达此处/,
  },
  // ── Legal: 送达 ──────────────────────────────────────────────
  {
    name: '送达 task removed while its receipt stays',
    kind: 'legal',
    xml: dibao([
      ...remove('Task_ServeNonConfirmation'),
      ...remove('Flow_NonConfirmationServed'),
      retarget('Flow_NonConfirmationIssued', 'Task_IssueNonConfirmationReceipt'),
    ]),
    elementId: 'Task_IssueNonConfirmation',
    message:
      /^服务任务“出具不予确认决定书”：文书“non-confirmation-decision”须送达申请人，但有路径未经送达环节即到达结束事件“不予确认”/,
  },
  {
    name: '送达 task that no longer records the method',
    kind: 'legal',
    xml: dibao([
      [
        /(<bpmn:userTask id="Task_ServeConfirmation"[\s\S]*?)<camunda:formField id="serviceMethod"[\s\S]*?<\/camunda:formField>/,
        '$1',
      ],
    ]),
    elementId: 'Task_IssueConfirmationNotice',
    message: /文书“confirmation-notice”须送达申请人，但有路径未经送达环节/,
  },
  {
    name: 'an unknown step kind',
    kind: 'legal',
    xml: dibao([attribute('Task_HomeVisit', 'sa:step', 'home-visit')]),
    elementId: 'Task_HomeVisit',
    message: /sa:step“home-visit”不是已登记的环节类型/,
  },
  {
    name: 'an emergency step in 低保',
    kind: 'legal',
    xml: dibao([attribute('Task_TownshipReview', 'sa:step', 'emergency')]),
    elementId: 'Task_TownshipReview',
    message: /最低生活保障没有先行救助程序/,
  },
  // ── Technical: gateways ──────────────────────────────────────
  {
    name: 'decision=refuse has no branch',
    kind: 'technical',
    xml: dibao([condition('Flow_CountyRefuse', '${decision == "reject"}')]),
    elementId: 'Gateway_CountyDecision',
    message:
      /^排他网关“审核确认意见”：没有默认流，而字段“审核确认意见”的取值“不予确认同意”（refuse）没有出口/,
  },
  {
    name: 'supplement has no branch at acceptance',
    kind: 'technical',
    xml: dibao([condition('Flow_Supplement', '${decision == "more"}')]),
    elementId: 'Gateway_AcceptanceDecision',
    message: /取值“一次性告知补正材料”（supplement）没有出口/,
  },
  {
    name: 'a gateway on a free-text field with no default',
    kind: 'technical',
    xml: dibao([
      condition('Flow_Confirm', '${reasons == "同意"}'),
      condition('Flow_CountyRefuse', '${reasons == "不同意"}'),
    ]),
    elementId: 'Gateway_CountyDecision',
    message: /“reasons”不是表单中的枚举或是非字段/,
  },
  // ── Technical: expressions ───────────────────────────────────
  {
    name: 'execution.hasVariable(...) in a condition',
    kind: 'technical',
    xml: dibao([condition('Flow_Objection', '${execution.hasVariable("objection")}')]),
    elementId: 'Flow_Objection',
    message: /调用了“execution.hasVariable\(…\)”；表达式只能比较变量，不能调用方法/,
  },
  {
    name: '${income > 100} on an undeclared variable',
    kind: 'technical',
    xml: dibao([condition('Flow_Objection', '${income > 100}')]),
    elementId: 'Flow_Objection',
    message: /^顺序流“有异议”：表达式“\$\{income > 100\}”引用了未声明的变量“income”/,
  },
  {
    name: 'a misspelt field in a condition',
    kind: 'technical',
    xml: dibao([condition('Flow_Confirm', '${decison == "confirm"}')]),
    elementId: 'Flow_Confirm',
    message: /^顺序流“确认同意”：表达式“\$\{decison == "confirm"\}”引用了未声明的变量“decison”/,
  },
  // ── Technical: timers ────────────────────────────────────────
  {
    name: 'a timer "abc"',
    kind: 'technical',
    xml: dibao([timer('abc')]),
    elementId: 'Timer_PublicNoticePeriod',
    message: /定时器时长“abc”引擎无法解析/,
  },
  {
    name: 'a timer ${undefinedVar}',
    kind: 'technical',
    xml: dibao([timer('${undefinedVar}')]),
    elementId: 'Timer_PublicNoticePeriod',
    message: /未声明的变量“undefinedVar”/,
  },
  {
    name: 'a timer of zero',
    kind: 'technical',
    xml: small(
      before(
        'Timer_Zero',
        '<intermediateCatchEvent id="Timer_Zero" name="等待"><timerEventDefinition><timeDuration xsi:type="tFormalExpression">PT0S</timeDuration></timerEventDefinition></intermediateCatchEvent>',
      ),
    ),
    elementId: 'Timer_Zero',
    message: /定时器时长“PT0S”为 0，会立即触发/,
  },
  {
    name: 'a timeDate in the past',
    kind: 'technical',
    xml: small(
      before(
        'Timer_Past',
        '<intermediateCatchEvent id="Timer_Past" name="等到开始日"><timerEventDefinition><timeDate xsi:type="tFormalExpression">2020-01-01T00:00:00+08:00</timeDate></timerEventDefinition></intermediateCatchEvent>',
      ),
    ),
    elementId: 'Timer_Past',
    message: /定时器日期“2020-01-01T00:00:00\+08:00”已经过去，定时器会立即触发/,
  },
  {
    name: 'a timeDate that is not a date',
    kind: 'technical',
    xml: small(
      before(
        'Timer_Bad',
        '<intermediateCatchEvent id="Timer_Bad" name="等到开始日"><timerEventDefinition><timeDate xsi:type="tFormalExpression">2099-13-01</timeDate></timerEventDefinition></intermediateCatchEvent>',
      ),
    ),
    elementId: 'Timer_Bad',
    message: /定时器日期“2099-13-01”引擎无法解析/,
  },
  // ── Technical: elements the host cannot drive ────────────────
  {
    name: 'a message catch event',
    kind: 'technical',
    xml: small(
      before(
        'Catch_Message',
        '<intermediateCatchEvent id="Catch_Message" name="等待回函"><messageEventDefinition /></intermediateCatchEvent>',
      ),
    ),
    elementId: 'Catch_Message',
    message: /^中间捕获事件“等待回函”：本系统没有任何接口投递消息/,
  },
  {
    name: 'a signal catch event',
    kind: 'technical',
    xml: small(
      before(
        'Catch_Signal',
        '<intermediateCatchEvent id="Catch_Signal" name="等待信号"><signalEventDefinition /></intermediateCatchEvent>',
      ),
    ),
    elementId: 'Catch_Signal',
    message: /本系统没有任何接口投递信号/,
  },
  {
    name: 'a receive task',
    kind: 'technical',
    xml: small(before('Task_Receive', '<receiveTask id="Task_Receive" name="接收材料" />')),
    elementId: 'Task_Receive',
    message: /^接收任务“接收材料”：本系统没有任何接口投递消息/,
  },
  {
    name: 'an untyped task',
    kind: 'technical',
    xml: small(before('Task_Plain', '<task id="Task_Plain" name="核实" />')),
    elementId: 'Task_Plain',
    message: /^任务“核实”：未指定类型的任务没有人办理/,
  },
  {
    name: 'a manual task',
    kind: 'technical',
    xml: small(before('Task_Manual', '<manualTask id="Task_Manual" name="电话回访" />')),
    elementId: 'Task_Manual',
    message: /^手工任务“电话回访”：手工任务不会出现在任何人的待办中/,
  },
  {
    name: 'a loop of service tasks with no wait state',
    kind: 'technical',
    xml: small([
      ...before(
        'Task_Urgency',
        '<serviceTask id="Task_Urgency" name="标记紧急程度" sa:service="case.urgency" />',
      ),
      [
        '<sequenceFlow id="Flow_Then" sourceRef="Task_Urgency" targetRef="Task_Review" />',
        `<exclusiveGateway id="Gateway_Again" name="再算一次" default="Flow_Done" />
    <sequenceFlow id="Flow_Then" sourceRef="Task_Urgency" targetRef="Gateway_Again" />
    <sequenceFlow id="Flow_Done" sourceRef="Gateway_Again" targetRef="Task_Review" />
    <sequenceFlow id="Flow_Again" sourceRef="Gateway_Again" targetRef="Task_Urgency"><conditionExpression xsi:type="tFormalExpression">\${urgencyLabel != null}</conditionExpression></sequenceFlow>`,
      ],
    ]),
    elementId: 'Task_Urgency',
    message: /没有等待环节（用户任务或定时事件）的循环中，会无限次地调用服务/,
  },
  // ── Technical: the parser ────────────────────────────────────
  {
    name: 'a duplicate id',
    kind: 'technical',
    xml: small([['<endEvent id="End_No"', '<endEvent id="End_Yes"']]),
    elementId: 'End_Yes',
    message:
      /^结束事件“已答复（同意）”：元素 id“End_Yes”重复，另一个同 id 的元素被丢弃；请为每个元素使用不同的 id/,
  },
  {
    name: 'an unresolved reference',
    kind: 'technical',
    xml: small([
      [
        'sourceRef="Task_Review" targetRef="Gateway_Decision"',
        'sourceRef="Task_Review" targetRef="Gateway_Missing"',
      ],
    ]),
    elementId: 'Flow_Reviewed',
    message: /^顺序流（Flow_Reviewed，未命名）：引用了不存在的元素“Gateway_Missing”/,
  },
  // ── Program: case-number series ──────────────────────────────
  {
    name: 'a procedure without its own case-number series',
    kind: 'technical',
    xml: mutate(REVIEW_XML, [[' sa:caseNoPrefix="DBHC"', '']]),
    elementId: 'dibao-review',
    message:
      /^流程“低保定期核查与动态调整”：程序类流程须写明自己的案件编号前缀 sa:caseNoPrefix.*否则会占用“DIBAO”的编号序列/,
  },
  {
    name: "a procedure numbered in its program's application series",
    kind: 'technical',
    xml: mutate(REVIEW_XML, [[' sa:caseNoPrefix="DBHC"', ' sa:caseNoPrefix="DIBAO"']]),
    elementId: 'dibao-review',
    message: /案件编号前缀 sa:caseNoPrefix“DIBAO”与本项目申请案件的编号序列相同/,
  },
  {
    name: '退回 without a reason field',
    kind: 'legal',
    xml: dibao([[' sa:reasonField="returnReason"', '']]),
    elementId: 'Flow_ReturnToInvestigation',
    message:
      /^顺序流“退回补充调查”：退回流转须以 sa:reasonField 指明用户任务“乡镇初审”中记录退回理由的表单字段/,
  },
  {
    name: '退回 reason that may be left empty',
    kind: 'legal',
    xml: dibao([['<camunda:constraint name="requiredWhen" config="opinion=return" />', '']]),
    elementId: 'Flow_ReturnToInvestigation',
    message: /退回理由字段“退回理由（退回补充调查时必填）”须为文本，且在退回时必填/,
  },
  {
    name: '退回 that goes forward (to the county confirmation)',
    kind: 'legal',
    xml: dibao([retarget('Flow_ReturnToInvestigation', 'Task_CountyConfirmation')]),
    elementId: 'Flow_ReturnToInvestigation',
    message: /须退回到此前的办理环节/,
  },
];

/** Not defects: models a too-eager lint would refuse. */
export const ACCEPTABLE_MODELS: { name: string; xml: string }[] = [
  {
    name: 'encoding="ISO-8859-1" with ASCII content',
    xml: small([['encoding="UTF-8"', 'encoding="ISO-8859-1"']]).replace(/[\u0080-\uffff]/g, 'x'),
  },
  { name: 'the small base model', xml: SMALL_XML },
];
