import { createPrivateKey, createPublicKey, KeyObject, X509Certificate } from 'node:crypto';
import * as forge from 'node-forge';
import { encodeDer, parseDer } from './asn1';

/** Key material of a seal, in native form so signing never touches forge's pure-JS RSA. */
export interface SealCredentials {
  /** Signer certificate first, then the remaining certificates found in the container. */
  certificates: Buffer[];
  privateKey: KeyObject;
}

export type Pkcs12ErrorReason = 'password' | 'format' | 'no-key' | 'no-certificate';

/** Raised with a machine-readable reason so callers can phrase the message for their setting names. */
export class Pkcs12Error extends Error {
  constructor(
    readonly reason: Pkcs12ErrorReason,
    message: string,
  ) {
    super(message);
    this.name = 'Pkcs12Error';
  }
}

/**
 * Decrypts a PKCS#12 file. Node has no PKCS#12 parser outside TLS contexts, so forge does the
 * decryption; the key is immediately converted into a native KeyObject.
 */
export function readPkcs12(p12: Buffer, password: string): SealCredentials {
  const pfx = decodePfx(p12, password);
  const keyBag = firstBag(pfx, forge.pki.oids.pkcs8ShroudedKeyBag) ?? firstBag(pfx, forge.pki.oids.keyBag);
  if (!keyBag) throw new Pkcs12Error('no-key', 'PKCS#12 contains no private key');
  const privateKey = toKeyObject(keyBag);

  const certificates = (pfx.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? []).map(
    certificateDer,
  );
  const keySpki = spki(createPublicKey(privateKey));
  const signerIndex = certificates.findIndex((der) =>
    spki(new X509Certificate(der).publicKey).equals(keySpki),
  );
  if (signerIndex < 0) {
    throw new Pkcs12Error('no-certificate', 'PKCS#12 contains no certificate matching its private key');
  }
  const [signer] = certificates.splice(signerIndex, 1);
  return { certificates: [signer!, ...certificates], privateKey };
}

function decodePfx(p12: Buffer, password: string): forge.pkcs12.Pkcs12Pfx {
  let asn1: forge.asn1.Asn1;
  try {
    asn1 = parseDer(p12, false);
  } catch (error) {
    throw new Pkcs12Error('format', `not a DER-encoded PKCS#12 file (${messageOf(error)})`);
  }
  try {
    return forge.pkcs12.pkcs12FromAsn1(asn1, false, password);
  } catch (error) {
    const message = messageOf(error);
    // forge signals a wrong password through the MAC check or, without a MAC, a failed decryption.
    const reason = /password|decrypt/i.test(message) ? 'password' : 'format';
    throw new Pkcs12Error(reason, message);
  }
}

function firstBag(pfx: forge.pkcs12.Pkcs12Pfx, bagType: string): forge.pkcs12.Bag | undefined {
  return pfx.getBags({ bagType })[bagType]?.[0];
}

function toKeyObject(bag: forge.pkcs12.Bag): KeyObject {
  // forge only models RSA keys; for other algorithms it leaves the raw PrivateKeyInfo in bag.asn1.
  const privateKeyInfo = bag.key
    ? forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(bag.key))
    : bag.asn1;
  if (!privateKeyInfo) throw new Pkcs12Error('no-key', 'PKCS#12 private key could not be decoded');
  return createPrivateKey({ key: encodeDer(privateKeyInfo), format: 'der', type: 'pkcs8' });
}

function certificateDer(bag: forge.pkcs12.Bag): Buffer {
  const node = bag.cert ? forge.pki.certificateToAsn1(bag.cert) : bag.asn1;
  if (!node) throw new Pkcs12Error('format', 'PKCS#12 certificate bag is empty');
  return encodeDer(node);
}

function spki(key: KeyObject): Buffer {
  return key.export({ type: 'spki', format: 'der' });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
