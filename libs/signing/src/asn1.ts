import * as forge from 'node-forge';

/** Buffer ↔ node-forge ASN.1 bridges; forge works on "binary" strings, we keep Buffers at the edges. */
export function parseDer(der: Buffer, parseAllBytes = true): forge.asn1.Asn1 {
  // @types/node-forge only declares the boolean overload; the options object is what forge 1.x accepts.
  const fromDer = forge.asn1.fromDer as unknown as (
    bytes: forge.util.ByteBuffer,
    options: { strict: boolean; parseAllBytes: boolean; decodeBitStrings: boolean },
  ) => forge.asn1.Asn1;
  return fromDer(forge.util.createBuffer(der.toString('binary')), {
    strict: true,
    parseAllBytes,
    decodeBitStrings: false,
  });
}

export function encodeDer(node: forge.asn1.Asn1): Buffer {
  return Buffer.from(forge.asn1.toDer(node).getBytes(), 'binary');
}

export function children(node: forge.asn1.Asn1): forge.asn1.Asn1[] {
  if (!Array.isArray(node.value)) throw new Error('ASN.1: expected a constructed value');
  return node.value;
}

export function primitiveBytes(node: forge.asn1.Asn1): Buffer {
  if (typeof node.value !== 'string') throw new Error('ASN.1: expected a primitive value');
  return Buffer.from(node.value, 'binary');
}

export function oidOf(node: forge.asn1.Asn1): string {
  if (node.type !== forge.asn1.Type.OID) throw new Error('ASN.1: expected an OBJECT IDENTIFIER');
  return forge.asn1.derToOid(node.value as string);
}

export const asn1 = forge.asn1;

export function seq(value: forge.asn1.Asn1[]): forge.asn1.Asn1 {
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, value);
}

export function set(value: forge.asn1.Asn1[]): forge.asn1.Asn1 {
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SET, true, value);
}

export function oid(value: string): forge.asn1.Asn1 {
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(value).getBytes());
}

export function octets(value: Buffer): forge.asn1.Asn1 {
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OCTETSTRING, false, value.toString('binary'));
}

export function integer(value: number): forge.asn1.Asn1 {
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, asn1.integerToDer(value).getBytes());
}

export function nullValue(): forge.asn1.Asn1 {
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.NULL, false, '');
}

/** Context-specific tag [n]; `constructed` true for EXPLICIT or IMPLICIT-of-constructed. */
export function tagged(n: number, value: forge.asn1.Asn1[]): forge.asn1.Asn1 {
  return asn1.create(asn1.Class.CONTEXT_SPECIFIC, n as forge.asn1.Type, true, value);
}

export function algorithmIdentifier(algorithm: string, withNullParams: boolean): forge.asn1.Asn1 {
  return seq(withNullParams ? [oid(algorithm), nullValue()] : [oid(algorithm)]);
}

/** DER requires SET OF members sorted by their encodings (X.690 §11.6). */
export function sortedSetOf(members: forge.asn1.Asn1[]): forge.asn1.Asn1[] {
  return members
    .map((node) => ({ node, der: encodeDer(node) }))
    .sort((a, b) => Buffer.compare(a.der, b.der))
    .map(({ node }) => node);
}

/** forge parses any tag leniently; a verifier must not accept look-alike structures. */
export function expectUniversal(
  node: forge.asn1.Asn1 | undefined,
  type: forge.asn1.Type,
  what: string,
): forge.asn1.Asn1 {
  if (!node || node.tagClass !== asn1.Class.UNIVERSAL || node.type !== type) {
    throw new Error(`ASN.1: ${what} has an unexpected tag`);
  }
  return node;
}
