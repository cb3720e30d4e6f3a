import * as fs from 'node:fs';
import * as path from 'node:path';
import { NotificationDispatcher } from '@app/notifications';
import { WorkingCalendar, plusDays } from '@app/workflow';
import { TestApp } from './support/test-app';
import { APPLICATION, CONFIRM_PATH, apply, drive, freshFamily, openTasks } from './support/case-driver';
import { SmtpSink, mailText } from './support/smtp-sink';
import { installUnchecked } from './support/unchecked-model';
import { tinyPdf } from './support/sample-files';

/**
 * Notifications through an outbox (issue 18 §5): messages are queued in the step's transaction,
 * delivered after commit by the dispatcher (message centre, e-mail over SMTP, the logging SMS
 * provider), retried after a failure, recorded on the case; staff are reminded the working day
 * before a deadline and the supervisor is told once it has passed. Database transport (no AMQP_URL).
 */
let t: TestApp;
const smtp = new SmtpSink();
const EMAIL = 'wang.jianguo@example.cn';
const MATERIALS = ['户口簿复印件', '残疾证复印件'];

beforeAll(async () => {
  process.env.SMTP_URL = await smtp.start();
  delete process.env.AMQP_URL;
  // Reads none of the documents its steps issue: they render when read (TestAppOptions).
  t = await TestApp.start({ documents: 'on-read' });
});
afterAll(async () => {
  await t?.stop();
  delete process.env.SMTP_URL;
  await smtp.stop();
});

const dispatcher = () => t.app.get(NotificationDispatcher);
const later = (ms: number) => new Date(t.clock.now().getTime() + ms);

function outboxOf(caseId: string) {
  return t.query<{
    event: string;
    channel: string;
    status: string;
    attempts: number;
    last_error: string | null;
    recipient: Record<string, string>;
    body: string;
  }>(
    `SELECT event, channel, status, attempts, last_error, recipient, body FROM notification_outbox
     WHERE case_id = $1 ORDER BY created_at, event, channel`,
    [caseId],
  );
}

/** The applicant applies online (signing the 核对授权书) and gives an e-mail for electronic service. */
async function onlineApplication(): Promise<string> {
  const applicant = await t.as('applicant');
  const draft = {
    program: APPLICATION.program,
    regionCode: APPLICATION.regionCode,
    applicant: APPLICATION.applicant,
    members: APPLICATION.members,
  };
  const text = await applicant.post('/api/portal/authorization-text', draft).expect(200);
  const created = await applicant
    .post('/api/cases', {
      ...APPLICATION,
      authorization: { signerName: APPLICATION.applicant.name, accepted: true, textHash: text.body.textHash },
    })
    .expect(201);
  await applicant
    .post(`/api/portal/cases/${created.body.id}/e-service-consent`, { address: EMAIL, agree: true })
    .expect(201);
  return created.body.id;
}

describe('the applicant is told of a 补正 request and its service', () => {
  let caseId: string;

  beforeAll(async () => {
    caseId = await onlineApplication();
    const [task] = await openTasks(t, caseId);
    await (
      await t.as('clerk')
    )
      .post(`/api/tasks/${task.id}/complete`, {
        data: { decision: 'supplement', missingMaterials: MATERIALS },
      })
      .expect(200);
  });

  it('queues the message on every channel in the step’s transaction, before anything is sent', async () => {
    const rows = await outboxOf(caseId);
    const supplement = rows.filter((r) => r.event === 'applicant.supplement');
    expect(supplement.map((r) => r.channel).sort()).toEqual(['email', 'portal', 'sms']);
    expect(supplement.every((r) => r.status === 'pending')).toBe(true);
    expect(supplement.find((r) => r.channel === 'email')!.recipient).toEqual({ email: EMAIL });
    expect(supplement.find((r) => r.channel === 'sms')!.recipient).toEqual({
      phone: APPLICATION.applicant.phone,
    });
    for (const m of MATERIALS) expect(supplement[0].body).toContain(m);
  });

  it('retries the e-mail after the SMTP server refuses it, and the server then receives it', async () => {
    smtp.refuseNext = 1;
    await dispatcher().poll();
    let email = (await outboxOf(caseId)).find(
      (r) => r.event === 'applicant.supplement' && r.channel === 'email',
    )!;
    expect(email).toMatchObject({ status: 'pending', attempts: 1 });
    expect(email.last_error).toContain('451');
    expect(smtp.received).toHaveLength(0);

    // Not before its backoff (30 s) has passed…
    await dispatcher().poll(later(10_000));
    expect(smtp.received).toHaveLength(0);
    // …then delivered.
    await dispatcher().poll(later(31_000));
    email = (await outboxOf(caseId)).find(
      (r) => r.event === 'applicant.supplement' && r.channel === 'email',
    )!;
    expect(email).toMatchObject({ status: 'sent', attempts: 2, last_error: null });
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0].to).toEqual([EMAIL]);
    const text = mailText(smtp.received[0].raw);
    for (const m of MATERIALS) expect(text).toContain(m);
  });

  it('says plainly that the logging SMS provider sent nothing', async () => {
    const sms = (await outboxOf(caseId)).find(
      (r) => r.event === 'applicant.supplement' && r.channel === 'sms',
    )!;
    expect(sms.status).toBe('sent');
    expect(sms.last_error).toContain('未实际发送');
  });

  it('puts the message in the applicant’s message centre (消息), and nobody else’s', async () => {
    const messages = (await (await t.as('applicant')).get('/api/portal/messages').expect(200)).body;
    const supplement = messages.find((m: { subject: string }) => m.subject === '请补充申请材料');
    expect(supplement).toMatchObject({ caseId, read: false });
    for (const m of MATERIALS) expect(supplement.body).toContain(m);
    await (await t.as('applicant')).post('/api/portal/messages/read', { ids: [supplement.id] }).expect(204);
    const after = (await (await t.as('applicant')).get('/api/portal/messages').expect(200)).body;
    expect(after.find((m: { id: string }) => m.id === supplement.id).read).toBe(true);
    // Staff read their own centre, not the applicant's.
    const staff = (await (await t.as('clerk')).get('/api/messages').expect(200)).body;
    expect(staff.find((m: { id: string }) => m.id === supplement.id)).toBeUndefined();
  });

  it('lets the applicant upload the material to their own application, and no one else’s', async () => {
    const token = await t.token('applicant');
    const res = await t.http
      .post(
        `/api/portal/cases/${caseId}/attachments?fileName=${encodeURIComponent('户口簿.pdf')}&note=${encodeURIComponent(MATERIALS[0])}`,
      )
      .set('Authorization', `Bearer ${token}`)
      .set('Content-Type', 'application/pdf')
      .send(tinyPdf('hukou'));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'scan', fileName: '户口簿.pdf', note: MATERIALS[0] });
    const mine = (await (await t.as('applicant')).get(`/api/portal/cases/${caseId}/attachments`).expect(200))
      .body;
    expect(mine.map((a: { id: string }) => a.id)).toEqual([res.body.id]);
    // The window sees it with the case's papers.
    const staff = (await (await t.as('clerk')).get(`/api/cases/${caseId}/attachments`).expect(200)).body;
    expect(staff.map((a: { id: string }) => a.id)).toContain(res.body.id);
    // Another household's case is not the applicant's to add to.
    const other = await apply(t, freshFamily(21));
    const refused = await t.http
      .post(`/api/portal/cases/${other}/attachments?fileName=x.pdf`)
      .set('Authorization', `Bearer ${token}`)
      .set('Content-Type', 'application/pdf')
      .send(tinyPdf('x'));
    expect(refused.status).toBe(404);
  });

  it('tells the applicant when the notice is served, and records every message on the case timeline', async () => {
    await drive(t, caseId, CONFIRM_PATH, /登记补正/);
    await dispatcher().poll();
    const served = (await outboxOf(caseId)).filter((r) => r.event === 'applicant.served');
    expect(served.map((r) => r.channel).sort()).toEqual(['email', 'portal', 'sms']);
    expect(served.every((r) => r.status === 'sent')).toBe(true);
    expect(served[0].body).toContain('补正');
    const timeline = (await (await t.as('clerk')).get(`/api/cases/${caseId}`).expect(200)).body.timeline as {
      action: string;
      detail: { event?: string; channel?: string };
    }[];
    const queued = timeline.filter((e) => e.action === 'notification.queue').map((e) => e.detail.event);
    expect(queued).toEqual(expect.arrayContaining(['applicant.supplement', 'applicant.served']));
    const sent = timeline.filter((e) => e.action === 'notification.send');
    expect(
      sent
        .filter((e) => e.detail.event === 'applicant.supplement')
        .map((e) => e.detail.channel)
        .sort(),
    ).toEqual(['email', 'portal', 'sms']);
  });
});

describe('acceptance, 公示 and the decision reach the applicant as the model runs', () => {
  it('queues acceptance, the 公示 period and the decision from the documents issued', async () => {
    const caseId = await apply(t, freshFamily(11));
    await drive(t, caseId, CONFIRM_PATH, /公示结果/);
    const portal = async () => (await outboxOf(caseId)).filter((r) => r.channel === 'portal');
    expect((await portal()).map((r) => r.event)).toEqual(['applicant.acceptance', 'applicant.public-notice']);
    const notice = (await portal()).find((r) => r.event === 'applicant.public-notice')!;
    expect(notice.body).toMatch(/公示期自\d{4}年\d{1,2}月\d{1,2}日至\d{4}年\d{1,2}月\d{1,2}日/);

    // The 公示 passes; the county decides and the decision is served.
    await t.advanceDays(10);
    await drive(t, caseId, CONFIRM_PATH);
    const later = (await portal()).map((r) => r.event);
    expect(later.slice(0, 2)).toEqual(['applicant.acceptance', 'applicant.public-notice']);
    expect(later).toContain('applicant.decision');
    expect(later.indexOf('applicant.served')).toBeGreaterThan(later.indexOf('applicant.decision'));
    const decision = (await portal()).find((r) => r.event === 'applicant.decision')!;
    expect(decision.body).toContain('行政复议');
  });
});

describe('a window applicant with no portal account and no phone', () => {
  it('records each notice as undeliverable (no channel), never as sent to the portal', async () => {
    const family = freshFamily(14);
    const { phone: _none, ...applicant } = family.applicant;
    const caseId = await apply(t, { ...family, applicant: applicant as typeof family.applicant });
    await drive(t, caseId, CONFIRM_PATH, /公示结果/);
    await dispatcher().poll();
    expect(await outboxOf(caseId)).toEqual([]);
    const audit = await t.query<{
      action: string;
      detail: { event: string; channel?: string; reason?: string };
    }>(
      `SELECT action, detail FROM audit_entry WHERE case_id = $1 AND action LIKE 'notification.%' ORDER BY id`,
      [caseId],
    );
    expect(audit.filter((a) => a.action === 'notification.send')).toEqual([]);
    const undeliverable = audit.filter((a) => a.action === 'notification.undeliverable');
    expect(undeliverable.map((a) => a.detail.event)).toEqual([
      'applicant.acceptance',
      'applicant.public-notice',
    ]);
    expect(undeliverable[0].detail.reason).toContain('无门户账户');
  });
});

describe('staff deadline reminders and escalation on the demo clock', () => {
  it('reminds the role the working day before the due date and escalates to the supervisor after it', async () => {
    const caseId = await apply(t, freshFamily(12));
    await drive(t, caseId, CONFIRM_PATH, /核对/);
    const [task] = await openTasks(t, caseId);
    const [{ due }] = await t.query<{ due: string }>(`SELECT due_date::text AS due FROM task WHERE id = $1`, [
      task.id,
    ]);
    let dayBefore = plusDays(due, -1);
    while (!WorkingCalendar.PACKAGE.isWorkday(dayBefore)) dayBefore = plusDays(dayBefore, -1);
    const days = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);
    // Sessions expire on the application clock: sign in again after each move.
    const moveClock = async (days: number) => {
      await (await t.as('admin')).post('/api/demo/clock', { days }).expect(200);
      t.forgetSessions();
    };
    const staffAlerts = async () =>
      (await outboxOf(caseId)).filter((r) => r.channel === 'staff').map((r) => [r.event, r.recipient.role]);

    // Two days before the day before: nothing yet.
    if (days(t.clock.today(), dayBefore) > 1) {
      await moveClock(days(t.clock.today(), dayBefore) - 1);
      expect(await staffAlerts()).toEqual([]);
    }
    await moveClock(days(t.clock.today(), dayBefore));
    expect(await staffAlerts()).toEqual([['staff.reminder', 'investigator']]);
    const investigator = (await (await t.as('investigator')).get('/api/messages').expect(200)).body;
    expect(investigator.find((m: { caseId: string }) => m.caseId === caseId).body).toContain(
      '家庭经济状况信息核对',
    );

    // A poll on the due date itself reminds no one twice.
    await dispatcher().poll();
    expect(await staffAlerts()).toEqual([['staff.reminder', 'investigator']]);

    await moveClock(days(t.clock.today(), due) + 1);
    expect(await staffAlerts()).toEqual([
      ['staff.reminder', 'investigator'],
      ['staff.escalation', 'township_reviewer'],
    ]);
    const reviewer = (await (await t.as('reviewer')).get('/api/messages').expect(200)).body;
    expect(reviewer.find((m: { caseId: string }) => m.caseId === caseId).subject).toContain('逾期督办');
  });
});

describe('a step that rolls back tells nobody anything', () => {
  it('leaves no message when the acceptance step fails after the 受理通知书 was issued', async () => {
    const v1 = fs.readFileSync(path.join(__dirname, '../processes/dibao-application.bpmn'), 'utf8');
    // Passed the lint of its day, but the gateway after the 受理通知书 reads a variable nobody sets.
    const broken = v1.replace(
      'sourceRef="Task_IssueAcceptanceNotice" targetRef="Task_IssueVerificationRequest" />',
      `sourceRef="Task_IssueAcceptanceNotice" targetRef="Gateway_Broken" />
    <bpmn:exclusiveGateway id="Gateway_Broken" name="是否需要协查" />
    <bpmn:sequenceFlow id="Flow_Broken" sourceRef="Gateway_Broken" targetRef="Task_IssueVerificationRequest"><bpmn:conditionExpression>\${undeclaredFlag &gt; 1}</bpmn:conditionExpression></bpmn:sequenceFlow>`,
    );
    expect(broken).not.toBe(v1);
    await installUnchecked(t, broken);
    const caseId = await apply(t, freshFamily(13));
    const [task] = await openTasks(t, caseId);
    const res = await (
      await t.as('clerk')
    ).post(`/api/tasks/${task.id}/complete`, { data: { decision: 'accept' } });
    expect(res.status).toBe(409);
    expect(await outboxOf(caseId)).toEqual([]);
    await dispatcher().poll();
    expect(await t.query(`SELECT 1 FROM notification_message WHERE case_id = $1`, [caseId])).toEqual([]);
  });
});
