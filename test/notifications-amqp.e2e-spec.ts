import { Socket } from 'node:net';
import { connect } from 'amqplib';
import { NotificationDispatcher } from '@app/notifications';
import { TestApp } from './support/test-app';
import { APPLICATION, CONFIRM_PATH, apply, drive } from './support/case-driver';
import { SmtpSink, mailText } from './support/smtp-sink';

/**
 * The outbox with RabbitMQ as its transport (`AMQP_URL`): the dispatcher publishes claimed rows,
 * the consumer sends them. Uses AMQP_URL if set, else the local broker (guest/guest); skipped,
 * saying so, only when no broker answers.
 */
const AMQP_URL = process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';

function reachable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.setTimeout(2000);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
    socket.connect(Number(port || 5672), hostname);
  });
}

let t: TestApp | undefined;
let brokerUp = false;
const smtp = new SmtpSink();
const saved = { AMQP_URL: process.env.AMQP_URL, AMQP_QUEUE: process.env.AMQP_QUEUE };

beforeAll(async () => {
  brokerUp = await reachable(AMQP_URL);
  if (!brokerUp) {
    console.warn(`RabbitMQ at ${new URL(AMQP_URL).host} is unreachable: the AMQP transport test is skipped`);
    return;
  }
  process.env.SMTP_URL = await smtp.start();
  process.env.AMQP_URL = AMQP_URL;
  // A queue of this run's own: another API on the same broker must not consume our rows.
  process.env.AMQP_QUEUE = `sa.notifications.test.${process.pid}.${Date.now()}`;
  t = await TestApp.start();
});
afterAll(async () => {
  await t?.stop();
  if (brokerUp) {
    const c = await connect(AMQP_URL);
    await (await c.createChannel()).deleteQueue(process.env.AMQP_QUEUE!);
    await c.close();
  }
  for (const [k, v] of Object.entries(saved))
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  delete process.env.SMTP_URL;
  if (brokerUp) await smtp.stop();
});

/** Waits for the consumer (asynchronous by nature) to finish, reading the outbox row's state. */
async function until<T>(read: () => Promise<T>, done: (v: T) => boolean): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const v = await read();
    if (done(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}

it('carries the acceptance e-mail through RabbitMQ to the SMTP server', async () => {
  if (!brokerUp) return;
  const app = t!;
  expect(app.app.get(NotificationDispatcher).transport).toBe('amqp');
  const caseId = await apply(app);
  await (
    await app.as('clerk')
  )
    .post(`/api/cases/${caseId}/service-consents`, {
      recipient: APPLICATION.applicant.name,
      address: 'wang.jianguo@example.cn',
      signedOn: app.clock.today(),
    })
    .expect(201);
  await drive(app, caseId, CONFIRM_PATH, /核对/);
  smtp.refuseNext = 1;
  await app.app.get(NotificationDispatcher).poll();
  const row = () =>
    app.query<{ status: string; attempts: number; last_error: string | null }>(
      `SELECT status, attempts, last_error FROM notification_outbox
       WHERE case_id = $1 AND event = 'applicant.acceptance' AND channel = 'email'`,
      [caseId],
    );
  // The first try through the queue is refused: the row waits for its retry.
  const failed = await until(row, ([r]) => r.status === 'pending');
  expect(failed[0]).toMatchObject({ status: 'pending', attempts: 1 });
  await app.app.get(NotificationDispatcher).poll(new Date(app.clock.now().getTime() + 31_000));
  const sent = await until(row, ([r]) => r.status === 'sent');
  expect(sent[0]).toMatchObject({ status: 'sent', attempts: 2 });
  expect(smtp.received).toHaveLength(1);
  expect(mailText(smtp.received[0].raw)).toContain('受理');
});
