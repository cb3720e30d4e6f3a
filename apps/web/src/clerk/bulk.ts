/**
 * Bulk work in the inbox (issue 18): the server takes a chunk of tasks per request, one case per
 * transaction; the web sends chunk after chunk so the progress bar moves and every case's result
 * is shown as it comes.
 */

export interface BulkOutcome {
  taskId: string;
  caseNo: string | null;
  ok: boolean;
  code?: string;
  message?: string;
}

/** Tasks per request: small enough for the bar to move, large enough not to crawl. */
export const BULK_CHUNK = 5;

export function chunks<T>(list: T[], size = BULK_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** One form serves many tasks only when they are the same step; else why not, in Chinese. */
export function uniformStep(tasks: { name: string; elementId: string }[]): string | null {
  if (!tasks.length) return '请先勾选任务';
  const first = tasks[0];
  const other = tasks.find((t) => t.elementId !== first.elementId || t.name !== first.name);
  return other ? `所选任务不是同一环节（“${first.name}”与“${other.name}”），不能用同一表单办理` : null;
}

/**
 * Runs the chunks in order, reporting progress after each; a chunk the server refuses as a whole
 * (a network error, a 4xx on the request) becomes a failed result for each of its tasks.
 */
export async function runInChunks(
  taskIds: string[],
  send: (chunk: string[]) => Promise<BulkOutcome[]>,
  progress: (done: number, results: BulkOutcome[]) => void,
): Promise<BulkOutcome[]> {
  const results: BulkOutcome[] = [];
  for (const chunk of chunks(taskIds)) {
    try {
      results.push(...(await send(chunk)));
    } catch (err) {
      const message = err instanceof Error ? err.message : '请求失败';
      results.push(...chunk.map((taskId) => ({ taskId, caseNo: null, ok: false, message })));
    }
    progress(results.length, results);
  }
  return results;
}
