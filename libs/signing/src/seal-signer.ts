/**
 * The signing port. The documents module depends only on this interface so that the
 * RSA/PKCS#12 signer can later be replaced by a GB/T 38540 (SM2/SM3) electronic-seal
 * service without touching callers.
 */
export interface SignMeta {
  /** Shown by PDF viewers as the signature reason, e.g. "社会救助决定书签发". */
  reason: string;
  location?: string;
  /** Claimed signing time; passed explicitly so callers control it (e.g. the issue time). */
  signingTime: Date;
}

export interface SealSigner {
  readonly signerName: string;
  /** Returns a new PDF buffer carrying one additional signature; the input is not modified. */
  sign(pdf: Buffer, meta: SignMeta): Promise<Buffer>;
}
