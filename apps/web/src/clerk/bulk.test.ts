import { describe, expect, it } from 'vitest';
import { BulkOutcome, chunks, runInChunks, uniformStep } from './bulk';

describe('bulk work', () => {
  it('splits 20 tasks into chunks of 5', () => {
    const ids = Array.from({ length: 20 }, (_, i) => `t${i}`);
    expect(chunks(ids).map((c) => c.length)).toEqual([5, 5, 5, 5]);
    expect(chunks(ids.slice(0, 7)).map((c) => c.length)).toEqual([5, 2]);
  });

  it('allows one form only for tasks of the same step', () => {
    expect(uniformStep([])).toBe('请先勾选任务');
    const serve = { name: '送达补正材料告知书', elementId: 'Task_ServeSupplementNotice' };
    expect(uniformStep([serve, serve])).toBeNull();
    expect(uniformStep([serve, { name: '受理审查', elementId: 'Task_AcceptanceReview' }])).toContain(
      '不是同一环节',
    );
  });

  it('reports progress per chunk and turns a refused chunk into per-case failures', async () => {
    const ids = Array.from({ length: 12 }, (_, i) => `t${i}`);
    const seen: number[] = [];
    const results = await runInChunks(
      ids,
      async (chunk): Promise<BulkOutcome[]> => {
        if (chunk.includes('t5')) throw new Error('网络中断');
        return chunk.map((taskId) => ({ taskId, caseNo: `No.${taskId}`, ok: true }));
      },
      (done) => seen.push(done),
    );
    expect(seen).toEqual([5, 10, 12]);
    expect(results.filter((r) => !r.ok).map((r) => r.taskId)).toEqual(['t5', 't6', 't7', 't8', 't9']);
    expect(results.find((r) => r.taskId === 't5')?.message).toBe('网络中断');
  });
});
