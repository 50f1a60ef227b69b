// The zip archive under the streaming .xlsx writer, built on node:zlib (deflateRaw + crc32): each entry
// deflated as its data is pulled, sizes and CRC in a data descriptor after it, then the central directory.
// No zip64: entries stay far below 4 GiB. Every write waits for the output's 'drain' (backpressure).
import { once } from 'node:events';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';

const FLAGS = 0x0808; // bit 3: sizes and CRC in a data descriptor after the data; bit 11: names in UTF-8

export interface CentralEntry {
  name: Buffer;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
}

export function dosDateTime(d: Date): { time: number; date: number } {
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2),
    date: ((d.getFullYear() - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

/** Writes to the output, waiting for 'drain' when its buffer is full. */
export class Output {
  offset = 0;
  constructor(private readonly out: Writable) {}
  async write(chunk: Buffer): Promise<void> {
    this.offset += chunk.length;
    if (!this.out.write(chunk)) await once(this.out, 'drain');
  }
}

export async function writeEntry(
  out: Output,
  entries: CentralEntry[],
  name: string,
  data: AsyncIterable<string | Buffer> | Iterable<string | Buffer>,
  level: number,
  stamp: { time: number; date: number },
): Promise<void> {
  const nameBytes = Buffer.from(name, 'utf8');
  const offset = out.offset;
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt16LE(FLAGS, 6);
  header.writeUInt16LE(8, 8); // deflate
  header.writeUInt16LE(stamp.time, 10);
  header.writeUInt16LE(stamp.date, 12);
  header.writeUInt16LE(nameBytes.length, 26);
  await out.write(Buffer.concat([header, nameBytes]));
  let crc = 0;
  let size = 0;
  let compressed = 0;
  async function* measured(): AsyncGenerator<Buffer> {
    for await (const part of data) {
      const b = typeof part === 'string' ? Buffer.from(part, 'utf8') : part;
      crc = zlib.crc32(b, crc);
      size += b.length;
      yield b;
    }
  }
  // highWaterMark 1: the source is not read ahead (each chunk read may cost a database page).
  await pipeline(
    Readable.from(measured(), { objectMode: true, highWaterMark: 1 }),
    zlib.createDeflateRaw({ level }),
    async (deflated: AsyncIterable<Buffer>) => {
      for await (const c of deflated) {
        compressed += c.length;
        await out.write(c);
      }
    },
  );
  if (size > 0xffffffff || compressed > 0xffffffff || out.offset > 0xffffffff)
    throw new Error(`${name}: the zip entry exceeds 4 GiB (zip64 is not supported)`);
  const descriptor = Buffer.alloc(16);
  descriptor.writeUInt32LE(0x08074b50, 0);
  descriptor.writeUInt32LE(crc >>> 0, 4);
  descriptor.writeUInt32LE(compressed, 8);
  descriptor.writeUInt32LE(size, 12);
  await out.write(descriptor);
  entries.push({ name: nameBytes, crc: crc >>> 0, compressed, size, offset });
}

export function centralDirectory(entries: CentralEntry[], start: number, stamp: { time: number; date: number }): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    const h = Buffer.alloc(46);
    h.writeUInt32LE(0x02014b50, 0);
    h.writeUInt16LE(20, 4); // made by: MS-DOS, 2.0
    h.writeUInt16LE(20, 6);
    h.writeUInt16LE(FLAGS, 8);
    h.writeUInt16LE(8, 10);
    h.writeUInt16LE(stamp.time, 12);
    h.writeUInt16LE(stamp.date, 14);
    h.writeUInt32LE(e.crc, 16);
    h.writeUInt32LE(e.compressed, 20);
    h.writeUInt32LE(e.size, 24);
    h.writeUInt16LE(e.name.length, 28);
    h.writeUInt32LE(e.offset, 42);
    parts.push(h, e.name);
  }
  const dir = Buffer.concat(parts);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(start, 16);
  return Buffer.concat([dir, end]);
}
