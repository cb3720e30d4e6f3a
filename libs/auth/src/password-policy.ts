/**
 * What a new password must be (GB/T 22239 等保二级 asks for a length and a mix of character kinds);
 * returns the zh-CN reason it is refused, or undefined when it is acceptable.
 */
export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 72;

export function passwordProblem(password: string, username?: string): string | undefined {
  if (password.length < MIN_PASSWORD_LENGTH) return `密码至少${MIN_PASSWORD_LENGTH}位`;
  if (password.length > MAX_PASSWORD_LENGTH) return `密码不超过${MAX_PASSWORD_LENGTH}位`;
  if (/[\u0000-\u001f\u007f]/.test(password)) return '密码不能含有控制字符';
  const kinds = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z\d]/].filter((k) => k.test(password)).length;
  if (kinds < 2) return '密码应至少包含字母、数字、符号中的两类';
  if (username && password.toLowerCase().includes(username.toLowerCase())) return '密码不能包含用户名';
  return undefined;
}
