import { WorkingCalendar, isIsoDate, plusDays } from '@app/workflow';

/** 送达方式 (民诉法 Arts. 88–95). */
export const SERVICE_METHODS = ['direct', 'left', 'post', 'electronic', 'public', 'entrusted'] as const;
export type ServiceMethod = (typeof SERVICE_METHODS)[number];

export const SERVICE_METHOD_NAMES: Record<ServiceMethod, string> = {
  direct: '直接送达',
  left: '留置送达',
  post: '邮寄送达',
  electronic: '电子送达',
  public: '公告送达',
  entrusted: '委托送达',
};

/** 公告送达: deemed served this many days after publication (民诉法 Art. 95, 2021 revision). */
export const PUBLIC_NOTICE_DAYS = 30;

export interface ServiceFacts {
  method: unknown;
  /** The date on the 送达回证; for 公告送达 the publication date. */
  servedOn: unknown;
  /** Issue date of the served document. */
  documentIssuedOn: string;
  today: string;
  witnesses: readonly string[];
  evidence?: string | null;
  /** A signed electronic-service consent of this recipient is on file. */
  hasElectronicConsent: boolean;
}

export interface ServiceProblem {
  field: string;
  message: string;
}

/**
 * The legal checks on a 送达回证 and the date the document counts as served. Problems carry the
 * form field path (`data.<field>`) so the step rolls back and the form shows them.
 */
export function checkService(facts: ServiceFacts): {
  deemedServedOn: string | null;
  problems: ServiceProblem[];
} {
  const problems: ServiceProblem[] = [];
  const at = (field: string, message: string) => problems.push({ field: `data.${field}`, message });
  const method = facts.method as ServiceMethod;
  if (!SERVICE_METHODS.includes(method)) {
    at('serviceMethod', `送达方式“${String(facts.method)}”无效`);
    return { deemedServedOn: null, problems };
  }
  const evidence = typeof facts.evidence === 'string' ? facts.evidence.trim() : '';
  if (!isIsoDate(facts.servedOn)) {
    at('serviceDate', '请填写送达日期');
  } else if (facts.servedOn < facts.documentIssuedOn) {
    at('serviceDate', `送达日期不能早于文书出具日期（${facts.documentIssuedOn}）`);
  } else if (facts.servedOn > facts.today) {
    at('serviceDate', '送达日期不能晚于今天');
  }
  if (method === 'left') {
    if (!facts.witnesses.some((w) => w.trim()))
      at('witnesses', '留置送达应有见证人（基层组织或所在单位的代表）签名（《民事诉讼法》第八十九条）');
    if (!evidence) at('evidence', '留置送达应记录拍照、录像等证据');
  }
  if (method === 'post' && !evidence)
    at('evidence', '邮寄送达应填写邮件单号等凭证（《民事诉讼法》第九十一条）');
  if (method === 'electronic' && !facts.hasElectronicConsent)
    at('serviceMethod', '受送达人未签署电子送达确认书，不能电子送达（《民事诉讼法》第九十条）');
  if (problems.length) return { deemedServedOn: null, problems };
  const servedOn = facts.servedOn as string;
  return {
    deemedServedOn: method === 'public' ? plusDays(servedOn, PUBLIC_NOTICE_DAYS) : servedOn,
    problems,
  };
}

export interface RemedyDeadlines {
  /** 行政复议: 60 days (行政复议法 Art. 20). */
  reconsiderationUntil: string;
  /** 行政诉讼: 6 months (行政诉讼法 Art. 46). */
  litigationUntil: string;
  /** False when a date lies in a year no loaded or packaged holiday calendar covers. */
  certain: boolean;
}

/**
 * The remedy clock from the day the document counts as served: the start day is not counted and
 * a last day on a statutory holiday or rest day moves to the next working day (民诉法 Art. 85).
 */
export function remedyDeadlines(deemedServedOn: string, calendar: WorkingCalendar): RemedyDeadlines {
  const reconsideration = calendar.addCalendarDays(deemedServedOn, 60);
  const litigation = calendar.addMonths(deemedServedOn, 6);
  return {
    reconsiderationUntil: reconsideration.date,
    litigationUntil: litigation.date,
    certain: reconsideration.certain && litigation.certain,
  };
}
