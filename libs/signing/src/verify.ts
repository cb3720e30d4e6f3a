import { createHash, verify as nativeVerify, X509Certificate } from 'node:crypto';
import * as forge from 'node-forge';
import { asn1, children, encodeDer, expectUniversal, oidOf, parseDer, primitiveBytes, set } from './asn1';
import { issuerAndSerial } from './cms';
import { DIGEST_BY_OID, OID } from './oids';
import { formatSubject } from './x509-names';

export interface SignatureInfo {
  byteRange: [number, number, number, number];
  subFilter?: string;
  /** One-line RFC 4514 order, e.g. "CN=平安县民政局, O=平安县民政局, C=CN". */
  signerSubject: string;
  /** Lower-case hex SHA-256 of the signer certificate DER. */
  signerCertificateSha256: string;
  signerCertificate: X509Certificate;
  /** Claimed time: the CMS signing-time attribute, else the signature dictionary's /M. */
  signingTime?: Date;
  signingTimeSource?: 'cms' | 'pdf';
  digestAlgorithm: string;
  /** Digest of the ByteRange bytes equals the CMS messageDigest attribute. */
  digestMatches: boolean;
  /** CMS signature verifies with the embedded signer certificate's public key. */
  signatureValid: boolean;
  /** Nothing was appended after signing (no incremental update hides changes). */
  coversWholeDocument: boolean;
  /** digestMatches && signatureValid && coversWholeDocument. Says nothing about certificate trust. */
  intact: boolean;
  /** Human-readable reasons for any failed check. */
  problems: string[];
}

/** The PDF carries something that looks like a signature but cannot be parsed as one. */
export class SignatureFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SignatureFormatError';
  }
}

/**
 * Checks the last signature of a PDF (the one covering the most bytes) without poppler, so the
 * public verify endpoint can tell whether a document is intact. Returns null for unsigned PDFs.
 * Trust in the certificate (chain, revocation) is deliberately out of scope.
 */
export function extractSignatureInfo(pdf: Buffer): SignatureInfo | null {
  const located = locateSignature(pdf);
  if (!located) return null;
  const { byteRange, cms, dictionary } = located;
  const signed = Buffer.concat([
    pdf.subarray(byteRange[0], byteRange[0] + byteRange[1]),
    pdf.subarray(byteRange[2], byteRange[2] + byteRange[3]),
  ]);
  const parsed = parseSignedData(cms);
  const problems: string[] = [];

  const actualDigest = createHash(parsed.digestName).update(signed).digest();
  // Without signed attributes the signature is over the content itself, so the digest check is
  // implied; with them, a missing messageDigest would leave the content unbound and must fail.
  const messageDigest = parsed.signedAttributes && attributeValue(parsed.signedAttributes, OID.messageDigest);
  const digestMatches = parsed.signedAttributes
    ? messageDigest !== undefined && primitiveBytes(messageDigest).equals(actualDigest)
    : true;
  if (!digestMatches) problems.push('签名范围内的文件内容已被修改（摘要不一致）');

  const signedBytes = parsed.signedAttributes
    ? // Verifiers hash the attributes re-tagged as SET (RFC 5652 §5.4). Re-encoding is exact for DER input.
      encodeDer(set(children(parsed.signedAttributes)))
    : signed;
  const signatureValid = verifySignature(parsed, signedBytes, problems);

  const coversWholeDocument = byteRange[2] + byteRange[3] === pdf.length;
  if (!coversWholeDocument) problems.push('签名之后文件被追加了内容');

  const cmsTime = parsed.signedAttributes && attributeValue(parsed.signedAttributes, OID.signingTime);
  const pdfTime = cmsTime ? undefined : pdfDate(dictionary);
  const certificate = parsed.signerCertificate;
  return {
    byteRange,
    subFilter: /\/SubFilter\s*\/([^\s/<>[\]()]+)/.exec(dictionary)?.[1],
    signerSubject: formatSubject(certificate.subject),
    signerCertificateSha256: certificate.fingerprint256.replace(/:/g, '').toLowerCase(),
    signerCertificate: certificate,
    signingTime: cmsTime ? asn1Time(cmsTime) : pdfTime,
    signingTimeSource: cmsTime ? 'cms' : pdfTime ? 'pdf' : undefined,
    digestAlgorithm: parsed.digestName,
    digestMatches,
    signatureValid,
    coversWholeDocument,
    intact: digestMatches && signatureValid && coversWholeDocument,
    problems,
  };
}

interface LocatedSignature {
  byteRange: [number, number, number, number];
  cms: Buffer;
  /** Text of the signature dictionary object, for /SubFilter and /M. */
  dictionary: string;
}

function locateSignature(pdf: Buffer): LocatedSignature | undefined {
  const at = pdf.lastIndexOf('/ByteRange', undefined, 'latin1');
  if (at < 0) return undefined;
  const match = /^\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(
    pdf.subarray(at, at + 120).toString('latin1'),
  );
  if (!match) throw new SignatureFormatError('无法解析签名的 /ByteRange');
  const byteRange = match.slice(1, 5).map(Number) as [number, number, number, number];
  const [start, firstLength, secondStart, secondLength] = byteRange;
  if (start !== 0 || firstLength >= secondStart || secondStart + secondLength > pdf.length) {
    throw new SignatureFormatError(`签名的 /ByteRange 不合理：[${byteRange.join(' ')}]`);
  }
  // The gap between the two ranges must be exactly the /Contents hex string.
  const gap = pdf.subarray(firstLength, secondStart).toString('latin1');
  if (!/^<[0-9A-Fa-f\s]*>$/.test(gap))
    throw new SignatureFormatError('签名的 /Contents 不在 /ByteRange 的间隙中');
  const cms = Buffer.from(gap.slice(1, -1).replace(/\s/g, ''), 'hex');

  const objectStart = pdf.lastIndexOf(' obj', Math.min(at, firstLength), 'latin1');
  const objectEnd = pdf.indexOf('endobj', secondStart, 'latin1');
  const dictionary = Buffer.concat([
    pdf.subarray(Math.max(0, objectStart), firstLength),
    pdf.subarray(secondStart, objectEnd < 0 ? secondStart : objectEnd),
  ]).toString('latin1');
  return { byteRange, cms, dictionary };
}

interface ParsedSignedData {
  digestName: string;
  signedAttributes?: forge.asn1.Asn1;
  signatureAlgorithm: string;
  signature: Buffer;
  signerCertificate: X509Certificate;
}

function parseSignedData(cms: Buffer): ParsedSignedData {
  try {
    // /Contents is zero-padded to the placeholder size, so trailing bytes are expected.
    const { SEQUENCE, SET, OCTETSTRING } = asn1.Type;
    const contentInfo = children(expectUniversal(parseDer(cms, false), SEQUENCE, 'ContentInfo'));
    if (oidOf(contentInfo[0]!) !== OID.signedData || !isContext(contentInfo[1], 0)) {
      throw new Error('not a SignedData');
    }
    const signedData = children(expectUniversal(children(contentInfo[1]!)[0], SEQUENCE, 'SignedData'));
    const certificateNodes = signedData.find((node) => isContext(node, 0));
    const signerInfos = expectUniversal(signedData[signedData.length - 1], SET, 'SignerInfos');
    const signerInfo = children(expectUniversal(children(signerInfos)[0], SEQUENCE, 'SignerInfo'));

    const [, sid, digestAlgorithm, ...rest] = signerInfo;
    const signedAttributes = isContext(rest[0], 0) ? rest.shift() : undefined;
    const [signatureAlgorithm, signature] = rest;
    expectUniversal(signature, OCTETSTRING, 'SignerInfo signature');
    const digestOid = oidOf(children(expectUniversal(digestAlgorithm, SEQUENCE, 'digestAlgorithm'))[0]!);
    const digestName = DIGEST_BY_OID[digestOid];
    if (!digestName) throw new Error(`unsupported digest algorithm ${digestOid}`);

    const certificates = certificateNodes ? children(certificateNodes) : [];
    const signerNode = certificates.find((node) => identifies(sid!, node));
    if (!signerNode) throw new Error('signer certificate is not embedded');
    return {
      digestName,
      signedAttributes,
      signatureAlgorithm: oidOf(children(signatureAlgorithm!)[0]!),
      signature: primitiveBytes(signature!),
      signerCertificate: new X509Certificate(encodeDer(signerNode)),
    };
  } catch (error) {
    if (error instanceof SignatureFormatError) throw error;
    throw new SignatureFormatError(`签名数据（CMS）无法解析：${(error as Error).message}`);
  }
}

function isContext(node: forge.asn1.Asn1 | undefined, tag: number): boolean {
  return node !== undefined && node.tagClass === asn1.Class.CONTEXT_SPECIFIC && node.type === tag;
}

/** SignerIdentifier match: issuerAndSerialNumber; a subjectKeyIdentifier sid is matched by key id. */
function identifies(sid: forge.asn1.Asn1, certificate: forge.asn1.Asn1): boolean {
  if (isContext(sid, 0)) {
    const keyId = primitiveBytes(sid);
    const x509 = new X509Certificate(encodeDer(certificate));
    const spki = x509.publicKey.export({ type: 'spki', format: 'der' });
    // RFC 5280 method 1: SHA-1 of the subjectPublicKey BIT STRING contents (without the unused-bits byte).
    const bitString = children(parseDer(spki))[1]!;
    return createHash('sha1').update(primitiveBytes(bitString).subarray(1)).digest().equals(keyId);
  }
  const [issuer, serial] = children(sid);
  const expected = issuerAndSerial(certificate);
  return (
    encodeDer(issuer!).equals(encodeDer(expected.issuer)) &&
    encodeDer(serial!).equals(encodeDer(expected.serial))
  );
}

const RSA_SIGNATURES = new Set<string>([
  OID.rsaEncryption,
  OID.sha256WithRSAEncryption,
  OID.sha384WithRSAEncryption,
  OID.sha512WithRSAEncryption,
]);
const ECDSA_SIGNATURES = new Set<string>([
  OID.ecPublicKey,
  OID.ecdsaWithSha256,
  OID.ecdsaWithSha384,
  OID.ecdsaWithSha512,
]);

function verifySignature(parsed: ParsedSignedData, signedBytes: Buffer, problems: string[]): boolean {
  if (!RSA_SIGNATURES.has(parsed.signatureAlgorithm) && !ECDSA_SIGNATURES.has(parsed.signatureAlgorithm)) {
    problems.push(`不支持的签名算法 ${parsed.signatureAlgorithm}`);
    return false;
  }
  // For the listed algorithms the hash is the SignerInfo digestAlgorithm (RFC 5754).
  const valid = nativeVerify(
    parsed.digestName,
    signedBytes,
    parsed.signerCertificate.publicKey,
    parsed.signature,
  );
  if (!valid) problems.push('签名值与签章证书不匹配');
  return valid;
}

function attributeValue(attributes: forge.asn1.Asn1, type: string): forge.asn1.Asn1 | undefined {
  const attribute = children(attributes).find((node) => oidOf(children(node)[0]!) === type);
  return attribute ? children(children(attribute)[1]!)[0] : undefined;
}

function asn1Time(node: forge.asn1.Asn1): Date {
  const value = node.value as string;
  return node.type === asn1.Type.UTCTIME ? asn1.utcTimeToDate(value) : asn1.generalizedTimeToDate(value);
}

/** PDF date "D:YYYYMMDDHHmmSS" with optional Z or ±HH'mm' (ISO 32000-1 §7.9.4). */
function pdfDate(dictionary: string): Date | undefined {
  const match = /\/M\s*\(D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(Z|[+-]\d{2}'?\d{2}'?)?/.exec(
    dictionary,
  );
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s, zone] = match;
  const offset = !zone || zone === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.replace(/'/g, '').slice(3, 5)}`;
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${offset}`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
