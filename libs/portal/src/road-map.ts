import { publicNoticePeriod } from '@app/cases';
import { parseBpmn, parseDue } from '@app/process-models';
import type { WorkingCalendar } from '@app/workflow';

/** What the applicant sees for a step that has no `sa:publicName`: never the internal name; the 2021 办法's word for the phase. */
export const NEUTRAL_STEP_NAME = '审核确认';

export interface RoadStep {
  /** The model's `sa:publicName`. */
  title: string;
  /** The latest day it is expected to be finished by, if every earlier step takes its full time. */
  expectedBy: string | null;
  /** For the 公示 (`sa:step="public-notice"`): its expected first and last day. */
  publicNotice?: { startDate: string; endDate: string };
}

/** The `sa:publicName` of each element that declares one (a cheap read for lists of cases). */
export function publicNames(source: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of source.matchAll(/<bpmn:(?:userTask|intermediateCatchEvent)\b[^>]*>/g)) {
    const id = /\sid="([^"]+)"/.exec(m[0])?.[1];
    const name = /\ssa:publicName="([^"]+)"/.exec(m[0])?.[1];
    if (id && name) out.set(id, name);
  }
  return out;
}

interface Node {
  id: string;
  type: string;
  publicName?: string;
  due?: string;
  step?: string;
  days?: number;
  /** The 公示 timer waits for the period its notice prints, not a fixed duration. */
  printedPeriod?: boolean;
}

/**
 * The steps still ahead of the case, read from its model: every element with an `sa:publicName`
 * reachable from where the case waits now, in the order the model reaches them. The model's
 * order, not the code's. Expected dates add each
 * step's `sa:due` (or a timer's days) to the date the current step is due.
 */
export async function roadMap(
  source: string,
  /** `done`: elements the case has finished; a loop back to them (a recheck) is not the road ahead. */
  input: { waitingAt: string[]; done?: string[]; from: string },
  calendar: WorkingCalendar,
): Promise<RoadStep[]> {
  const { rootElement } = await parseBpmn(source);
  const process = ((rootElement.rootElements as Record<string, unknown>[]) ?? []).find(
    (e) => e.$type === 'bpmn:Process',
  );
  const elements = (process?.flowElements as Record<string, unknown>[]) ?? [];
  const nodes = new Map<string, Node>();
  const next = new Map<string, string[]>();
  for (const e of elements) {
    if (e.$type === 'bpmn:SequenceFlow') {
      const from = (e.sourceRef as { id: string }).id;
      next.set(from, [...(next.get(from) ?? []), (e.targetRef as { id: string }).id]);
      continue;
    }
    const timer = ((e.eventDefinitions as Record<string, unknown>[]) ?? []).find(
      (d) => d.$type === 'bpmn:TimerEventDefinition',
    );
    const duration = (timer?.timeDuration as { body?: string } | undefined)?.body;
    const days = duration ? /^P(\d+)D$/.exec(duration.trim())?.[1] : undefined;
    // The 公示's timer waits for the period its notice prints (`${publicNoticeWait}`).
    const printedPeriod = e.step === 'public-notice' && !!duration?.includes('${');
    nodes.set(String(e.id), {
      id: String(e.id),
      type: String(e.$type),
      publicName: typeof e.publicName === 'string' ? e.publicName : undefined,
      due: typeof e.due === 'string' ? e.due : undefined,
      step: typeof e.step === 'string' ? e.step : undefined,
      ...(days && { days: Number(days) }),
      ...(printedPeriod && { printedPeriod }),
    });
  }
  // Breadth first from what is open now. A public name several elements share (the 送达 of
  // whichever decision is made) stands where its farthest element stands, so a refusal branch
  // near the start does not put “送达结果” before the investigation.
  const distance = new Map<string, number>();
  let frontier = input.waitingAt.flatMap((id) => next.get(id) ?? []);
  for (let d = 1; frontier.length; d++) {
    const following: string[] = [];
    for (const id of frontier) {
      if (distance.has(id) || input.waitingAt.includes(id)) continue;
      distance.set(id, d);
      following.push(...(next.get(id) ?? []));
    }
    frontier = following;
  }
  const current = new Set(
    [...input.waitingAt, ...(input.done ?? [])].map((id) => nodes.get(id)?.publicName).filter(Boolean),
  );
  const farthest = new Map<string, { node: Node; d: number }>();
  for (const [id, d] of distance) {
    const node = nodes.get(id);
    if (!node?.publicName || current.has(node.publicName)) continue;
    const held = farthest.get(node.publicName);
    if (!held || d > held.d) farthest.set(node.publicName, { node, d });
  }
  const ahead = [...farthest.values()].sort((a, b) => a.d - b.d).map((x) => x.node);
  let cursor = input.from;
  return ahead.map((node) => {
    if (node.printedPeriod) {
      // Posted on the day it is issued: the period as the notice will print it.
      const period = publicNoticePeriod(cursor);
      cursor = period.endDate;
      return { title: node.publicName!, expectedBy: period.endDate, publicNotice: period };
    }
    if (node.days !== undefined) {
      const startDate = cursor;
      const endDate = calendar.addCalendarDays(startDate, node.days).date;
      cursor = endDate;
      return {
        title: node.publicName!,
        expectedBy: endDate,
        ...(node.step === 'public-notice' && { publicNotice: { startDate, endDate } }),
      };
    }
    const due = parseDue(node.due);
    if (due) cursor = calendar.due(due, cursor).date;
    return { title: node.publicName!, expectedBy: due ? cursor : null };
  });
}
