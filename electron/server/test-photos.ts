/**
 * Real PNG photos for the tests and the bench of photos on the newsroom (issue 17): a valid PNG
 * (signature, IHDR, IDAT, IEND with their CRCs) whose pixels come from `seed`, so each seed is
 * another photo with another hash, about `bytes` long.
 */
import { createHash } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** A PNG of about `bytes` bytes (at least a few hundred), its pixels drawn from `seed`. */
export function testPng(seed: string, bytes = 2000): Buffer {
  const width = 64;
  const rowBytes = 1 + width * 3;
  const height = Math.max(1, Math.ceil(bytes / rowBytes));
  const raw = Buffer.alloc(rowBytes * height);
  let block = createHash('sha256').update(seed).digest();
  for (let i = 0; i < raw.length; i++) {
    if (i % rowBytes === 0) {
      raw[i] = 0; // filter: none
      continue;
    }
    if (i % 32 === 0) block = createHash('sha256').update(block).digest();
    raw[i] = block[i % 32]!;
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 0 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export const sha256Of = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
