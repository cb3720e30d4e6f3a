import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TarFormatError, TarWriter, readEntry, readTarIndex, sha256OfEntry } from './tar';

describe('ustar writer and reader', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tar-spec-'));
  const file = path.join(dir, 'a.tar');
  const long = `archive/${'ab/cd/'}${'f'.repeat(64)}/${'x'.repeat(60)}`; // > 100 bytes: uses the prefix field
  const source = path.join(dir, 'source.bin');
  fs.writeFileSync(source, Buffer.alloc(700_001, 7));

  beforeAll(() => {
    const fd = fs.openSync(file, 'w');
    const w = new TarWriter(fd);
    w.addBuffer('manifest.json', Buffer.from('{"a":1}\n'));
    w.addBuffer(long, Buffer.from('long name'), 0o444);
    w.addFile('database/big.bin', source);
    w.finish();
    fs.closeSync(fd);
  });

  it('reads back names, sizes, modes and contents, and GNU tar agrees', () => {
    const fd = fs.openSync(file, 'r');
    const entries = readTarIndex(fd);
    expect(entries.map((e) => [e.name, e.size])).toEqual([
      ['manifest.json', 8],
      [long, 9],
      ['database/big.bin', 700_001],
    ]);
    expect(entries[1].mode).toBe(0o444);
    expect(readEntry(fd, entries[1]).toString()).toBe('long name');
    expect(sha256OfEntry(fd, entries[2])).toBe(
      createHash('sha256').update(fs.readFileSync(source)).digest('hex'),
    );
    fs.closeSync(fd);
    expect(execFileSync('tar', ['tf', file], { encoding: 'utf8' }).trim().split('\n')).toEqual(
      entries.map((e) => e.name),
    );
  });

  it('refuses a damaged header and a truncated file, saying where', () => {
    const bytes = fs.readFileSync(file);
    const damaged = path.join(dir, 'damaged.tar');
    const copy = Buffer.from(bytes);
    copy[1024 + 10] ^= 0x01; // the second entry's header (after 512 header + 512 content)
    fs.writeFileSync(damaged, copy);
    let fd = fs.openSync(damaged, 'r');
    expect(() => readTarIndex(fd)).toThrow(/“manifest\.json”之后的条目头（偏移 1024）校验和不符/);
    fs.closeSync(fd);
    fs.writeFileSync(damaged, bytes.subarray(0, 4000));
    fd = fs.openSync(damaged, 'r');
    expect(() => readTarIndex(fd)).toThrow(TarFormatError);
    fs.closeSync(fd);
  });
});
