/**
 * When two display names would read as one person on the audit record. Pure: no framework.
 *
 * “李窗口·”, “李·窗口”, “ＡＬＩ” and “ali” all read as 李窗口 / Ali to someone scanning the record,
 * so names are compared by a key that drops what the eye skips: width and case (NFKC, lower case),
 * punctuation, symbols, spaces and invisible format characters.
 */
export function displayNameKey(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{P}\p{S}\p{Z}\p{Cf}\s]/gu, '');
}

/**
 * Cyrillic and Greek letters look like Latin ones (Cyrillic А, Greek Α next to Latin A) and no
 * key folds them; staff names of a county office need neither, so they are refused outright.
 */
export function displayNameProblem(name: string): string | null {
  if (/[\p{Script=Cyrillic}\p{Script=Greek}]/u.test(name.normalize('NFKC')))
    return '姓名不能包含西里尔字母或希腊字母（易与拉丁字母混淆）';
  return null;
}
