import { RENDER_LIMITS, RenderLimitError, compileBody, templateSourceProblem } from './handlebars-env';

/** `levels` nested `{{#each @root}}` around one character: eight levels are the reported freeze. */
const nestedRoot = (levels: number) => `${'{{#each @root}}'.repeat(levels)}x${'{{/each}}'.repeat(levels)}`;
const SAMPLE = { a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8 };

/**
 * What a render threw. How long it took is not asserted here (shared machines are noisy): the
 * budget's own clock is one of the limits, and the figures are in docs/trust.md.
 */
function attempt(run: () => unknown): { error: unknown } {
  try {
    run();
  } catch (error) {
    return { error };
  }
  return { error: undefined };
}

describe('template work is bounded', () => {
  it.each([8, 9])('refuses %i nested {{#each @root}} before rendering', (levels) => {
    expect(nestedRoot(8).length).toBeLessThan(200);
    const { error } = attempt(() => {
      const problem = templateSourceProblem(nestedRoot(levels));
      if (problem) throw new Error(problem);
    });
    expect((error as Error).message).toBe('第 1 行：{{#each}} 只能遍历数据中的列表，不能遍历“@root”');
  });

  it('refuses loops nested deeper than the limit, and accepts the limit', () => {
    const nested = (levels: number) =>
      `${'{{#each list}}'.repeat(levels)}{{this}}${'{{/each}}'.repeat(levels)}`;
    expect(templateSourceProblem(nested(RENDER_LIMITS.eachDepth))).toBeUndefined();
    expect(templateSourceProblem(nested(RENDER_LIMITS.eachDepth + 1))).toBe(
      `第 1 行：{{#each}} 最多嵌套${RENDER_LIMITS.eachDepth}层`,
    );
    // Siblings are not nesting.
    expect(
      templateSourceProblem('{{#each a}}x{{/each}}{{#each b}}{{#each c}}y{{/each}}{{/each}}'),
    ).toBeUndefined();
    expect(templateSourceProblem('{{#each this}}x{{/each}}')).toContain('不能遍历“this”');
  });

  it('stops a render that a frozen (unchecked) source would make run away, by counting, not by the clock', () => {
    // The clock is only a safety net; on a loaded machine it may fire first, so it is lifted here
    // to prove that the iteration count alone stops the render.
    const limits = RENDER_LIMITS as { ms: number };
    const ms = limits.ms;
    limits.ms = 3_600_000;
    try {
      const render = compileBody(nestedRoot(8), {});
      const { error } = attempt(() => render(SAMPLE));
      expect(error).toBeInstanceOf(RenderLimitError);
      expect((error as RenderLimitError).limit).toBe('iterations');
    } finally {
      limits.ms = ms;
    }
  });

  it('counts iterations that data multiplies, even two levels deep', () => {
    const render = compileBody('{{#each list}}{{#each ../list}}.{{/each}}{{/each}}', {});
    expect(render({ list: Array.from({ length: 300 }, (_, i) => i) })).toHaveLength(90_000);
    const { error } = attempt(() => render({ list: Array.from({ length: 400 }, (_, i) => i) }));
    expect(error).toMatchObject({ limit: 'iterations', message: expect.stringContaining('循环次数超过') });
  });

  it('stops output beyond the limit', () => {
    const render = compileBody('{{#each list}}{{../big}}{{/each}}', {});
    const big = '字'.repeat(1_000_000);
    const { error } = attempt(() => render({ big, list: Array.from({ length: 20 }, (_, i) => i) }));
    expect(error).toMatchObject({ limit: 'outputChars' });
  });

  /** The reported template: no loop, each copy joins a list twice into 100 MB strings and compares them. */
  const joinTwice = (copies: number) =>
    '{{#if (eq (join zz.list zz.sep) (join zz.list zz.sep))}}{{/if}}'.repeat(copies);
  const ZZ = { zz: { list: Array.from({ length: 1000 }, () => ''), sep: 'x'.repeat(100_000) } };

  it('counts what helpers build, printed or not: joins into 100 MB strings are refused before building', () => {
    const render = compileBody(joinTwice(10), {});
    const { error } = attempt(() => render(ZZ));
    expect(error).toMatchObject({ limit: 'outputChars', message: expect.stringContaining('生成的内容超过') });
  });

  it('counts every helper call, and checks the time at each', () => {
    // 1000 items of 1 KB joined and compared: each copy builds 2 MB, under the output limit alone.
    const data = { zz: { list: Array.from({ length: 1000 }, () => '字'.repeat(1000)), sep: '' } };
    const render = compileBody(joinTwice(500), {});
    const { error } = attempt(() => render(data));
    expect(error).toBeInstanceOf(RenderLimitError);
    // Helper calls alone: twelve cheap calls in each of 90,000 iterations.
    const calls = compileBody(
      `{{#each list}}{{#each ../list}}${'{{inc 1}}'.repeat(12)}{{/each}}{{/each}}`,
      {},
    );
    const many = attempt(() => calls({ list: Array.from({ length: 300 }, (_, i) => i) }));
    expect(many.error).toBeInstanceOf(RenderLimitError);
    expect(['helperCalls', 'ms']).toContain((many.error as RenderLimitError).limit);
  });

  it('refuses a source of more expressions than the limit before compiling it', () => {
    const copies = (n: number) => '{{a}}'.repeat(n);
    expect(templateSourceProblem(copies(RENDER_LIMITS.expressions))).toBeUndefined();
    const { error } = attempt(() => {
      const problem = templateSourceProblem(joinTwice(3000));
      if (problem) throw new Error(problem);
    });
    expect((error as Error).message).toBe(`第 1 行：模板中的 {{…}} 表达式超过${RENDER_LIMITS.expressions}个`);
  });

  it('writes nothing to the console for {{log}}', () => {
    const spies = (['log', 'info', 'warn', 'error'] as const).map((m) =>
      jest.spyOn(console, m).mockImplementation(() => undefined),
    );
    try {
      expect(compileBody('{{log big level="error"}}{{log big}}', {})({ big: 'x'.repeat(100) })).toBe('');
      for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });

  it('still joins and compares what a document needs', () => {
    const render = compileBody('{{join names "、"}}{{#if (eq (join names) "王明、赵丽")}}=相同{{/if}}', {});
    expect(render({ names: ['王明', '赵丽'] })).toBe('王明、赵丽=相同');
    expect(compileBody('{{join list ","}}', {})({ list: [1, null, 'a', [2, 3]] })).toBe('1,,a,2,3');
  });

  it('renders @index, @first and block params as before', () => {
    const render = compileBody(
      '{{#each list as |item i|}}{{#if @first}}[{{/if}}{{i}}:{{item}}@{{@index}}{{/each}}',
      {},
    );
    expect(render({ list: ['甲', '乙'] })).toBe('[0:甲@01:乙@1');
  });
});
