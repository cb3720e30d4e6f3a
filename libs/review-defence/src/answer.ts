/**
 * The 行政复议答复书 draft: what the organ answers, from the case's own record. Pure: the service
 * gathers the facts, this turns them into the paragraphs a legal officer checks and signs.
 */

/**
 * The respondent's duty to answer in writing within ten days of receiving the copy of the
 * application, with the evidence and basis of its act. The duty is confirmed (2017 text Art. 23);
 * the article number in the 2023 revision is Art. 48 as LEGAL.md records it, still marked there as
 * not verified against the official text: one constant, so the legal officer corrects it in one place.
 */
export const ANSWER_DUTY_CITATION = '《中华人民共和国行政复议法》第四十八条';

export interface AnswerStep {
  /** YYYY-MM-DD (China time). */
  date: string;
  text: string;
}

export interface AnswerInput {
  organ: { name: string; reviewGovernment: string; address?: string; phone?: string };
  applicantName: string;
  caseNo: string;
  programName: string;
  decision: {
    title: string;
    number: string | null;
    issuedOn: string;
    facts?: string;
    reasons?: string;
    legalBasis?: string;
  };
  /** The day the decision was served (deemed served), when a 送达 record exists. */
  servedOn: string | null;
  /** The day the organ received the copy of the 行政复议申请书. */
  applicationReceivedOn: string;
  /** What was done on the case, in any order: printed in date order. */
  steps: AnswerStep[];
  /** The 证据 listed, each a title with its 文号. */
  evidence: string[];
  answeredOn: string;
}

export interface AnswerText {
  title: string;
  /** 答复人 and its address, above the body. */
  respondent: string[];
  paragraphs: { text: string; heading?: boolean }[];
  /** 此致 and the addressee. */
  closing: string[];
  signature: string[];
}

/** "2026-12-06" → "2026年12月6日". */
export function cnDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

/** Free text ends with exactly one full stop, whatever the clerk typed. */
function sentence(text: string): string {
  const t = text.trim().replace(/[。；;，,.\s]+$/u, '');
  return t ? `${t}。` : '';
}

/** Steps in date order; a stable sort keeps same-day steps in the order they were recorded. */
export function orderedSteps(steps: AnswerStep[]): AnswerStep[] {
  return steps
    .map((s, i) => ({ s, i }))
    .sort((a, b) => a.s.date.localeCompare(b.s.date) || a.i - b.i)
    .map((x) => x.s);
}

export function answerText(input: AnswerInput): AnswerText {
  const { organ, decision } = input;
  const act = `《${decision.title}》${decision.number ? `（${decision.number}）` : ''}`;
  const cn = ['一', '二', '三', '四', '五'];
  const paragraphs: AnswerText['paragraphs'] = [
    {
      text:
        `申请人${input.applicantName}不服答复人于${cnDate(decision.issuedOn)}作出的${act}，` +
        `向${organ.reviewGovernment}申请行政复议。答复人于${cnDate(input.applicationReceivedOn)}收到行政复议申请书副本，` +
        `现依照${ANSWER_DUTY_CITATION}的规定，自收到之日起十日内提出书面答复如下：`,
    },
    { text: `${cn[0]}、答复人作出的行政行为及认定的事实`, heading: true },
    {
      text:
        `申请人${input.applicantName}申请${input.programName}（案件编号${input.caseNo}）。` +
        (sentence(decision.facts ?? '') ||
          '答复人经调查核实，认定的事实见所附决定书及家庭经济状况计算明细。') +
        `答复人据此作出${act}` +
        (input.servedOn ? `，并于${cnDate(input.servedOn)}依法送达申请人。` : '。'),
    },
    { text: `${cn[1]}、作出行政行为的依据`, heading: true },
    {
      text:
        (sentence(decision.reasons ?? '') ? `${sentence(decision.reasons ?? '')}` : '') +
        (sentence(decision.legalBasis ?? '')
          ? `依据：${sentence(decision.legalBasis ?? '')}`
          : '所适用的法律、法规和规章见所附决定书。'),
    },
    { text: `${cn[2]}、作出行政行为的程序`, heading: true },
    { text: '答复人按照法定程序办理本案，经过的步骤如下：' },
    ...orderedSteps(input.steps).map((s, i) => ({
      text: `（${i + 1}）${cnDate(s.date)}，${sentence(s.text)}`,
    })),
    { text: `${cn[3]}、证据和依据材料`, heading: true },
    {
      text:
        '答复人同时提交作出该行政行为的证据、依据和其他有关材料（见本答复材料目录），包括：' +
        input.evidence.map((e, i) => `${i + 1}. ${e}`).join('；') +
        '；以及冻结的数据快照、计算明细、送达记录、操作记录和所适用的流程模型与文书模板版本。',
    },
    { text: `${cn[4]}、答复意见`, heading: true },
    {
      text:
        `综上，答复人作出的${act}认定事实清楚，证据确实充分，适用依据正确，程序合法，内容适当。` +
        `请求${organ.reviewGovernment}依法维持。`,
    },
  ];
  return {
    title: '行政复议答复书',
    respondent: [
      `答复人：${organ.name}`,
      ...(organ.address ? [`住所：${organ.address}`] : []),
      ...(organ.phone ? [`联系电话：${organ.phone}`] : []),
      '法定代表人：＿＿＿＿＿＿　职务：＿＿＿＿＿＿',
    ],
    paragraphs,
    closing: ['此致', organ.reviewGovernment],
    signature: [`答复人：${organ.name}（盖章）`, cnDate(input.answeredOn)],
  };
}
