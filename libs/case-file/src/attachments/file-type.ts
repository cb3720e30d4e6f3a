/** The file types a case may hold, recognised by their first bytes rather than by what the client says. */
export const ATTACHMENT_TYPES = {
  'image/jpeg': { label: 'JPEG 图片', extension: 'jpg', magic: [Buffer.from([0xff, 0xd8, 0xff])] },
  'image/png': {
    label: 'PNG 图片',
    extension: 'png',
    magic: [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])],
  },
  'application/pdf': { label: 'PDF 文件', extension: 'pdf', magic: [Buffer.from('%PDF-', 'latin1')] },
} as const;

export type AttachmentContentType = keyof typeof ATTACHMENT_TYPES;

export function isAttachmentType(value: string): value is AttachmentContentType {
  return Object.prototype.hasOwnProperty.call(ATTACHMENT_TYPES, value);
}

/** The type the bytes really are, or null when they are none of the accepted ones. */
export function sniffType(bytes: Buffer): AttachmentContentType | null {
  for (const [type, spec] of Object.entries(ATTACHMENT_TYPES)) {
    if (spec.magic.some((m) => bytes.length >= m.length && bytes.subarray(0, m.length).equals(m))) {
      return type as AttachmentContentType;
    }
  }
  return null;
}

export function isImageType(type: string): boolean {
  return type === 'image/jpeg' || type === 'image/png';
}

/** "application/pdf; charset=x" → "application/pdf". */
export function baseContentType(header: string | undefined): string {
  return (header ?? '').split(';')[0].trim().toLowerCase();
}
