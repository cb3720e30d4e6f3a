import { createHash } from 'node:crypto';
import * as fs from 'node:fs';

/**
 * A minimal POSIX ustar writer and reader: regular files only, read back with GNU tar as well
 * (`tar tvf backup.tar`). The backup is a plain (uncompressed) tar so that one damaged byte stays
 * inside one part, whose sha256 in the manifest then names it; a gzip around the whole would turn
 * it into an undecodable stream that names nothing.
 */
const BLOCK = 512;
const CHUNK = 1 << 20;

export interface TarEntry {
  name: string;
  size: number;
  mode: number;
  mtime: number;
  /** Byte offset of the entry's content in the file. */
  offset: number;
}

export class TarFormatError extends Error {}

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, '0') + '\0';
}

function splitName(name: string): { name: string; prefix: string } {
  if (Buffer.byteLength(name) <= 100) return { name, prefix: '' };
  const cut = name.lastIndexOf('/', 155);
  const tail = name.slice(cut + 1);
  if (cut <= 0 || Buffer.byteLength(name.slice(0, cut)) > 155 || Buffer.byteLength(tail) > 100) {
    throw new Error(`文件名过长，无法写入备份：${name}`);
  }
  return { name: tail, prefix: name.slice(0, cut) };
}

function header(entryName: string, size: number, mode: number, mtime: number): Buffer {
  const h = Buffer.alloc(BLOCK);
  const { name, prefix } = splitName(entryName);
  h.write(name, 0, 100, 'utf8');
  h.write(octal(mode & 0o7777, 8), 100, 'ascii');
  h.write(octal(0, 8), 108, 'ascii');
  h.write(octal(0, 8), 116, 'ascii');
  h.write(octal(size, 12), 124, 'ascii');
  h.write(octal(Math.floor(mtime), 12), 136, 'ascii');
  h.write('        ', 148, 'ascii');
  h.write('0', 156, 'ascii');
  h.write('ustar\0', 257, 'ascii');
  h.write('00', 263, 'ascii');
  h.write(prefix, 345, 155, 'utf8');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'ascii');
  return h;
}

function field(h: Buffer, start: number, length: number): string {
  const raw = h.subarray(start, start + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end < 0 ? length : end).toString('utf8');
}

function parseOctal(h: Buffer, start: number, length: number): number {
  const text = field(h, start, length).trim();
  if (!/^[0-7]*$/.test(text)) return NaN;
  return text ? parseInt(text, 8) : 0;
}

/** Writes entries to a file descriptor; returns each entry's sha256 as it is written. */
export class TarWriter {
  private position = 0;

  constructor(private readonly fd: number) {}

  get bytesWritten(): number {
    return this.position;
  }

  private write(buf: Buffer): void {
    let done = 0;
    while (done < buf.length) done += fs.writeSync(this.fd, buf, done, buf.length - done);
    this.position += buf.length;
  }

  private pad(size: number): void {
    const rest = size % BLOCK;
    if (rest) this.write(Buffer.alloc(BLOCK - rest));
  }

  addBuffer(name: string, bytes: Buffer, mode = 0o644, mtime = Date.now() / 1000): string {
    this.write(header(name, bytes.length, mode, mtime));
    this.write(bytes);
    this.pad(bytes.length);
    return createHash('sha256').update(bytes).digest('hex');
  }

  /** Streams a file into the archive; the size is the file's size when the copy starts. */
  addFile(name: string, source: string): { sha256: string; size: number; mode: number } {
    const fd = fs.openSync(source, 'r');
    try {
      const stat = fs.fstatSync(fd);
      const size = stat.size;
      this.write(header(name, size, stat.mode, stat.mtimeMs / 1000));
      const hash = createHash('sha256');
      const buf = Buffer.alloc(Math.min(CHUNK, Math.max(size, 1)));
      let done = 0;
      while (done < size) {
        const n = fs.readSync(fd, buf, 0, Math.min(buf.length, size - done), done);
        if (n === 0) throw new Error(`文件在备份过程中变短：${source}`);
        const chunk = buf.subarray(0, n);
        hash.update(chunk);
        this.write(chunk);
        done += n;
      }
      this.pad(size);
      return { sha256: hash.digest('hex'), size, mode: stat.mode & 0o7777 };
    } finally {
      fs.closeSync(fd);
    }
  }

  finish(): void {
    this.write(Buffer.alloc(BLOCK * 2));
  }
}

/** Lists the entries of a tar file, checking every header's checksum. */
export function readTarIndex(fd: number): TarEntry[] {
  const total = fs.fstatSync(fd).size;
  const entries: TarEntry[] = [];
  const h = Buffer.alloc(BLOCK);
  let position = 0;
  for (;;) {
    if (position + BLOCK > total) throw new TarFormatError(`备份文件不完整：在偏移 ${position} 处意外结束`);
    fs.readSync(fd, h, 0, BLOCK, position);
    if (h.every((b) => b === 0)) return entries;
    const stored = parseOctal(h, 148, 8);
    let sum = 0;
    for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : h[i];
    if (stored !== sum) {
      const after = entries.length ? `“${entries[entries.length - 1].name}”之后` : '开头';
      throw new TarFormatError(`备份文件结构已损坏：${after}的条目头（偏移 ${position}）校验和不符`);
    }
    const prefix = field(h, 345, 155);
    const name = (prefix ? `${prefix}/` : '') + field(h, 0, 100);
    const size = parseOctal(h, 124, 12);
    const type = String.fromCharCode(h[156] || 48);
    if (type !== '0') throw new TarFormatError(`备份文件中有不支持的条目类型 ${type}：${name}`);
    const offset = position + BLOCK;
    if (offset + size > total) throw new TarFormatError(`备份文件不完整：条目“${name}”被截断`);
    entries.push({ name, size, mode: parseOctal(h, 100, 8), mtime: parseOctal(h, 136, 12), offset });
    position = offset + Math.ceil(size / BLOCK) * BLOCK;
  }
}

/** Streams one entry's content in chunks (for hashing or copying out). */
export function forEachChunk(fd: number, entry: TarEntry, fn: (chunk: Buffer) => void): void {
  const buf = Buffer.alloc(Math.min(CHUNK, Math.max(entry.size, 1)));
  let done = 0;
  while (done < entry.size) {
    const n = fs.readSync(fd, buf, 0, Math.min(buf.length, entry.size - done), entry.offset + done);
    if (n === 0) throw new TarFormatError(`备份文件不完整：条目“${entry.name}”被截断`);
    fn(buf.subarray(0, n));
    done += n;
  }
}

export function sha256OfEntry(fd: number, entry: TarEntry): string {
  const hash = createHash('sha256');
  forEachChunk(fd, entry, (chunk) => hash.update(chunk));
  return hash.digest('hex');
}

export function readEntry(fd: number, entry: TarEntry): Buffer {
  const out = Buffer.alloc(entry.size);
  fs.readSync(fd, out, 0, entry.size, entry.offset);
  return out;
}
