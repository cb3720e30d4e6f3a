import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '@app/common';
import { BlobStore } from '@app/archive';
import { Database } from '@app/persistence';
import { extractSignatureInfo } from '@app/signing';
import { BLOB_STORE } from './document-pipeline';
import { documentRepository as documents } from './document.repository';

export interface VerificationResult {
  genuine: boolean;
  title: string;
  number: string | null;
  issuer: string;
  issuedAt: Date;
  pdfSha256: string | null;
  /** Present when a PDF was submitted: whether it is byte for byte the archived one. */
  matchesArchive?: boolean;
  message: string;
}

/** Public check of a document by its verification code (printed with a QR code on every page). */
@Injectable()
export class VerificationService {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
  ) {}

  async verify(code: string, submitted?: Buffer): Promise<VerificationResult> {
    if (!/^[0-9A-F]{16}$/.test(code)) {
      throw AppError.validation('验证码格式不正确', [
        { field: 'code', message: '验证码应为16位数字或大写字母A–F' },
      ]);
    }
    const found = await this.db.read(async (em) => {
      const doc = await documents.byVerifyCode(em, code);
      const ledger = doc ? await documents.ledgerEntry(em, doc.id) : null;
      return { doc, ledger };
    });
    const { doc, ledger } = found;
    if (!doc) throw AppError.notFound('未找到该验证码对应的文书，文书可能不是本系统出具的');
    const issuer = doc.data.issuer?.name ?? '';
    const base = {
      title: doc.title,
      number: doc.number,
      issuer,
      issuedAt: doc.issuedAt,
      pdfSha256: doc.pdfSha256,
    };
    if (!ledger || !doc.pdfSha256 || ledger.pdfSha256 !== doc.pdfSha256) {
      return { ...base, genuine: false, message: '文书尚未归档或归档记录不一致' };
    }
    let archived: Buffer;
    try {
      archived = await this.blobs.get(doc.pdfSha256);
    } catch (err) {
      // A file that is not there was not altered: say so, so that a genuine notice served by a
      // process without the archive is not reported as tampered with.
      const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
      return {
        ...base,
        genuine: false,
        message: missing ? '未找到该文书的归档文件，暂无法核验，请向出具机关核实' : '归档文件已损坏或被改动',
      };
    }
    const signature = extractSignatureInfo(archived);
    if (!signature?.intact) return { ...base, genuine: false, message: '归档文件的电子签章无效' };
    if (submitted) {
      const matches = BlobStore.sha256(submitted) === doc.pdfSha256;
      return {
        ...base,
        genuine: matches,
        matchesArchive: matches,
        message: matches ? '文书真实有效，与归档件完全一致' : '所提交的文件与归档件不一致，可能被改动',
      };
    }
    return { ...base, genuine: true, message: '文书真实有效' };
  }
}
