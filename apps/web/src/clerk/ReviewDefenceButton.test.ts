// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { session, type SessionUser } from '@web/auth/session';
import ReviewDefenceButton from './ReviewDefenceButton.vue';

function as(role: string, documentCount = 3) {
  session.set({
    id: 'u1',
    username: role,
    displayName: role,
    role,
    duties: [role],
    regionCode: '410799',
  } as SessionUser);
  return mount(ReviewDefenceButton, {
    props: { caseId: 'c1', caseNo: 'DIBAO-2026-000001', documentCount },
    global: { plugins: [ElementPlus] },
  });
}

afterEach(() => session.clear());

describe('ReviewDefenceButton', () => {
  it.each([
    ['legal_officer', true],
    ['county_approver', true],
    ['window_clerk', false],
    ['township_reviewer', false],
    ['auditor', false],
    ['admin', false],
  ])('%s sees the button: %s (the server’s case.review_defence)', (role, shown) => {
    expect(as(role).find('[data-test=review-defence-open]').exists()).toBe(shown);
  });

  it('is not offered on a case with no document yet', () => {
    expect(as('legal_officer', 0).find('[data-test=review-defence-open]').exists()).toBe(false);
  });
});
