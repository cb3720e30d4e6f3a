import JSZip from 'jszip';
import { BlobStore } from '@app/archive';

export const MANIFEST = 'manifest.json';

export interface ZipEntry {
  name: string;
  bytes: Buffer;
}

/** Windows and unzip tools refuse these in a file name. */
export function safeName(s: string): string {
  return s.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').trim();
}

/**
 * Binds files into a ZIP with a manifest.json naming the sha256 of each, so a copy that left the
 * system can be checked file by file; `header` leads the manifest (what the bundle is, who made it).
 */
export async function zipWithManifest(
  entries: ZipEntry[],
  header: Record<string, unknown>,
  now: Date,
): Promise<{ zip: Buffer; manifestSha256: string }> {
  const manifest = {
    ...header,
    algorithm: 'sha256',
    files: entries.map((e) => ({ name: e.name, size: e.bytes.length, sha256: BlobStore.sha256(e.bytes) })),
  };
  const manifestBytes = Buffer.from(JSON.stringify(manifest, null, 2) + '\n', 'utf8');
  const zip = new JSZip();
  for (const e of [...entries, { name: MANIFEST, bytes: manifestBytes }]) {
    zip.file(e.name, e.bytes, { date: now, binary: true });
  }
  const bytes = await zip.generateAsync({
    type: 'nodebuffer',
    compression: 'DEFLATE',
    compressionOptions: { level: 6 },
    platform: 'UNIX',
  });
  return { zip: bytes, manifestSha256: BlobStore.sha256(manifestBytes) };
}
