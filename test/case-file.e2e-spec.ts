import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import JSZip from 'jszip';
import { TestApp } from './support/test-app';
import { CONFIRM_PATH, apply, drive } from './support/case-driver';
import { JPEG, PDF } from './support/sample-files';

let t: TestApp;
let caseId: string;
let caseNo: string;
beforeAll(async () => {
  t = await TestApp.start();
  caseId = await apply(t);
  await drive(t, caseId, CONFIRM_PATH);
  await t.advanceDays(8); // 公示 runs 7 days on a timer
  await drive(t, caseId, CONFIRM_PATH);
  caseNo = (
    await t.query<{ case_no: string }>(`SELECT case_no FROM assistance_case WHERE id = $1`, [caseId])
  )[0].case_no;
  for (const [username, bytes, type, query] of [
    [
      'investigator',
      JPEG,
      'image/jpeg',
      {
        kind: 'home_visit_photo',
        fileName: '厨房.jpg',
        takenAt: '2026-11-20T10:30:00+08:00',
        place: '东关村3组12号',
      },
    ],
    ['clerk', PDF, 'application/pdf', { kind: 'scan', fileName: '户口簿' }],
  ] as const) {
    await t.http
      .post(`/api/cases/${caseId}/attachments`)
      .query(query)
      .set('Authorization', `Bearer ${await t.token(username)}`)
      .set('Content-Type', type)
      .send(bytes)
      .expect(201);
  }
});
afterAll(async () => {
  await t?.stop();
});

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Text of a PDF in content-stream order, so each table cell's text stays together. */
function rawPdfText(pdf: Buffer): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'toc-')), 'toc.pdf');
  fs.writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(
    /\s+/g,
    '',
  );
}

describe('案卷 export', () => {
  let zip: JSZip;
  let documents: { id: string; title: string; number: string | null; pdfSha256: string }[];

  it('downloads the case file as a ZIP', async () => {
    const res = await t.download('approver', `/api/cases/${caseId}/case-file`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(decodeURIComponent(res.headers['content-disposition'])).toContain(`案卷-${caseNo}-王建国.zip`);
    zip = await JSZip.loadAsync(res.body);
    documents = (await (await t.as('approver')).get(`/api/cases/${caseId}`).expect(200)).body.documents;
    expect(documents.length).toBeGreaterThanOrEqual(6);
  });

  it('holds every issued document as archived, in issue order, named NN-title-number.pdf', async () => {
    const names = Object.keys(zip.files).sort();
    expect(names[0]).toBe('00-卷内目录.pdf');
    for (const [i, doc] of documents.entries()) {
      const seq = String(i + 1).padStart(2, '0');
      const name = `${seq}-${doc.title}${doc.number ? `-${doc.number}` : ''}.pdf`;
      expect(names).toContain(name);
      const bytes = await zip.file(name)!.async('nodebuffer');
      expect(sha256(bytes)).toBe(doc.pdfSha256);
    }
    // Attachments follow in upload order: the members' signed 授权书 scanned at the window comes first.
    const n = documents.length + 1;
    expect(names).toContain(`${String(n).padStart(2, '0')}-扫描件-核对授权书（签字）.pdf`);
    expect(names).toContain(`${String(n + 1).padStart(2, '0')}-入户调查照片-厨房.jpg`);
    expect(names).toContain(`${String(n + 2).padStart(2, '0')}-扫描件-户口簿.pdf`);
    expect(names).toEqual(expect.arrayContaining(['卷内目录.csv', 'manifest.json']));
    expect(names).toHaveLength(n + 5);
    expect(
      (await zip.file(`${String(n + 1).padStart(2, '0')}-入户调查照片-厨房.jpg`)!.async('nodebuffer')).equals(
        JPEG,
      ),
    ).toBe(true);
  });

  it('lists every document with its number in the 卷内目录 PDF and CSV', async () => {
    const csvBytes = await zip.file('卷内目录.csv')!.async('nodebuffer');
    expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csvBytes.subarray(3).toString('utf8').trim().split('\r\n');
    expect(lines[0]).toBe('序号,文件题名,文号,责任者,日期,页数/大小,备注,文件名');
    expect(lines).toHaveLength(documents.length + 4);
    for (const [i, doc] of documents.entries()) {
      const cells = lines[i + 1].split(',');
      expect(cells.slice(0, 3)).toEqual([String(i + 1), doc.title, doc.number ?? '']);
      expect(cells[5]).toMatch(/^\d+页$/);
    }
    expect(lines[documents.length + 1]).toContain('核对授权书（签字）.pdf');
    expect(lines[documents.length + 2]).toContain('入户调查照片：厨房.jpg');
    expect(lines[documents.length + 2]).toContain('地点：东关村3组12号');
    expect(lines[documents.length + 3].split(',')[5]).toBe('1页');

    const toc = rawPdfText(await zip.file('00-卷内目录.pdf')!.async('nodebuffer'));
    expect(toc).toContain('卷内目录');
    expect(toc).toContain(caseNo);
    for (const doc of documents) {
      expect(toc).toContain(doc.title);
      if (doc.number) expect(toc).toContain(doc.number);
    }
    expect(toc).toContain('平安县城关镇人民政府');
  });

  it('records the sha256 of every file in manifest.json, and they match', async () => {
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string'));
    expect(manifest).toMatchObject({ caseNo, caseId, algorithm: 'sha256', generatedBy: { name: '孙审批' } });
    const listed = manifest.files.map((f: { name: string }) => f.name).sort();
    expect(listed).toEqual(
      Object.keys(zip.files)
        .filter((n) => n !== 'manifest.json')
        .sort(),
    );
    for (const f of manifest.files) {
      const bytes = await zip.file(f.name)!.async('nodebuffer');
      expect({ name: f.name, sha256: sha256(bytes), size: bytes.length }).toEqual({
        name: f.name,
        sha256: f.sha256,
        size: f.size,
      });
    }
  });

  it('is for staff of the region only, and every export is audited', async () => {
    expect((await t.download('hexi_clerk', `/api/cases/${caseId}/case-file`)).status).toBe(403);
    expect((await t.download('applicant', `/api/cases/${caseId}/case-file`)).status).toBe(403);
    expect((await t.download('reviewer', `/api/cases/${caseId}/case-file`)).status).toBe(200);
    const audits = await t.query(
      `SELECT detail FROM audit_entry WHERE case_id = $1 AND action = 'case.file_export' ORDER BY id`,
      [caseId],
    );
    expect(audits).toHaveLength(2);
    expect(audits[0].detail).toMatchObject({ documents: documents.length, attachments: 3 });
  });
});
