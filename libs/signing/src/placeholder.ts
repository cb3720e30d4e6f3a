import { randomBytes } from 'node:crypto';
import { plainAddPlaceholder } from '@signpdf/placeholder-plain';

export type SubFilter = 'adbe.pkcs7.detached' | 'ETSI.CAdES.detached';

export interface PlaceholderOptions {
  reason: string;
  location: string;
  name: string;
  signingTime: Date;
  subFilter: SubFilter;
  /** Bytes reserved for the DER CMS (the hex /Contents is twice as long). */
  signatureLength: number;
}

/**
 * Adds an invisible signature field with an empty /Contents via @signpdf/placeholder-plain,
 * working around its handling of non-ASCII text (see {@link withUnicodeText}).
 */
export function addSignaturePlaceholder(pdf: Buffer, options: PlaceholderOptions): Buffer {
  const text = {
    reason: unicodeText(options.reason),
    location: unicodeText(options.location),
    name: unicodeText(options.name),
  };
  const withPlaceholder = plainAddPlaceholder({
    pdfBuffer: pdf,
    reason: text.reason.placeholder,
    location: text.location.placeholder,
    name: text.name.placeholder,
    contactInfo: '',
    signingTime: options.signingTime,
    signatureLength: options.signatureLength,
    subFilter: options.subFilter,
  });
  return Object.values(text).reduce(withUnicodeText, withPlaceholder);
}

interface UnicodeText {
  placeholder: string;
  /** Final PDF hex string, or undefined when the value is ASCII and needs no fix-up. */
  hexString?: string;
}

/**
 * placeholder-plain UTF-16-encodes non-ASCII strings but then writes the object with
 * Buffer.from(string) (UTF-8), which garbles e.g. a Chinese /Reason. We insert an ASCII marker of
 * exactly the final length and overwrite it in place, so the xref offsets stay correct.
 */
function unicodeText(value: string): UnicodeText {
  if (/^[\x20-\x7e]*$/.test(value)) return { placeholder: value };
  const hexString = `<${Buffer.from(`\ufeff${value}`, 'utf16le').swap16().toString('hex').toUpperCase()}>`;
  const marker = randomBytes(hexString.length)
    .toString('hex')
    .slice(0, hexString.length - 2);
  return { placeholder: marker, hexString };
}

function withUnicodeText(pdf: Buffer, text: UnicodeText): Buffer {
  if (text.hexString === undefined) return pdf;
  const literal = `(${text.placeholder})`;
  const at = pdf.lastIndexOf(literal, undefined, 'latin1');
  if (at < 0 || literal.length !== text.hexString.length) {
    throw new Error('signature placeholder: text marker not found');
  }
  const patched = Buffer.from(pdf);
  patched.write(text.hexString, at, 'latin1');
  return patched;
}
