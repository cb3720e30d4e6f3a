import { lintModel } from '../lint-model';
import { ACCEPTABLE_MODELS, DEFECTIVE_MODELS } from '../testing/defective-models';
import { modelLintOptions } from '../testing/lint-options';

const NOW = new Date('2026-12-06T00:00:00Z');

describe('the defective-model corpus is refused by lintModel', () => {
  it('has at least 55 models, legal and technical', () => {
    expect(DEFECTIVE_MODELS.length).toBeGreaterThanOrEqual(55);
    expect(DEFECTIVE_MODELS.filter((m) => m.kind === 'legal').length).toBeGreaterThanOrEqual(15);
    expect(DEFECTIVE_MODELS.filter((m) => m.kind === 'technical').length).toBeGreaterThanOrEqual(15);
  });

  it.each(DEFECTIVE_MODELS.map((m) => [m.name, m] as const))('refuses: %s', async (_, model) => {
    const result = await lintModel(model.xml, { ...modelLintOptions(), now: NOW, ...model.options });
    const hits = result.errors.filter(
      (e) => e.elementId === model.elementId && model.message.test(e.message),
    );
    expect({
      errors: result.errors.map((e) => `${e.elementId}: ${e.message}`),
      hit: hits.length > 0,
    }).toMatchObject({
      hit: true,
    });
    // Messages are Chinese, and no problem is reported twice.
    for (const e of result.errors) expect(e.message).toMatch(/[\u4e00-\u9fa5]/);
    const keys = result.errors.map((e) => `${e.elementId}|${e.message}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it.each(ACCEPTABLE_MODELS.map((m) => [m.name, m] as const))('accepts: %s', async (_, model) => {
    const result = await lintModel(model.xml, { ...modelLintOptions(), now: NOW });
    expect(result.errors).toEqual([]);
  });
});

describe('each problem is reported once', () => {
  it('an element cut off from the start is reported by validateModel, not again by bpmnlint', async () => {
    const { SMALL_XML, mutate } = await import('../testing/defective-models');
    const xml = mutate(SMALL_XML, [
      [
        '</process>',
        '<userTask id="Task_Orphan" name="孤立环节" camunda:candidateGroups="township_reviewer" sa:due="5WD" /></process>',
      ],
    ]);
    const result = await lintModel(xml, { ...modelLintOptions(), now: NOW });
    const orphan = result.errors.filter((e) => e.elementId === 'Task_Orphan');
    expect(orphan.map((e) => e.message)).toEqual([
      expect.stringMatching(/^用户任务“孤立环节”：从开始事件无法到达/),
    ]);
  });
});
