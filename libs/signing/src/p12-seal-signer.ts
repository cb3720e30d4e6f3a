import { X509Certificate } from 'node:crypto';
import signpdf from '@signpdf/signpdf';
import { Signer } from '@signpdf/utils';
import { buildDetachedCms } from './cms';
import { addSignaturePlaceholder, SubFilter } from './placeholder';
import { readPkcs12, SealCredentials } from './pkcs12';
import { SealSigner, SignMeta } from './seal-signer';
import { formatSubject, subjectAttribute } from './x509-names';

export interface P12SealSignerOptions {
  /**
   * `adbe.pkcs7.detached` (default) keeps a CMS signing-time attribute.
   * `ETSI.CAdES.detached` produces PAdES-B-B: signing-certificate-v2 present, no signing-time
   * attribute (ETSI EN 319 142-1 forbids it; the time is carried by /M only).
   */
  subFilter?: SubFilter;
  /** Marks the self-generated development seal so callers can flag documents as non-authoritative. */
  isDevelopmentSeal?: boolean;
}

/** RSA seal from a PKCS#12 container; CMS is assembled locally and signed with native crypto. */
export class P12SealSigner implements SealSigner {
  readonly signerName: string;
  readonly certificate: X509Certificate;
  readonly subFilter: SubFilter;
  readonly isDevelopmentSeal: boolean;
  private readonly signatureLength: number;

  constructor(
    private readonly credentials: SealCredentials,
    options: P12SealSignerOptions = {},
  ) {
    // Fail at startup rather than at the first issued document.
    if (credentials.privateKey.asymmetricKeyType !== 'rsa') {
      throw new Error(`only RSA seals are supported, got ${credentials.privateKey.asymmetricKeyType}`);
    }
    this.certificate = new X509Certificate(credentials.certificates[0]!);
    this.signerName = formatSubject(this.certificate.subject);
    this.subFilter = options.subFilter ?? 'adbe.pkcs7.detached';
    this.isDevelopmentSeal = options.isDevelopmentSeal ?? false;
    this.signatureLength = reservedCmsBytes(credentials);
  }

  static fromPkcs12(p12: Buffer, password: string, options?: P12SealSignerOptions): P12SealSigner {
    return new P12SealSigner(readPkcs12(p12, password), options);
  }

  async sign(pdf: Buffer, meta: SignMeta): Promise<Buffer> {
    if (Number.isNaN(meta.signingTime.getTime())) throw new Error('signingTime is not a valid date');
    const prepared = addSignaturePlaceholder(pdf, {
      reason: meta.reason,
      location: meta.location ?? '',
      name: subjectAttribute(this.certificate.subject, 'CN') ?? this.signerName,
      signingTime: meta.signingTime,
      subFilter: this.subFilter,
      signatureLength: this.signatureLength,
    });
    const cmsSigningTime = this.subFilter === 'adbe.pkcs7.detached' ? meta.signingTime : undefined;
    return signpdf.sign(prepared, new CmsSigner(this.credentials, cmsSigningTime));
  }
}

/** Adapter to @signpdf's Signer base class, which SignPdf checks with instanceof. */
class CmsSigner extends Signer {
  constructor(
    private readonly credentials: SealCredentials,
    private readonly signingTime: Date | undefined,
  ) {
    super();
  }

  override async sign(content: Buffer): Promise<Buffer> {
    return buildDetachedCms({ content, ...this.credentials, signingTime: this.signingTime });
  }
}

/**
 * The CMS embeds every certificate plus the signer's issuer name again (ESS attribute) and one
 * RSA signature; 2 KiB covers attributes and framing. Sized per seal so a long chain still fits.
 */
function reservedCmsBytes({ certificates, privateKey }: SealCredentials): number {
  const certBytes = certificates.reduce((sum, der) => sum + der.length, 0);
  const modulusBytes = Math.ceil((privateKey.asymmetricKeyDetails?.modulusLength ?? 4096) / 8);
  return certBytes + certificates[0]!.length + modulusBytes + 2048;
}
