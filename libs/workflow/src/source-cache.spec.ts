import { lintKey } from './definition.service';
import { sourceCache } from './source-cache';

describe('sourceCache', () => {
  it('computes a key once, however many times it is asked for', async () => {
    let computed = 0;
    const cache = sourceCache<number>();
    const compute = async () => ++computed;
    expect(await Promise.all([cache('a', compute), cache('a', compute), cache('b', compute)])).toEqual([
      1, 1, 2,
    ]);
    expect(await cache('a', compute)).toBe(1);
    expect(computed).toBe(2);
  });

  it('keeps only the most recently used keys', async () => {
    let computed = 0;
    const cache = sourceCache<number>(2);
    const compute = async () => ++computed;
    await cache('a', compute);
    await cache('b', compute);
    await cache('a', compute); // a is now the most recent
    await cache('c', compute); // evicts b
    expect(await cache('a', compute)).toBe(1);
    expect(await cache('b', compute)).toBe(4);
  });

  it('keeps nothing for a computation that fails', async () => {
    const cache = sourceCache<string>();
    await expect(cache('bad', () => Promise.reject(new Error('无法解析')))).rejects.toThrow('无法解析');
    expect(await cache('bad', async () => 'fixed')).toBe('fixed');
  });
});

describe('lintKey', () => {
  const options = (now: string) => ({ services: ['issue-document'], templates: ['t'], now: new Date(now) });
  const duration =
    '<bpmn:timerEventDefinition><bpmn:timeDuration>P7D</bpmn:timeDuration></bpmn:timerEventDefinition>';
  const date =
    '<bpmn:timerEventDefinition><bpmn:timeDate>2027-01-01T00:00:00+08:00</bpmn:timeDate></bpmn:timerEventDefinition>';

  it('is the same for the same model, checks and day', () => {
    expect(lintKey(duration, options('2026-12-07T01:00:00Z'))).toBe(
      lintKey(duration, options('2026-12-07T09:30:00Z')),
    );
  });

  it('differs by model text, by what the checks read and by day', () => {
    const key = lintKey(duration, options('2026-12-07T01:00:00Z'));
    expect(lintKey(`${duration} `, options('2026-12-07T01:00:00Z'))).not.toBe(key);
    expect(lintKey(duration, { ...options('2026-12-07T01:00:00Z'), templates: ['t', 'u'] })).not.toBe(key);
    expect(lintKey(duration, { ...options('2026-12-07T01:00:00Z'), publicNoticeDays: 7 })).not.toBe(key);
    expect(lintKey(duration, options('2026-12-08T01:00:00Z'))).not.toBe(key);
  });

  it('follows the clock to the millisecond for a model with a literal timer date (past dates are refused)', () => {
    expect(lintKey(date, options('2026-12-07T01:00:00.000Z'))).not.toBe(
      lintKey(date, options('2026-12-07T01:00:00.001Z')),
    );
  });
});
