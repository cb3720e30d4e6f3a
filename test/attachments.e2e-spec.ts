import { createHash } from 'node:crypto';
import request from 'supertest';
import { TestApp } from './support/test-app';
import { apply } from './support/case-driver';
import { JPEG, PDF, PNG } from './support/sample-files';

let t: TestApp;
let caseId: string;
beforeAll(async () => {
  t = await TestApp.start();
  caseId = await apply(t);
});
afterAll(async () => {
  await t?.stop();
});

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function upload(
  username: string,
  bytes: Buffer,
  contentType: string,
  query: Record<string, string>,
  id = caseId,
): Promise<request.Response> {
  const token = await t.token(username);
  return t.http
    .post(`/api/cases/${id}/attachments`)
    .query(query)
    .set('Authorization', `Bearer ${token}`)
    .set('Content-Type', contentType)
    .send(bytes);
}

const PHOTO = {
  kind: 'home_visit_photo',
  fileName: '堂屋.jpg',
  takenAt: '2026-11-20T10:30:00+08:00',
  place: '平安县城关镇东关村3组12号',
  note: '申请人家中堂屋',
};

function fields(res: request.Response): string[] {
  return res.body.details.map((d: { field: string }) => d.field);
}

describe('case attachments', () => {
  let photoId: string;

  it('keeps a home-visit photo with its time and place, byte for byte', async () => {
    const res = await upload('investigator', JPEG, 'image/jpeg', PHOTO);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      caseId,
      kind: 'home_visit_photo',
      fileName: '堂屋.jpg',
      contentType: 'image/jpeg',
      size: JPEG.length,
      sha256: sha256(JPEG),
      hasThumbnail: false,
      place: PHOTO.place,
      note: PHOTO.note,
      uploadedBy: { name: '赵调查' },
      voided: null,
    });
    expect(new Date(res.body.takenAt).toISOString()).toBe('2026-11-20T02:30:00.000Z');
    photoId = res.body.id;

    const content = await t.download('reviewer', `/api/attachments/${photoId}/content`);
    expect(content.status).toBe(200);
    expect(content.headers['content-type']).toBe('image/jpeg');
    expect(content.body.equals(JPEG)).toBe(true);

    const list = await (await t.as('approver')).get(`/api/cases/${caseId}/attachments`).expect(200);
    expect(list.body.map((a: { id: string }) => a.id)).toEqual([photoId]);
  });

  it('adds the browser-made thumbnail once', async () => {
    expect((await t.download('clerk', `/api/attachments/${photoId}/thumbnail`)).status).toBe(404);
    const token = await t.token('investigator');
    const put = () =>
      t.http
        .put(`/api/attachments/${photoId}/thumbnail`)
        .set('Authorization', `Bearer ${token}`)
        .set('Content-Type', 'image/jpeg')
        .send(JPEG);
    const first = await put();
    expect(first.status).toBe(200);
    expect(first.body.hasThumbnail).toBe(true);
    expect((await put()).status).toBe(409);
    const thumb = await t.download('clerk', `/api/attachments/${photoId}/thumbnail`);
    expect(thumb.status).toBe(200);
    expect(thumb.body.equals(JPEG)).toBe(true);
  });

  it('refuses a home-visit photo without time and place, naming both fields', async () => {
    const res = await upload('investigator', PNG, 'image/png', { kind: 'home_visit_photo' });
    expect(res.status).toBe(400);
    expect(fields(res)).toEqual(expect.arrayContaining(['takenAt', 'place']));
    expect(res.body.details.find((d: { field: string }) => d.field === 'place').message).toBe(
      '入户调查照片须填写拍摄地点',
    );
    const noKind = await upload('investigator', PNG, 'image/png', {});
    expect(noKind.status).toBe(400);
    expect(fields(noKind)).toContain('kind');
    const badTime = await upload('investigator', PNG, 'image/png', { ...PHOTO, takenAt: '2026-02-30T10:00' });
    expect(fields(badTime)).toEqual(['takenAt']);
    const future = await upload('investigator', PNG, 'image/png', {
      ...PHOTO,
      takenAt: '2099-01-01T10:00:00+08:00',
    });
    expect(future.body.details).toEqual([{ field: 'takenAt', message: '拍摄时间不能晚于当前时间' }]);
  });

  it('checks the bytes, not the header: a PDF sent as a PNG is refused', async () => {
    const res = await upload('clerk', PDF, 'image/png', { kind: 'scan' });
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([
      { field: 'file', message: '文件内容是PDF 文件，与声明的PNG 图片不符' },
    ]);
    const junk = await upload('clerk', Buffer.from('not really a jpeg'), 'image/jpeg', { kind: 'scan' });
    expect(junk.status).toBe(400);
    expect(junk.body.details[0]).toEqual({
      field: 'file',
      message: expect.stringContaining('不是有效的JPEG 图片'),
    });
    const text = await upload('clerk', Buffer.from('hello'), 'text/plain', { kind: 'scan' });
    expect(text.status).toBe(415);
    expect(text.body.details[0].field).toBe('file');
    const pdfPhoto = await upload('investigator', PDF, 'application/pdf', PHOTO);
    expect(pdfPhoto.body.details).toEqual([{ field: 'file', message: '入户调查照片应为 JPEG 或 PNG 图片' }]);
  });

  it('refuses a file over 10 MB in Chinese, naming the field', async () => {
    const big = Buffer.concat([JPEG, Buffer.alloc(10 * 1024 * 1024)]);
    const res = await upload('investigator', big, 'image/jpeg', PHOTO);
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('FILE_TOO_LARGE');
    expect(res.body.details[0]).toEqual({ field: 'file', message: expect.stringContaining('超过 10 MB') });
    const bigPdf = await upload(
      'clerk',
      Buffer.concat([PDF, Buffer.alloc(11 * 1024 * 1024)]),
      'application/pdf',
      {
        kind: 'scan',
      },
    );
    expect(bigPdf.status).toBe(413);
    expect(bigPdf.body.details[0].field).toBe('file');
  });

  it('keeps a scanned PDF, refuses the same file twice and a thumbnail for it', async () => {
    const res = await upload('clerk', PDF, 'application/pdf', { kind: 'scan', fileName: '户口簿.pdf' });
    expect(res.status).toBe(201);
    expect(res.body.takenAt).toBeNull();
    const again = await upload('clerk', PDF, 'application/pdf', { kind: 'scan', fileName: '户口簿2.pdf' });
    expect(again.status).toBe(409);
    expect(again.body.details[0]).toEqual({ field: 'file', message: '与已上传的“户口簿.pdf”内容相同' });
    const thumb = await t.http
      .put(`/api/attachments/${res.body.id}/thumbnail`)
      .set('Authorization', `Bearer ${await t.token('clerk')}`)
      .set('Content-Type', 'image/jpeg')
      .send(JPEG);
    expect(thumb.status).toBe(400);
  });

  it('lets only township staff of the region upload, and only staff of the region read', async () => {
    const county = await upload('approver', PNG, 'image/png', { kind: 'other' });
    expect(county.status).toBe(403);
    const otherTownship = await upload('hexi_clerk', PNG, 'image/png', { kind: 'other' });
    expect(otherTownship.status).toBe(403);
    expect((await (await t.as('hexi_clerk')).get(`/api/cases/${caseId}/attachments`)).status).toBe(403);
    expect((await t.download('hexi_clerk', `/api/attachments/${photoId}/content`)).status).toBe(403);
    expect((await t.download('applicant', `/api/attachments/${photoId}/content`)).status).toBe(403);
    // Outside casework a photo opens only with a recorded 查阅事由 (test/least-exposure.e2e-spec.ts).
    expect((await t.download('legal', `/api/attachments/${photoId}/content`)).status).toBe(403);
    const reason = encodeURIComponent('法制审核调阅现场照片');
    expect((await t.download('legal', `/api/attachments/${photoId}/content?reason=${reason}`)).status).toBe(
      200,
    );
    const thumbnail = await t.download('legal', `/api/attachments/${photoId}/thumbnail`);
    expect(thumbnail.status).toBe(403);
    expect(JSON.parse(thumbnail.body.toString('utf8')).code).toBe('REASON_REQUIRED');
  });

  it('never deletes: a wrong upload is voided with a reason, once, and the database refuses changes', async () => {
    const png = await upload('investigator', PNG, 'image/png', { kind: 'other', fileName: 'wrong.png' });
    expect(png.status).toBe(201);
    const investigator = await t.as('investigator');
    const noReason = await investigator.post(`/api/attachments/${png.body.id}/void`, { reason: '' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.details[0].field).toBe('reason');
    const voided = await investigator
      .post(`/api/attachments/${png.body.id}/void`, { reason: '误传了其他家庭的照片' })
      .expect(200);
    expect(voided.body.voided).toMatchObject({ by: '赵调查', reason: '误传了其他家庭的照片' });
    const twice = await investigator.post(`/api/attachments/${png.body.id}/void`, { reason: '再次作废' });
    expect(twice.status).toBe(409);
    // Still listed and still readable: it is part of the record.
    const list = await investigator.get(`/api/cases/${caseId}/attachments`).expect(200);
    expect(list.body.find((a: { id: string }) => a.id === png.body.id).voided.reason).toBe(
      '误传了其他家庭的照片',
    );
    expect((await t.download('clerk', `/api/attachments/${png.body.id}/content`)).body.equals(PNG)).toBe(
      true,
    );
    // The same file may be uploaded again once the first copy is void.
    expect((await upload('investigator', PNG, 'image/png', { kind: 'other' })).status).toBe(201);

    await expect(
      t.db.transaction((em) => em.query(`DELETE FROM attachment WHERE id = $1`, [photoId])),
    ).rejects.toThrow(/DELETE refused/);
    await expect(
      t.db.transaction((em) => em.query(`UPDATE attachment SET place = '别处' WHERE id = $1`, [photoId])),
    ).rejects.toThrow(/only adding a thumbnail or voiding/);
    await expect(
      t.db.transaction((em) =>
        em.query(`UPDATE attachment SET void_reason = '改写' WHERE id = $1`, [png.body.id]),
      ),
    ).rejects.toThrow(/only adding a thumbnail or voiding/);
  });

  it('audits every upload, thumbnail and voiding', async () => {
    const rows = await t.query(
      `SELECT action, count(*)::int AS n FROM audit_entry WHERE case_id = $1 AND action LIKE 'attachment.%' GROUP BY action ORDER BY action`,
      [caseId],
    );
    expect(rows).toEqual([
      { action: 'attachment.thumbnail', n: 1 },
      { action: 'attachment.upload', n: 4 },
      { action: 'attachment.void', n: 1 },
    ]);
  });
});
