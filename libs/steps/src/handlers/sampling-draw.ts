import { randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { shanghaiDate } from '@app/common';
import { SAMPLING_BLOCK_SIZE, selectInBlocks } from '@app/assistance';
import { caseRepository as cases } from '@app/cases';
import type { ServiceCall, StepContext } from '@app/workflow';
import { ModelService } from '../model-service';
import { samplingRepository as sampling } from '../sampling.repository';

/** 《特困人员认定办法》第十六条: the county re-checks at least 30% of the cases at random. */
export const DEFAULT_SAMPLE_RATIO = 0.3;

/** `sa:sampleRatio` → a ratio in (0, 1]; absent → the legal minimum 30%. */
export function parseSampleRatio(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return DEFAULT_SAMPLE_RATIO;
  const ratio = Number(value);
  if (!Number.isFinite(ratio) || ratio <= 0 || ratio > 1)
    throw new Error(`sa:sampleRatio“${value}”无效，应为大于 0 且不超过 1 的小数，如 0.3`);
  return ratio;
}

/** "第11至20号中的第12、15、20号" — the selected arrival numbers of the case's block. */
export function describeBlock(block: number, positions: number[]): string {
  const first = block * SAMPLING_BLOCK_SIZE + 1;
  const picked = positions.map((p) => first + p).join('、');
  return `第${first}至${first + SAMPLING_BLOCK_SIZE - 1}号中的第${picked}号`;
}

/**
 * `sampling.draw` (特困): gives the case the next arrival number of its county, program and year
 * and decides by the recorded seed whether the county visits it (Art. 16; `selectInBlocks`).
 */
@Injectable()
export class SamplingDraw implements ModelService {
  readonly name = 'sampling.draw';

  async run(call: ServiceCall, step: StepContext): Promise<Record<string, unknown>> {
    const kase = await cases.byInstance(step.em, call.instanceId);
    if (!kase) throw new Error(`流程实例 ${call.instanceId} 没有对应的案件`);
    const ratio = parseSampleRatio(call.attributes.sampleRatio);
    const year = Number(shanghaiDate(step.now).slice(0, 4));
    const draw = await sampling.lockDraw(
      step.em,
      { countyCode: kase.regionCode.slice(0, 6), program: kase.program, year },
      { seed: randomBytes(16).toString('hex'), ratio, at: step.now },
    );
    // A case drawn before (e.g. a step repeated after a migration) keeps its number and result.
    let selection = await sampling.selectionOf(step.em, draw.id, kase.id);
    if (!selection) {
      const sequence = await sampling.nextSequence(step.em, draw.id);
      selection = {
        id: randomUUID(),
        drawId: draw.id,
        caseId: kase.id,
        sequence,
        ratio,
        selected: selectInBlocks(draw.seed, sequence, ratio).selected,
        createdAt: step.now,
      };
      await sampling.insertSelection(step.em, selection);
    }
    const picked = selectInBlocks(draw.seed, selection.sequence, selection.ratio);
    return {
      sampled: selection.selected,
      samplingSeed: draw.seed,
      samplingSequence: selection.sequence,
      samplingYear: draw.year,
      sampleRatio: selection.ratio,
      samplingRatioText: `${Math.round(selection.ratio * 1000) / 10}%`,
      samplingBlock: describeBlock(picked.block, picked.selectedPositions),
    };
  }
}
