/** zh-CN names of audit actions; an unknown one is shown as it is (the record stays readable). */
const NAMES: Record<string, string> = {
  'auth.login': '登录',
  'auth.login_failed': '登录失败',
  'case.created': '立案',
  'case.closed': '办结',
  'case.economics': '录入家庭经济状况',
  'task.complete': '办理步骤',
  'case.apply': '提出申请',
  'case.started': '立案',
  'case.near-relative': '认定为近亲属案件',
  'case.time-limit-extension': '延长办理期限',
  'case.file_export': '导出案卷',
  'document.issue': '出具文书',
  'assessment.evaluate': '家庭经济状况评估',
  'attachment.upload': '上传附件',
  'attachment.thumbnail': '生成缩略图',
  'attachment.void': '作废附件',
  'authorization.sign': '签署核对授权书',
  'benefit.change': '待遇变更',
  'benefit.reviewed': '定期核查',
  'process.migrate': '迁移流程版本',
  'template.publish': '发布文书模板',
  'review-cohort.generate': '生成核查批次',
  'service.consent': '电子送达确认',
  'service.record': '送达',
  'supervision.near-relative.register': '近亲属备案',
  'supervision.recheck.draw': '随机抽查',
  'policy.publish': '发布政策参数',
  'duty_rules.publish': '发布职责分离规则',
  'process.deploy': '部署流程模型',
  'access.case.read': '查看案件',
  'access.case.list': '查看案件列表',
  'access.task.read': '查看任务',
  'access.task.inbox': '查看待办',
  'access.stats.overview': '查看统计概览',
  'access.document.read': '查看文书',
  'access.document.download': '下载文书',
  'access.document.preview': '预览文书',
  'access.attachment.list': '查看附件列表',
  'access.attachment.download': '下载附件',
  'access.attachment.thumbnail': '查看附件缩略图',
  'access.public-listing.read': '查看长期公布',
  'access.public-listing.export': '导出长期公布',
  'access.near-relative.list': '查看近亲属备案',
  'access.near-relative.cases': '查看近亲属案件',
  'access.report.overdue.export': '导出超时通报',
  'access.warning.list': '查看预警',
  'access.warning.events': '查看预警事件',
  'access.case.service.read': '查看送达与期限',
  'access.audit.read': '查阅审计记录',
};

export function actionName(action: string): string {
  return NAMES[action] ?? action;
}

/** Reads of personal data, as opposed to acts. */
export function isAccess(action: string): boolean {
  return action.startsWith('access.');
}
