import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Content-addressed, write-once file store: a blob's name is its sha256, so it cannot be replaced
 * by different bytes, and every read proves it is still what was archived.
 */
export class BlobStore {
  constructor(private readonly root: string) {
    fs.mkdirSync(root, { recursive: true });
  }

  static sha256(bytes: Buffer): string {
    return createHash('sha256').update(bytes).digest('hex');
  }

  async put(bytes: Buffer): Promise<string> {
    const hash = BlobStore.sha256(bytes);
    const target = this.pathOf(hash);
    if (fs.existsSync(target)) return hash;
    fs.mkdirSync(path.dirname(target), { recursive: true });
    // Write then rename: a crash leaves a stray temp file, never a truncated blob under a real name.
    const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    const handle = await fs.promises.open(temp, 'wx', 0o444);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.promises.rename(temp, target);
    return hash;
  }

  /** Reads a blob and checks it still hashes to its name. */
  async get(hash: string): Promise<Buffer> {
    if (!/^[0-9a-f]{64}$/.test(hash)) throw new Error(`invalid blob hash ${hash}`);
    const bytes = await fs.promises.readFile(this.pathOf(hash));
    if (BlobStore.sha256(bytes) !== hash) throw new BlobCorruptedError(hash);
    return bytes;
  }

  private pathOf(hash: string): string {
    return path.join(this.root, hash.slice(0, 2), hash.slice(2, 4), hash);
  }
}

export class BlobCorruptedError extends Error {
  constructor(readonly hash: string) {
    super(`归档文件 ${hash} 内容已被改动`);
  }
}
