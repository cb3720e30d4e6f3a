/**
 * Pure rules of 主动发现 (proactive discovery): what a monitoring event from another department
 * must say, and how urgent the warning it raises is. No framework imports.
 */
import { isCalendarDate } from '@app/common';
import { regionLevel, residentIdProblem } from '@app/assistance';

export const EVENT_TYPES = {
  hospitalization: '住院（高额医疗费用）',
  disability_certificate: '新办残疾证',
  breadwinner_death: '家庭主要劳动力死亡',
  unemployment: '失业',
  hotline_report: '热线反映困难',
} as const;
export type EventType = keyof typeof EVENT_TYPES;

export const RISK_LEVELS = { high: '高', medium: '中', low: '低' } as const;
export type RiskLevel = keyof typeof RISK_LEVELS;

export interface MonitoringEventInput {
  source: string;
  sourceEventId: string;
  type: string;
  occurredOn: string;
  person: { name: string; idNumber: string; address?: string; phone?: string };
  regionCode: string;
  details: string;
  /** Hospital cost borne by the person, in fen. */
  amountFen?: number;
}

export interface RiskParameters {
  /** A hospitalization costing at least this much (fen) is high risk. *Default* 20,000 yuan. */
  highHospitalCostFen: number;
  /** At least this much (fen) is medium risk. *Default* 5,000 yuan. */
  mediumHospitalCostFen: number;
}

/** *Default* thresholds (DOMAIN.md: "hospitalization with high costs"); a region may set its own. */
export const DEFAULT_RISK_PARAMETERS: RiskParameters = {
  highHospitalCostFen: 2_000_000,
  mediumHospitalCostFen: 500_000,
};

/**
 * How urgent a warning is: the death of the breadwinner and a costly hospitalization are high; a
 * new disability certificate, unemployment and a cheaper hospitalization are medium; a hotline
 * report not yet verified is low. A person already on assistance is one level lower (the township
 * already follows them), never below low.
 */
export function riskLevel(
  event: { type: EventType; amountFen?: number | null },
  context: { alreadyAssisted: boolean },
  parameters: RiskParameters = DEFAULT_RISK_PARAMETERS,
): RiskLevel {
  let level: RiskLevel;
  switch (event.type) {
    case 'breadwinner_death':
      level = 'high';
      break;
    case 'hospitalization': {
      const cost = event.amountFen ?? 0;
      level =
        cost >= parameters.highHospitalCostFen
          ? 'high'
          : cost >= parameters.mediumHospitalCostFen
            ? 'medium'
            : 'low';
      break;
    }
    case 'disability_certificate':
    case 'unemployment':
      level = 'medium';
      break;
    default:
      level = 'low';
  }
  if (context.alreadyAssisted) level = level === 'high' ? 'medium' : 'low';
  return level;
}

/**
 * What is wrong with an event beyond its shape (checked by the DTO): a valid resident ID, a village
 * code, a real date not in the future, a hospital cost only on hospitalizations. zh-CN, by field.
 */
export function monitoringEventProblems(
  event: MonitoringEventInput,
  today: string,
): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  if (!(event.type in EVENT_TYPES)) {
    problems.push({
      field: 'type',
      message: `事件类型应为：${Object.entries(EVENT_TYPES)
        .map(([id, name]) => `${id}（${name}）`)
        .join('、')}`,
    });
  }
  if (!isCalendarDate(event.occurredOn))
    problems.push({ field: 'occurredOn', message: '发生日期应为有效日期（YYYY-MM-DD）' });
  else if (event.occurredOn > today) problems.push({ field: 'occurredOn', message: '发生日期不能晚于今天' });
  const idProblem = residentIdProblem(event.person.idNumber, today);
  if (idProblem) problems.push({ field: 'person.idNumber', message: `身份证号码无效：${idProblem}` });
  if (regionLevel(event.regionCode) !== 'village') {
    problems.push({ field: 'regionCode', message: '应为12位村（社区）行政区划代码' });
  }
  if (event.amountFen !== undefined && event.type !== 'hospitalization') {
    problems.push({ field: 'amountFen', message: '只有住院事件可以填写医疗费用' });
  }
  return problems;
}
