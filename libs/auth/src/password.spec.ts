import { hashPassword, verifyPassword } from './password';

describe('password hashing', () => {
  it('verifies the right password and rejects a wrong one; salts differ', async () => {
    const a = await hashPassword('正确的密码');
    const b = await hashPassword('正确的密码');
    expect(a).not.toBe(b);
    expect(a.startsWith('scrypt$16384$8$1$')).toBe(true);
    expect(await verifyPassword('正确的密码', a)).toBe(true);
    expect(await verifyPassword('错误的密码', a)).toBe(false);
    expect(await verifyPassword('x', 'md5$abc')).toBe(false);
  });
});
