import fs from 'node:fs';
import chardet from 'chardet';
import { ValidationError } from '../errors';
import type { Encoding } from './encodings';

/** How much of the file the statistical detector reads (the UTF-8 check reads all of it). */
const SAMPLE_BYTES = 256 * 1024;

/** What chardet names, mapped to the encodings an import reads; Latin-1 is read as its superset Windows-1252. */
const FROM_CHARDET: Record<string, Encoding> = {
  'UTF-8': 'utf-8',
  'UTF-16LE': 'utf-16le',
  'UTF-16BE': 'utf-16be',
  'ISO-8859-1': 'windows-1252',
  'windows-1252': 'windows-1252',
  'ISO-8859-15': 'iso-8859-15',
  'ISO-8859-2': 'iso-8859-2',
  'windows-1250': 'windows-1250',
  'windows-1251': 'windows-1251',
  'ISO-8859-5': 'windows-1251',
  'KOI8-R': 'koi8-r',
  'windows-1254': 'windows-1254',
  'ISO-8859-9': 'windows-1254',
  'windows-1253': 'windows-1253',
  'ISO-8859-7': 'windows-1253',
  Shift_JIS: 'shift_jis',
  'EUC-KR': 'euc-kr',
  GB18030: 'gb18030',
  Big5: 'big5',
};

/** The encoding a byte-order mark names, if the file starts with one. */
function fromBom(head: Buffer): Encoding | null {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return null;
}

/** UTF-16 without a mark: text in the Latin range has a NUL in every other byte. */
function fromNulPattern(head: Buffer): Encoding | null {
  const n = Math.min(head.length - (head.length % 2), 4096);
  if (n < 8) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) even++;
    if (head[i + 1] === 0) odd++;
  }
  if (odd > n / 4 && even < n / 40) return 'utf-16le';
  if (even > n / 4 && odd < n / 40) return 'utf-16be';
  return null;
}

/**
 * Where the file stops being valid UTF-8: the offset of the 1 MB chunk holding the first invalid
 * byte, or null when the whole file is valid (checked by the platform's decoder).
 */
async function firstInvalidUtf8(path: string): Promise<number | null> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let offset = 0;
  try {
    for await (const chunk of fs.createReadStream(path, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
      decoder.decode(chunk, { stream: true });
      offset += chunk.length;
    }
    decoder.decode();
    return null;
  } catch {
    return offset;
  }
}

/**
 * Checks that a file can be read in the encoding a user chose: for UTF-8, that every byte is valid
 * UTF-8 (the importer then reads it with Node's decoder, which would otherwise replace invalid bytes
 * silently). Single-byte legacy encodings map every byte; multi-byte ones mark invalid sequences
 * with U+FFFD, which the row mapping rejects.
 * @throws ValidationError saying where the file stops being valid and what to do.
 */
export async function assertDecodable(path: string, encoding: Encoding): Promise<void> {
  if (encoding !== 'utf-8') return;
  const at = await firstInvalidUtf8(path);
  if (at !== null)
    throw new ValidationError(
      `The file is not valid UTF-8 (after byte ${at.toLocaleString('en-US')}): choose its encoding (for example Windows-1252) and import it again`,
      { 'options.encoding': 'does not read this file: choose another' },
    );
}

/**
 * Detects the text encoding of a CSV file: a byte-order mark (UTF-8, UTF-16 LE/BE) first, then the
 * NUL pattern of UTF-16 without a mark, then UTF-8 if every byte of the file decodes as UTF-8,
 * else the legacy single- or multi-byte encoding the statistical detector (chardet, on the first
 * 256 KB) finds most likely. Nothing is ever decoded with replacement characters: the importer
 * reads the file strictly in the encoding returned (or the one the user chooses instead).
 * @throws ValidationError when the file holds binary data (NUL bytes outside UTF-16), naming where.
 */
export async function detectEncoding(path: string): Promise<Encoding> {
  const handle = await fs.promises.open(path, 'r');
  let head: Buffer;
  try {
    const buffer = Buffer.alloc(SAMPLE_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SAMPLE_BYTES, 0);
    head = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  const marked = fromBom(head) ?? fromNulPattern(head);
  if (marked) return marked;
  const nul = head.indexOf(0);
  if (nul !== -1)
    throw new ValidationError(`This is not a text (CSV) file: it holds binary data (a NUL byte at byte ${nul.toLocaleString('en-US')})`);
  if ((await firstInvalidUtf8(path)) === null) return 'utf-8';
  const guess = chardet.analyse(head).find((m) => FROM_CHARDET[m.name] && FROM_CHARDET[m.name] !== 'utf-8');
  return guess ? FROM_CHARDET[guess.name] : 'windows-1252';
}
