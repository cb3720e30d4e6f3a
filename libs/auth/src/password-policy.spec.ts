import { passwordProblem } from './password-policy';

describe('passwordProblem', () => {
  it.each([
    ['Shehui2026', 'clerk', undefined],
    ['jiuzhu-2026', 'clerk', undefined],
    ['低保审批2026', 'approver', undefined],
    ['Abc123', 'clerk', '密码至少8位'],
    ['abcdefgh', 'clerk', '密码应至少包含字母、数字、符号中的两类'],
    ['12345678', 'clerk', '密码应至少包含字母、数字、符号中的两类'],
    ['clerk2026!', 'clerk', '密码不能包含用户名'],
    ['CLERK2026', 'clerk', '密码不能包含用户名'],
    ['Ab1\u0000defgh', 'clerk', '密码不能含有控制字符'],
    ['a1'.repeat(37), 'clerk', '密码不超过72位'],
  ])('%j for %s → %s', (password, username, expected) => {
    expect(passwordProblem(password, username)).toBe(expected);
  });
});
