import { TestApp } from './support/test-app';
import { APPLICATION, CONFIRM_PATH, drive } from './support/case-driver';

/**
 * The applicant's road map (issue 18 §6): the steps still ahead, read from the model's
 * `sa:publicName`s, with expected dates and the 公示 period; internal step names never shown.
 */
let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start({ documents: 'on-read' });
});
afterAll(async () => {
  await t?.stop();
});

const INTERNAL = [
  '受理审查',
  '家庭经济状况信息核对',
  '乡镇初审',
  '确认测算不符合条件',
  '公示结果登记',
  '县级审核确认',
];

it('shows the road ahead with expected dates, then the running 公示 with its end date', async () => {
  const applicant = await t.as('applicant');
  const draft = {
    program: 'dibao',
    regionCode: APPLICATION.regionCode,
    applicant: APPLICATION.applicant,
    members: APPLICATION.members,
  };
  const text = await applicant.post('/api/portal/authorization-text', draft).expect(200);
  const { id } = (
    await applicant
      .post('/api/cases', {
        ...APPLICATION,
        authorization: {
          signerName: APPLICATION.applicant.name,
          accepted: true,
          textHash: text.body.textHash,
        },
      })
      .expect(201)
  ).body;

  const first = (await applicant.get(`/api/portal/cases/${id}`).expect(200)).body;
  expect(first.roadMap.map((s: { title: string }) => s.title)).toEqual([
    '家庭经济状况核对',
    '入户调查',
    '乡镇审核',
    '村（居）公示',
    '县民政局审核确认',
    '送达结果',
  ]);
  const dates = first.roadMap.map((s: { expectedBy: string }) => s.expectedBy);
  expect(dates.every((d: string) => /^\d{4}-\d{2}-\d{2}$/.test(d))).toBe(true);
  expect([...dates].sort()).toEqual(dates);
  expect(first.publicNotice).toMatchObject({ expected: true });
  expect(first.publicNotice.endDate > first.publicNotice.startDate).toBe(true);

  await drive(t, id, CONFIRM_PATH, /公示结果/);
  const during = (await applicant.get(`/api/portal/cases/${id}`).expect(200)).body;
  const [{ due }] = await t.query<{ due: Date }>(
    `SELECT t.due_at AS due FROM timer t JOIN assistance_case c ON c.process_instance_id = t.instance_id
     WHERE c.id = $1 AND t.status = 'pending'`,
    [id],
  );
  expect(during.publicNotice).toEqual({
    startDate: t.clock.today(),
    endDate: new Date(new Date(due).getTime() + 8 * 3600_000).toISOString().slice(0, 10),
    expected: false,
  });
  expect(during.roadMap.map((s: { title: string }) => s.title)).toEqual(['县民政局审核确认', '送达结果']);
  const shown = JSON.stringify({
    steps: during.steps,
    roadMap: during.roadMap,
    plainStatus: during.plainStatus,
  });
  for (const name of INTERNAL) expect(shown).not.toContain(name);
  expect(during.steps.map((s: { title: string }) => s.title)).toContain('入户调查');
});
