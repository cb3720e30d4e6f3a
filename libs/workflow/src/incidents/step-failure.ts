/**
 * What went wrong when the engine could not finish a step, in words a legal officer can act on:
 * the element at fault (by name) and the cause. Pure: the inputs are the error the engine raised
 * and a way to name an element.
 */
import { AppError } from '@app/common';

/** A step the engine could not finish: the element at fault and the cause in Chinese. */
export class StepFailure extends Error {
  constructor(
    readonly elementId: string | null,
    readonly elementName: string | null,
    /** zh-CN, plain words. */
    readonly reason: string,
    /** The engine's own message, for the operations view. */
    readonly raw: string,
  ) {
    super(`${elementName ? `“${elementName}”` : '流程'}运行失败：${reason}`);
    this.name = 'StepFailure';
  }
}

/** The parts of a bpmn-elements error this reads (ActivityError / RunError carry the message that failed). */
interface EngineError {
  message?: string;
  source?: { content?: { id?: string; type?: string; parent?: { id?: string } } };
}

/** Names the element an engine error came from and says why, in Chinese. */
export function describeFailure(
  err: unknown,
  nameOf: (elementId: string) => string | undefined,
  known?: { elementId: string; elementName: string },
): StepFailure {
  if (err instanceof StepFailure) return err;
  const e = (err ?? {}) as EngineError;
  const raw = (err instanceof Error ? err.message : String(err)) || '未知错误';
  const content = e.source?.content;
  const fromMessage = /^<([^>]+)>/.exec(raw)?.[1];
  const elementId = known?.elementId ?? content?.id ?? fromMessage ?? null;
  const elementName = known?.elementName ?? (elementId ? (nameOf(elementId) ?? elementId) : null);
  return new StepFailure(elementId, elementName, reasonOf(raw, content?.type, err), raw);
}

function reasonOf(raw: string, type: string | undefined, err: unknown): string {
  if (/no conditional flow taken/.test(raw))
    return '没有任何一个分支的条件成立，流程无法继续（网关应有默认分支，或条件应覆盖所有取值）';
  if (raw.startsWith('表达式“')) return `条件或表达式无法计算：${raw}`;
  const iso = /Invalid ISO 8601 (?:interval|duration|date)\s*"?([^"]*)"?/i.exec(raw);
  if (iso || type === 'bpmn:TimerEventDefinition' || /timeDuration|timeDate|timeCycle|expireAt/.test(raw))
    return `定时器的时间${iso ? `“${iso[1]}”` : ''}不是有效的期限或日期，无法计时`;
  if (/service not defined|未注册的服务/.test(raw)) return `调用的服务不存在（${raw}）`;
  if (err instanceof AppError) return err.message;
  return `流程引擎或服务出错（${raw}）`;
}
