/** A minimal pcapng block reader for the tests, written from the format description, independent of the writer. */
export interface Block {
  type: number;
  body: DataView;
  bytes: Uint8Array;
}

export function readBlocks(file: Uint8Array): Block[] {
  const v = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const out: Block[] = [];
  let o = 0;
  while (o < file.length) {
    const type = v.getUint32(o, true);
    const len = v.getUint32(o + 4, true);
    if (len % 4 !== 0 || len < 12 || o + len > file.length) throw new Error(`bad block length ${len} at ${o}`);
    if (v.getUint32(o + len - 4, true) !== len) throw new Error(`trailing length differs at ${o}`);
    out.push({ type, body: new DataView(file.buffer, file.byteOffset + o, len), bytes: file.subarray(o, o + len) });
    o += len;
  }
  return out;
}

/** Options of a block starting at `at` within the block: code → raw values. */
export function readOptions(b: Block, at: number): Map<number, Uint8Array[]> {
  const m = new Map<number, Uint8Array[]>();
  const end = b.body.byteLength - 4;
  let o = at;
  while (o + 4 <= end) {
    const code = b.body.getUint16(o, true);
    const len = b.body.getUint16(o + 2, true);
    if (code === 0) break;
    const val = b.bytes.slice(o + 4, o + 4 + len);
    m.set(code, [...(m.get(code) ?? []), val]);
    o += 4 + Math.ceil(len / 4) * 4;
  }
  return m;
}
