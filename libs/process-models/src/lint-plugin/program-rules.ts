/**
 * Program rules checked against what is already deployed (issue 15): one application process per
 * program, a new version keeps its program and kind, and the same bytes are not silently
 * re-dated. A legal officer's explicit retirement of a key lifts the second rule the only way it
 * lifts: the retired key takes no new versions, and a process under a new id may take its program
 * and kind from the retirement date on (never before, so two never overlap).
 * Pure: the deploy passes in what it read from the store.
 */
import type { ModelIssue } from '../validate-model';

export interface DeployedVersion {
  key: string;
  version: number;
  name: string;
  program?: string;
  kind?: string;
  effectiveFrom: string;
  contentHash: string;
  /** The case-number series its cases take (`caseSeries`). */
  caseSeries?: string;
  /** The date (YYYY-MM-DD) from which the legal officer retired its key, if retired. */
  retiredFrom?: string;
}

export interface DeployCandidate {
  key: string;
  name: string;
  program?: string;
  kind?: string;
  contentHash: string;
  caseSeries?: string;
  /**
   * The date from which the deployer asked the bytes to be in effect (YYYY-MM-DD); undefined when no
   * date was asked (the bundled models at start, a studio deploy without a date): then the same
   * bytes simply stay the version they are.
   */
  effectiveFrom?: string;
}

/** Kinds of which a program may have only one process: the one that receives its cases. */
const SINGLE_KINDS = new Set(['application', 'monitoring']);
const KIND_NAMES: Record<string, string> = { application: '申请', procedure: '程序', monitoring: '监测预警' };

/**
 * @param deployed every stored version (any key), newest version of each key first or not — order free.
 * @param today the application's today (YYYY-MM-DD): the candidate's date when none was asked.
 */
export function programConflicts(
  candidate: DeployCandidate,
  deployed: DeployedVersion[],
  today: string,
): ModelIssue[] {
  const issues: ModelIssue[] = [];
  const at = (message: string) =>
    issues.push({ elementId: candidate.key, message: `流程“${candidate.name}”：${message}` });
  const own = deployed.filter((d) => d.key === candidate.key).sort((a, b) => b.version - a.version);
  const same = own.find((d) => d.contentHash === candidate.contentHash);
  // Never keep the old date silently: a date asked for the same bytes is either theirs or refused.
  if (same && candidate.effectiveFrom !== undefined && candidate.effectiveFrom !== same.effectiveFrom) {
    at(
      `与已部署的第 ${same.version} 版内容完全相同，该版自 ${same.effectiveFrom} 起生效，不会改为 ${candidate.effectiveFrom}；相同内容不能改生效日期重新部署，请修改模型（如写明变更说明）后再部署，或不填生效日期、沿用原生效日期`,
    );
  }
  const latest = own[0];
  const retiredFrom = own.find((d) => d.retiredFrom)?.retiredFrom;
  if (latest && !same && retiredFrom) {
    // A retired key stays retired: its program and kind pass to a process under a new id.
    at(`该流程已于 ${retiredFrom} 起停用，不能再部署新版本；如需继续受理，请以新的流程 id 部署替代流程`);
  } else if (latest && !same) {
    if ((latest.program ?? '') !== (candidate.program ?? '')) {
      at(
        `新版本的 sa:program“${candidate.program ?? '（未写）'}”与第 ${latest.version} 版的“${latest.program ?? '（未写）'}”不同；同一流程的新版本不能改变所属救助项目，请恢复为“${latest.program ?? ''}”。如需改变所属救助项目，请先停用原流程（流程列表中的“停用”，写明停用理由和停用日期），再以新的流程 id 部署`,
      );
    }
    if ((latest.kind ?? '') !== (candidate.kind ?? '')) {
      at(
        `新版本的 sa:kind“${candidate.kind ?? '（未写）'}”与第 ${latest.version} 版的“${latest.kind ?? '（未写）'}”不同；去掉或改变 sa:kind 会让该项目停止受理或改由别的流程受理，请恢复为“${latest.kind ?? ''}”。如需改变流程类别，请先停用原流程（流程列表中的“停用”，写明停用理由和停用日期），再以新的流程 id 部署`,
      );
    }
  }
  // A retired key's own bytes (the bundled model at start) were checked when its successor deployed.
  if (!retiredFrom && candidate.program && candidate.kind && SINGLE_KINDS.has(candidate.kind)) {
    // A retired process no longer counts from its retirement date: the candidate may take over
    // from that date on, not before (one process per program in effect on any date).
    const from = candidate.effectiveFrom ?? same?.effectiveFrom ?? today;
    const rival = deployed.find(
      (d) =>
        d.key !== candidate.key &&
        d.program === candidate.program &&
        d.kind === candidate.kind &&
        !(d.retiredFrom && d.retiredFrom <= from),
    );
    if (rival) {
      const kindName = KIND_NAMES[candidate.kind] ?? '';
      at(
        rival.retiredFrom
          ? `项目“${candidate.program}”的${kindName}流程“${rival.name}”（${rival.key}）自 ${rival.retiredFrom} 起才停用，同一项目同一时间只能有一个${kindName}流程生效；请把生效日期定在 ${rival.retiredFrom} 或之后`
          : `项目“${candidate.program}”已由流程“${rival.name}”（${rival.key}）受理${KIND_NAMES[candidate.kind] ?? candidate.kind}，同一项目同一时间只能有一个${kindName}流程生效；请部署为“${rival.key}”的新版本，而不是新的流程 id。如需以新流程替代，请先停用原流程，再部署新流程`,
      );
    }
  }
  // Procedures number their cases apart: no other process may share a procedure's series.
  const series = candidate.caseSeries;
  if (series) {
    const sharer = deployed.find(
      (d) =>
        d.key !== candidate.key &&
        d.caseSeries === series &&
        (candidate.kind !== 'application' || d.kind !== 'application'),
    );
    if (sharer)
      at(
        `案件编号序列“${series}”已由流程“${sharer.name}”（${sharer.key}）使用；程序类流程须有自己的编号序列，请改用另一个 sa:caseNoPrefix`,
      );
  }
  return issues;
}
