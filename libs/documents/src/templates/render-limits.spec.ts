import { RENDER_LIMITS, RenderLimitError, compileBody, templateSourceProblem } from './handlebars-env';

/** `levels` nested `{{#each @root}}` around one character: eight levels are the reported freeze. */
const nestedRoot = (levels: number) => `${'{{#each @root}}'.repeat(levels)}x${'{{/each}}'.repeat(levels)}`;
const SAMPLE = { a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8 };

function timed(run: () => unknown): { error: unknown; ms: number } {
  const started = performance.now();
  try {
    run();
  } catch (error) {
    return { error, ms: performance.now() - started };
  }
  return { error: undefined, ms: performance.now() - started };
}

describe('template work is bounded', () => {
  it.each([8, 9])('refuses %i nested {{#each @root}} before rendering', (levels) => {
    expect(nestedRoot(8).length).toBeLessThan(200);
    const { error, ms } = timed(() => {
      const problem = templateSourceProblem(nestedRoot(levels));
      if (problem) throw new Error(problem);
    });
    expect((error as Error).message).toBe('第 1 行：{{#each}} 只能遍历数据中的列表，不能遍历“@root”');
    expect(ms).toBeLessThan(100);
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

  it('stops a render that a frozen (unchecked) source would make run away, within the time limit', () => {
    const render = compileBody(nestedRoot(8), {});
    const { error, ms } = timed(() => render(SAMPLE));
    expect(error).toBeInstanceOf(RenderLimitError);
    expect((error as RenderLimitError).limit).toBe('iterations');
    expect(ms).toBeLessThan(RENDER_LIMITS.ms + 500);
  });

  it('counts iterations that data multiplies, even two levels deep', () => {
    const render = compileBody('{{#each list}}{{#each ../list}}.{{/each}}{{/each}}', {});
    expect(render({ list: Array.from({ length: 300 }, (_, i) => i) })).toHaveLength(90_000);
    const { error } = timed(() => render({ list: Array.from({ length: 400 }, (_, i) => i) }));
    expect(error).toMatchObject({ limit: 'iterations', message: expect.stringContaining('循环次数超过') });
  });

  it('stops output beyond the limit', () => {
    const render = compileBody('{{#each list}}{{../big}}{{/each}}', {});
    const big = '字'.repeat(1_000_000);
    const { error } = timed(() => render({ big, list: Array.from({ length: 20 }, (_, i) => i) }));
    expect(error).toMatchObject({ limit: 'outputChars' });
  });

  it('renders @index, @first and block params as before', () => {
    const render = compileBody(
      '{{#each list as |item i|}}{{#if @first}}[{{/if}}{{i}}:{{item}}@{{@index}}{{/each}}',
      {},
    );
    expect(render({ list: ['甲', '乙'] })).toBe('[0:甲@01:乙@1');
  });
});
