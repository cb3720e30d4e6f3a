import { describe, expect, it } from 'vitest';
import { withCheckDigit } from '@shared/assistance/resident-id';
import { applicationBody, displayField, localProblems, newApplication, stepOf } from './apply-form';

const APPLICANT_ID = withCheckDigit('41070219800101123');
const CHILD_ID = withCheckDigit('41070220100505234');

function complete() {
  const a = newApplication();
  a.applicant.name = '张三';
  a.applicant.idNumber = APPLICANT_ID;
  a.applicant.address = '卫滨区某村';
  a.others.push({ key: 1, name: '张小', idNumber: CHILD_ID, relation: '子女' });
  a.village = '410702001001';
  a.nearRelative = false;
  a.accepted = true;
  a.signerName = '张三';
  return a;
}

describe('the online application', () => {
  it('has nothing to say about a complete application', () => {
    expect(localProblems(complete())).toEqual({});
  });

  it('checks resident IDs with the server rules and words', () => {
    const a = complete();
    a.applicant.idNumber = `${APPLICANT_ID.slice(0, 17)}${APPLICANT_ID[17] === '0' ? '1' : '0'}`;
    a.others[0].idNumber = withCheckDigit('99070220100505234');
    const problems = localProblems(a);
    expect(problems['applicant.idNumber']).toBe('身份证号码无效：校验码错误（GB 11643），请核对号码');
    expect(problems['members[1].idNumber']).toBe('身份证号码无效：前两位 99 不是省级行政区划代码');
  });

  it('refuses a birth date after today in China', () => {
    const a = complete();
    a.others[0].idNumber = withCheckDigit('41070221000101234');
    expect(localProblems(a)['members[1].idNumber']).toBe('身份证号码无效：出生日期 2100-01-01 晚于今天');
  });

  it('finds a member listed twice', () => {
    const a = complete();
    a.others[0].idNumber = APPLICANT_ID;
    expect(localProblems(a)['members[1].idNumber']).toBe('与第1位家庭成员的身份证号码重复');
  });

  it('wants the signature to be the applicant’s name, except on paper', () => {
    const a = complete();
    a.signerName = '李四';
    expect(localProblems(a)['authorization.signerName']).toBe('签名应与申请人姓名“张三”一致');
    expect(localProblems(a, { paper: true })).toEqual({});
    a.accepted = false;
    expect(localProblems(a, { paper: true })['authorization.accepted']).toBe(
      '须确认已收存全体成年家庭成员签字的纸质授权书',
    );
  });

  it('sends trimmed fields and the applicant as member 1', () => {
    const a = complete();
    a.applicant.name = ' 张三 ';
    const body = applicationBody(a, 'hash');
    expect(body.members[0]).toEqual({ name: '张三', idNumber: APPLICANT_ID, relation: '本人' });
    expect(body).toMatchObject({
      regionCode: '410702001001',
      authorization: { signerName: '张三', textHash: 'hash' },
    });
    expect(body).not.toHaveProperty('variables');
    expect(body.applicant).not.toHaveProperty('phone');
  });

  it('sends a server error back to the step that shows the field', () => {
    expect(stepOf('applicant.idNumber')).toBe(0);
    expect(stepOf('members[0].idNumber')).toBe(0);
    expect(stepOf('members[2].name')).toBe(1);
    expect(stepOf('regionCode')).toBe(2);
    expect(stepOf('authorization.signerName')).toBe(3);
    expect(displayField('members[0].idNumber')).toBe('applicant.idNumber');
  });
});

describe('application drafts', () => {
  it('keeps what was typed across a reload, but never the signature', async () => {
    const { newApplication, saveDraft, restoreDraft, clearDraft, DRAFT_KEY } = await import('./apply-form');
    const store = new Map<string, string>();
    const storage = {
      setItem: (k: string, v: string) => void store.set(k, v),
      getItem: (k: string) => store.get(k) ?? null,
      removeItem: (k: string) => void store.delete(k),
    };
    const a = newApplication();
    a.applicant.name = '王建国';
    a.others.push({ name: '刘秀英', idNumber: '41079919830611002X', relation: '配偶' } as never);
    a.village = '410799100201';
    a.accepted = true;
    a.signerName = '王建国';
    saveDraft(a, storage);
    expect(store.get(DRAFT_KEY)).not.toContain('signerName');

    const b = newApplication();
    expect(restoreDraft(b, storage)).toBe(true);
    expect(b.applicant.name).toBe('王建国');
    expect(b.others).toHaveLength(1);
    expect(b.village).toBe('410799100201');
    expect(b.accepted).toBe(false);
    expect(b.signerName).toBe('');

    clearDraft(storage);
    expect(restoreDraft(newApplication(), storage)).toBe(false);
  });
});
