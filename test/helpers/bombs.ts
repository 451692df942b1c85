import { constants, crc32, deflateRawSync, gzipSync } from 'node:zlib';

const MiB = 1024 * 1024;

/**
 * One gzip member that inflates to `head` and then `mib` MiB of spaces, made in milliseconds
 * without ever holding what it inflates to: one MiB is deflated once (ending on a byte boundary,
 * not final) and the same compressed block repeated, each copy a valid block of the one stream.
 * Level 9 makes about 1,000× (a 160 MiB bomb is ~165 KB); `fixed` Huffman codes make ~160×.
 */
export function gzipBomb(mib: number, options: { head?: string; fixed?: boolean } = {}): Buffer {
  const head = Buffer.from(options.head ?? '{"Records":[');
  const block = Buffer.alloc(MiB, 0x20);
  const deflate = (data: Buffer) =>
    deflateRawSync(data, {
      level: 9,
      finishFlush: constants.Z_SYNC_FLUSH,
      ...(options.fixed ? { strategy: constants.Z_FIXED } : {}),
    });
  const part = deflate(block);
  let crc = crc32(head);
  for (let i = 0; i < mib; i++) crc = crc32(block, crc);
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE((head.length + mib * MiB) % 2 ** 32, 4);
  return Buffer.concat([
    Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 255]),
    deflate(head),
    ...Array<Buffer>(mib).fill(part),
    // The final block: empty.
    deflateRawSync(Buffer.alloc(0)),
    trailer,
  ]);
}

/** `members` gzip members of one MiB of spaces each, back to back (valid multi-member gzip). */
export function multiMemberBomb(members: number): Buffer {
  const one = gzipSync(Buffer.alloc(MiB, 0x20), { level: 9 });
  return Buffer.concat(Array<Buffer>(members).fill(one));
}
