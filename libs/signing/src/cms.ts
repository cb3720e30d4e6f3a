import { createHash, sign as nativeSign, KeyObject } from 'node:crypto';
import * as forge from 'node-forge';
import {
  algorithmIdentifier,
  asn1,
  children,
  encodeDer,
  integer,
  octets,
  oid,
  parseDer,
  seq,
  set,
  sortedSetOf,
  tagged,
} from './asn1';
import { OID } from './oids';

export interface DetachedCmsInput {
  /** The bytes covered by the PDF /ByteRange. */
  content: Buffer;
  /** DER certificates, signer certificate first, then any chain certificates. */
  certificates: Buffer[];
  /** RSA private key matching certificates[0]. */
  privateKey: KeyObject;
  /**
   * When set, a CMS signing-time attribute is added. PAdES (ETSI EN 319 142-1) forbids it,
   * the claimed time then lives only in the signature dictionary's /M entry.
   */
  signingTime?: Date;
}

/**
 * Builds a detached CMS SignedData (RFC 5652) with SHA-256 and an RSA PKCS#1 v1.5 signature.
 * node-forge is used only for ASN.1 encoding; the RSA operation is native (OpenSSL), which
 * is roughly two orders of magnitude faster than forge's pure-JS RSA.
 */
export function buildDetachedCms(input: DetachedCmsInput): Buffer {
  const [signerCertDer] = input.certificates;
  if (!signerCertDer) throw new Error('CMS: at least the signer certificate is required');
  if (input.privateKey.asymmetricKeyType !== 'rsa') {
    throw new Error(`CMS: only RSA keys are supported, got ${input.privateKey.asymmetricKeyType}`);
  }
  const certificateNodes = input.certificates.map((der) => parseDer(der));
  const { issuer, serial } = issuerAndSerial(certificateNodes[0]!);

  const signedAttributes = sortedSetOf([
    attribute(OID.contentType, oid(OID.data)),
    ...(input.signingTime ? [attribute(OID.signingTime, timeValue(input.signingTime))] : []),
    attribute(OID.messageDigest, octets(sha256(input.content))),
    attribute(OID.signingCertificateV2, signingCertificateV2(signerCertDer, issuer, serial)),
  ]);
  // The signature covers the attributes encoded as a SET (tag 0x31), not as the [0] IMPLICIT
  // form in which they are transmitted (RFC 5652 §5.4).
  const signature = nativeSign('sha256', encodeDer(set(signedAttributes)), input.privateKey);

  const signerInfo = seq([
    integer(1),
    seq([issuer, serial]),
    algorithmIdentifier(OID.sha256, false),
    tagged(0, signedAttributes),
    algorithmIdentifier(OID.rsaEncryption, true),
    octets(signature),
  ]);
  const signedData = seq([
    integer(1),
    set([algorithmIdentifier(OID.sha256, false)]),
    seq([oid(OID.data)]),
    tagged(0, certificateNodes),
    set([signerInfo]),
  ]);
  return encodeDer(seq([oid(OID.signedData), tagged(0, [signedData])]));
}

/**
 * Issuer Name and serial are copied as parsed nodes from the certificate instead of being
 * rebuilt from forge's DN model, so string types (PrintableString/UTF8String) stay byte-identical
 * and verifiers can match the SignerIdentifier against the certificate.
 */
export function issuerAndSerial(certificate: forge.asn1.Asn1): {
  issuer: forge.asn1.Asn1;
  serial: forge.asn1.Asn1;
} {
  const tbs = children(children(certificate)[0]!);
  const hasVersion = tbs[0]!.tagClass === asn1.Class.CONTEXT_SPECIFIC;
  const serial = tbs[hasVersion ? 1 : 0]!;
  const issuer = tbs[hasVersion ? 3 : 2]!;
  return { issuer, serial };
}

function attribute(type: string, value: forge.asn1.Asn1): forge.asn1.Asn1 {
  return seq([oid(type), set([value])]);
}

/** RFC 5652 §11.3: UTCTime for 1950–2049, GeneralizedTime otherwise. */
function timeValue(date: Date): forge.asn1.Asn1 {
  const year = date.getUTCFullYear();
  return year >= 1950 && year < 2050
    ? asn1.create(asn1.Class.UNIVERSAL, asn1.Type.UTCTIME, false, asn1.dateToUtcTime(date))
    : asn1.create(asn1.Class.UNIVERSAL, asn1.Type.GENERALIZEDTIME, false, asn1.dateToGeneralizedTime(date));
}

/**
 * ESS signing-certificate-v2 (RFC 5035) binds the signer certificate into the signed
 * attributes; PAdES/CAdES require it. hashAlgorithm is omitted because SHA-256 is its DER default.
 */
function signingCertificateV2(
  certDer: Buffer,
  issuer: forge.asn1.Asn1,
  serial: forge.asn1.Asn1,
): forge.asn1.Asn1 {
  const issuerSerial = seq([seq([tagged(4, [issuer])]), serial]);
  const essCertIdV2 = seq([octets(sha256(certDer)), issuerSerial]);
  return seq([seq([essCertIdV2])]);
}

function sha256(data: Buffer): Buffer {
  return createHash('sha256').update(data).digest();
}
