import { TestApp } from './support/test-app';

/** Errors raised before a controller runs (body parsing) still leave as Chinese 4xx bodies. */
describe('HTTP errors outside controllers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('answers an oversized upload with 413 naming the body, not a 500', async () => {
    const big = Buffer.alloc(11 * 1024 * 1024, 0x20);
    const res = await t.http
      .post('/api/verify/ABCDEFGHJKLMNPQR')
      .set('Content-Type', 'application/pdf')
      .send(big);
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: '请求内容过大' });
    expect(res.body.details).toEqual([{ field: 'body', message: '上传的内容超过大小限制' }]);
  });

  it('answers malformed JSON with 400 in Chinese', async () => {
    const res = await t.http
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .send('{"username":');
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('BAD_REQUEST');
    expect(res.body.message).toBe('请求格式不正确');
  });
});
