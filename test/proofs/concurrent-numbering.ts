import { ProcessRuntime, ServiceRegistry } from '@app/workflow';
import { TestApp } from '../support/test-app';
import { apply } from '../support/case-driver';

/**
 * `n` issuances of one numbered notice, all in flight at once, each in a transaction of its own
 * through the registered `document.issue` service: the 文号 must come out as n consecutive numbers
 * with no gap and no duplicate. The api tier runs it small, the integrity tier at full size.
 */
export async function concurrentIssuanceNumbers(t: TestApp, n: number): Promise<void> {
  const caseId = await apply(t);
  const [kase] = await t.query<{ process_instance_id: string }>(
    `SELECT process_instance_id FROM assistance_case WHERE id = $1`,
    [caseId],
  );
  const issue = t.app.get(ServiceRegistry).get('document.issue')!;
  const runtime = t.app.get(ProcessRuntime);
  const call = {
    instanceId: kase.process_instance_id,
    businessKey: caseId,
    elementId: 'Concurrency_Test',
    elementName: '并发出具',
    attributes: { service: 'document.issue', template: 'acceptance-notice' },
    variables: {},
  };
  await Promise.all(
    Array.from({ length: n }, () =>
      runtime.transaction((em) => issue(call, { em, actorId: null, now: t.clock.now() })),
    ),
  );
  const rows = await t.query<{ number: string }>(
    `SELECT number FROM document WHERE element_id = 'Concurrency_Test'`,
  );
  const seqs = rows.map((r) => Number(/〔\d{4}〕(\d+)号$/.exec(r.number)![1])).sort((a, b) => a - b);
  const offset = seqs[0] - 1;
  expect(seqs).toEqual(Array.from({ length: n }, (_, i) => offset + i + 1));
  expect(new Set(rows.map((r) => r.number)).size).toBe(n);
}
