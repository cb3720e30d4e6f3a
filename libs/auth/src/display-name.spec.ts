import { displayNameKey, displayNameProblem } from './display-name';

describe('display names that read alike share a key', () => {
  it.each<[string, string]>([
    ['李窗口', '李窗口·'],
    ['李窗口', '李·窗口'],
    ['李窗口', '李.窗口'],
    ['李窗口', ' 李 窗口 '],
    ['李窗口', '李\u200b窗口'],
    ['李窗口', '李\u3000窗口'],
    ['Ali', 'ali'],
    ['Ali', 'ＡＬＩ'],
    ['Ali', 'Ａli'],
    ['Ali', 'A-li'],
  ])('%s ~ %s', (a, b) => {
    expect(displayNameKey(b)).toBe(displayNameKey(a));
  });

  it.each<[string, string]>([
    ['李窗口', '李窗口甲'],
    ['钱审核', '钱审查'],
    ['Ali', 'Alia'],
  ])('%s ≁ %s', (a, b) => {
    expect(displayNameKey(b)).not.toBe(displayNameKey(a));
  });
});

describe('look-alike scripts are refused', () => {
  it.each<[string, boolean]>([
    ['李窗口', true],
    ['Ali', true],
    ['阿依古丽·买买提', true],
    ['\u0410li', false], // Cyrillic А
    ['\u0391li', false], // Greek Α
    ['Al\u0456', false], // Cyrillic і
    ['李窗\u03bf', false], // Greek ο
  ])('%s → acceptable: %s', (name, ok) => {
    expect(displayNameProblem(name) === null).toBe(ok);
  });
});
