import { NotificationDispatcher } from '@app/notifications';
import { TestApp } from './support/test-app';
import { APPLICATION, openTasks } from './support/case-driver';
import { DEMO_PASSWORD } from '../apps/api/src/demo/reference-data';

/**
 * Issue 18: the materials checklist is a policy parameter of the region, versioned with an
 * effective date; the portal shows it before an application and on the case, and marks what a
 * 补正 request asked for, which the 补正 message names.
 */
let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start({ documents: 'on-read' });
});
afterAll(async () => {
  await t?.stop();
});

const VILLAGE = APPLICATION.regionCode;
const RESIDENCE = {
  id: 'residence-proof',
  name: '居住证明',
  when: '户籍不在申请地、在申请地经常居住的',
  basis: '《最低生活保障审核确认办法》第五条',
};

/** A new session: the clock moves a day on, past every session's idle limit. */
async function signIn(username: string) {
  const { token } = (
    await t.http.post('/api/auth/login').send({ username, password: DEMO_PASSWORD }).expect(200)
  ).body as { token: string };
  return {
    get: (url: string) => t.http.get(url).set('Authorization', `Bearer ${token}`),
    post: (url: string, body: object) => t.http.post(url).set('Authorization', `Bearer ${token}`).send(body),
  };
}

const names = (body: { items: { name: string }[] }) => body.items.map((i) => i.name);

describe('the materials checklist, a policy parameter with an effective date', () => {
  it('shows the region’s list in force before applying, and the next version from its date', async () => {
    let applicant: Pick<Awaited<ReturnType<typeof signIn>>, 'get'> = await t.as('applicant');
    const before = (
      await applicant.get(`/api/portal/materials?program=dibao&regionCode=${VILLAGE}`).expect(200)
    ).body;
    expect(names(before)).toEqual([
      '最低生活保障申请书',
      '居民身份证或户口簿',
      '家庭人口、收入、财产状况书面声明及诚信承诺书',
      '家庭经济状况核对授权书',
      '残疾人证',
    ]);
    expect(before.items.find((i: { id: string }) => i.id === 'authorization').note).toContain(
      '每位成年家庭成员',
    );

    const admin = await t.as('admin');
    const current = (
      await admin
        .get(`/api/policy-parameters/resolve?regionCode=${VILLAGE}&date=${t.clock.today()}`)
        .expect(200)
    ).body;
    // A region may add items, never drop the statutory ones.
    const dropped = await admin
      .post('/api/policy-parameters', {
        regionCode: '410799',
        effectiveFrom: '2027-06-01',
        parameters: {
          ...current.parameters,
          materials: { dibao: before.items.filter((i: { id: string }) => i.id !== 'authorization') },
        },
      })
      .expect(400);
    expect(dropped.body.details).toContainEqual({
      field: 'parameters.materials.dibao',
      message: '申请材料清单缺少法定材料“家庭经济状况核对授权书”（标识 authorization）',
    });

    const tomorrow = new Date(Date.parse(`${t.clock.today()}T00:00:00Z`) + 86_400_000)
      .toISOString()
      .slice(0, 10);
    const items = before.items.map(({ requested: _r, ...item }: { requested: boolean }) => item);
    await admin
      .post('/api/policy-parameters', {
        regionCode: '410799',
        effectiveFrom: tomorrow,
        parameters: { ...current.parameters, materials: { dibao: [...items, RESIDENCE] } },
        note: '申请材料清单增加居住证明',
      })
      .expect(201);
    const still = (
      await applicant.get(`/api/portal/materials?program=dibao&regionCode=${VILLAGE}`).expect(200)
    ).body;
    expect(names(still)).not.toContain('居住证明');
    t.clock.advance(86_400_000);
    applicant = await signIn('applicant');
    const next = (
      await applicant.get(`/api/portal/materials?program=dibao&regionCode=${VILLAGE}`).expect(200)
    ).body;
    expect(next.effectiveFrom).toBe(tomorrow);
    expect(names(next)).toContain('居住证明');
    // Other programs keep the national minimum until the region sets their own.
    const tekun = (
      await applicant.get(`/api/portal/materials?program=tekun&regionCode=${VILLAGE}`).expect(200)
    ).body;
    expect(names(tekun)).toContain('特困人员救助供养申请书');

    await applicant.get(`/api/portal/materials?program=wubao&regionCode=${VILLAGE}`).expect(400);
    const elsewhere = await applicant
      .get('/api/portal/materials?program=dibao&regionCode=110101001001')
      .expect(400);
    expect(elsewhere.body.details[0].field).toBe('regionCode');
  });

  it('marks on the case what a 补正 request asked for, and the message names each item', async () => {
    const applicant = await signIn('applicant');
    const { program, regionCode, applicant: person, members } = APPLICATION;
    const text = await applicant
      .post('/api/portal/authorization-text', { program, regionCode, applicant: person, members })
      .expect(200);
    const { id: caseId } = (
      await applicant
        .post('/api/cases', {
          ...APPLICATION,
          authorization: { signerName: person.name, accepted: true, textHash: text.body.textHash },
        })
        .expect(201)
    ).body;
    const fresh = (await applicant.get(`/api/portal/cases/${caseId}`).expect(200)).body;
    expect(names(fresh.materials)).toContain('居住证明');
    expect(fresh.materials.items.every((i: { requested: boolean }) => !i.requested)).toBe(true);

    const [task] = await openTasks(t, caseId);
    await (
      await signIn('clerk')
    )
      .post(`/api/tasks/${task.id}/complete`, {
        data: { decision: 'supplement', missingMaterials: ['居住证明', '结婚证'] },
      })
      .expect(200);
    await t.documentsSettled();
    const asked = (await applicant.get(`/api/portal/cases/${caseId}`).expect(200)).body;
    expect(
      asked.materials.items
        .filter((i: { requested: boolean }) => i.requested)
        .map((i: { name: string }) => i.name),
    ).toEqual(['居住证明']);
    expect(asked.materials.otherRequested).toEqual(['结婚证']);

    await t.app.get(NotificationDispatcher).poll();
    const messages = (await applicant.get('/api/portal/messages').expect(200)).body;
    const request = messages.find((m: { subject: string }) => m.subject === '请补充申请材料');
    expect(request.body).toContain('1. 居住证明；2. 结婚证');
  });
});
