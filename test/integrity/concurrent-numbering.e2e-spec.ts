import { TestApp } from '../support/test-app';
import { concurrentIssuanceNumbers } from '../proofs/concurrent-numbering';

/** The api tier's numbering proof (test/dibao-lifecycle.e2e-spec.ts) at full size, in one process. */
let t: TestApp;
beforeAll(async () => {
  t = await TestApp.start();
});
afterAll(async () => {
  await t?.stop();
});

it('gives 200 concurrent issuances consecutive numbers with no gap and no duplicate', () =>
  concurrentIssuanceNumbers(t, 200));
