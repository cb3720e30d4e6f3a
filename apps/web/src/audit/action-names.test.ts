import { describe, expect, it } from 'vitest';
import { actionName, isAccess } from './action-names';

describe('audit action names', () => {
  it('names known actions in Chinese', () => {
    expect(actionName('auth.login')).toBe('登录');
    expect(actionName('auth.login_refused')).toBe('停用账号试图登录');
    expect(actionName('access.case.read')).toBe('查看案件');
    expect(actionName('backup.create')).toBe('在线备份');
  });

  it('shows an unknown action as it is, so the record stays readable', () => {
    expect(actionName('something.new')).toBe('something.new');
    expect(actionName('toString')).toBe('toString');
  });

  it('tells reads of personal data from acts', () => {
    expect(isAccess('access.document.download')).toBe(true);
    expect(isAccess('document.issue')).toBe(false);
    expect(isAccess('user.access.grant')).toBe(false);
  });
});
