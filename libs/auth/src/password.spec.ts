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

  it('verifies a hash at the cost it records (the test fixtures hash at a lower one)', async () => {
    const cheap = await hashPassword('正确的密码', { N: 1024, r: 8, p: 1 });
    expect(cheap.startsWith('scrypt$1024$8$1$')).toBe(true);
    expect(await verifyPassword('正确的密码', cheap)).toBe(true);
    expect(await verifyPassword('错误的密码', cheap)).toBe(false);
    // The cost is part of what is checked: the same hash read at production's cost does not match.
    expect(await verifyPassword('正确的密码', cheap.replace('scrypt$1024$', 'scrypt$16384$'))).toBe(false);
  });
});
