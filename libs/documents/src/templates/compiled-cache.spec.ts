import { compiledCache } from './compiled-cache';

describe('compiledCache', () => {
  it('compiles a source once, however many times it is asked for', () => {
    let compiles = 0;
    const cache = compiledCache<number>();
    const compile = () => ++compiles;
    expect([cache('a', compile), cache('a', compile), cache('b', compile), cache('a', compile)]).toEqual([
      1, 1, 2, 1,
    ]);
    expect(compiles).toBe(2);
  });

  it('keeps only the most recently used sources', () => {
    let compiles = 0;
    const cache = compiledCache<number>(2);
    const compile = () => ++compiles;
    cache('a', compile);
    cache('b', compile);
    cache('a', compile); // a is now the most recent
    cache('c', compile); // evicts b
    expect(cache('a', compile)).toBe(1);
    expect(cache('b', compile)).toBe(4);
  });

  it('keeps nothing for a source that fails to compile', () => {
    const cache = compiledCache<string>();
    expect(() =>
      cache('bad', () => {
        throw new Error('语法错误');
      }),
    ).toThrow('语法错误');
    expect(cache('bad', () => 'fixed')).toBe('fixed');
  });
});
