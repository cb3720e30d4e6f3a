import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BlobCorruptedError, BlobStore } from './blob-store';

describe('BlobStore', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'blobs-'));
  const store = new BlobStore(root);

  it('stores by sha256 and returns the same bytes', async () => {
    const bytes = Buffer.from('受理通知书');
    const hash = await store.put(bytes);
    expect(hash).toBe(BlobStore.sha256(bytes));
    expect((await store.get(hash)).equals(bytes)).toBe(true);
    expect(await store.put(bytes)).toBe(hash);
  });

  it('detects one changed byte', async () => {
    const hash = await store.put(Buffer.from('不予确认决定书'));
    const file = path.join(root, hash.slice(0, 2), hash.slice(2, 4), hash);
    fs.chmodSync(file, 0o644);
    const bytes = fs.readFileSync(file);
    bytes[0] ^= 1;
    fs.writeFileSync(file, bytes);
    await expect(store.get(hash)).rejects.toBeInstanceOf(BlobCorruptedError);
  });
});
