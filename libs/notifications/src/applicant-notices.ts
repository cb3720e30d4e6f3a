import { Notice } from './outbox.service';
import { cnDate } from './notify-rules';

/** What of an issued document's manifest decides the applicant's notice (templates are data). */
export interface IssuedDocument {
  id: string;
  title: string;
  number: string | null;
  issuedOn: string;
  manifest: { documentType?: string; remedy?: boolean; delivery?: string; recordsCaseDate?: string };
  data: {
    form?: Record<string, unknown>;
    publicNotice?: { startDate?: string; endDate?: string };
  };
}

/**
 * The notice an issued document gives the applicant, read from its manifest and data rather than
 * from the process order: the document that records the acceptance date tells of acceptance; a
 * served notice listing missing materials is a 补正 request; a posted notice with a period is the
 * 公示; a document with remedy rights, or a decision, is a decision issued. Others tell nothing.
 */
export function applicantNoticeFor(doc: IssuedDocument): Notice | null {
  const { manifest, data } = doc;
  const named = `《${doc.title}》${doc.number ? `（${doc.number}）` : ''}`;
  if (manifest.recordsCaseDate === 'acceptanceDate') {
    return {
      event: 'applicant.acceptance',
      ref: doc.id,
      subject: '您的申请已受理',
      body: `您的申请已于${cnDate(doc.issuedOn)}受理，${named}将送达给您。办理进度和后续步骤可在“我的申请”中查看。`,
    };
  }
  const missing = Array.isArray(data.form?.missingMaterials)
    ? (data.form.missingMaterials as unknown[]).map(String).filter((m) => m.trim())
    : [];
  if (manifest.delivery === 'served' && !manifest.remedy && missing.length) {
    return {
      event: 'applicant.supplement',
      ref: doc.id,
      subject: '请补充申请材料',
      body: `您的申请材料需要补正，请补充以下材料：${missing.map((m, i) => `${i + 1}. ${m}`).join('；')}。可在“我的申请”中上传，或带到乡镇（街道）社会救助窗口。`,
    };
  }
  const period = data.publicNotice;
  if (manifest.delivery === 'posted' && period?.startDate && period.endDate) {
    return {
      event: 'applicant.public-notice',
      ref: doc.id,
      subject: '您的申请进入公示',
      body: `按规定，您家庭的申请情况在村（居）公示，公示期自${cnDate(period.startDate)}至${cnDate(period.endDate)}。公示期满无异议的，将进入审核确认。`,
    };
  }
  if (manifest.remedy || manifest.documentType === 'decision') {
    return {
      event: 'applicant.decision',
      ref: doc.id,
      subject: `已作出${named}`,
      body: `关于您的申请，已于${cnDate(doc.issuedOn)}作出${named}，送达后可在“我的申请”中查看。如不服，可依文书所载期限申请行政复议或提起行政诉讼。`,
    };
  }
  return null;
}

/** The applicant is told that a document was served on them (the receipt's record). */
export function servedNotice(input: { receiptId: string; title: string; servedOn: string }): Notice {
  return {
    event: 'applicant.served',
    ref: input.receiptId,
    subject: `《${input.title}》已送达`,
    body: `《${input.title}》已于${cnDate(input.servedOn)}向您送达。文书可在“我的申请”中查看；法定期限自送达之日起计算。`,
  };
}
