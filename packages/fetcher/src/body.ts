import { Transform, Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { PermanentError } from '@himatch/core';

export interface BodyLimits {
  maxBodyBytes: number;
  maxDecompressedBytes: number;
}

export class TooLargeError extends PermanentError {
  constructor(message: string) {
    super('too_large', message);
  }
}

/**
 * Reads a response body under two caps: bytes on the wire and bytes after decoding the
 * content-encoding. Both are counted while streaming, so neither a huge body nor a small
 * gzip bomb is ever held in memory past its cap.
 */
export async function readBody(
  body: Readable,
  contentEncoding: string | undefined,
  limits: BodyLimits,
): Promise<{ bytes: Buffer; wireBytes: number }> {
  let wireBytes = 0;
  const countWire = new Transform({
    transform(chunk: Buffer, _enc, done) {
      wireBytes += chunk.length;
      if (wireBytes > limits.maxBodyBytes) {
        return done(new TooLargeError(`body exceeds ${limits.maxBodyBytes} bytes`));
      }
      done(null, chunk);
    },
  });
  const chunks: Buffer[] = [];
  let decoded = 0;
  const collect = new Writable({
    write(chunk: Buffer, _enc, done) {
      decoded += chunk.length;
      if (decoded > limits.maxDecompressedBytes) {
        return done(new TooLargeError(`decoded body exceeds ${limits.maxDecompressedBytes} bytes`));
      }
      chunks.push(chunk);
      done();
    },
  });
  // pipeline destroys every stage on the first error, which aborts the HTTP response too.
  await pipeline([body, countWire, ...decodersFor(contentEncoding), collect]);
  return { bytes: Buffer.concat(chunks), wireBytes };
}

/** One decoder per coding, undone in reverse order of application (RFC 9110 §8.4). */
function decodersFor(contentEncoding: string | undefined): Transform[] {
  const codings = (contentEncoding ?? '')
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '' && c !== 'identity');
  return codings.reverse().map((coding) => {
    switch (coding) {
      case 'gzip':
      case 'x-gzip':
        return zlib.createGunzip();
      case 'deflate':
        // createUnzip accepts the zlib wrapper servers are meant to send; raw deflate is rare.
        return zlib.createUnzip();
      case 'br':
        return zlib.createBrotliDecompress();
      default:
        throw new PermanentError('unsupported_encoding', `content-encoding ${coding} is not supported`);
    }
  });
}

const BOMS: Array<[number[], string]> = [
  [[0xef, 0xbb, 0xbf], 'utf-8'],
  [[0xfe, 0xff], 'utf-16be'],
  [[0xff, 0xfe], 'utf-16le'],
];

/**
 * Decodes text by, in order: a byte-order mark, the Content-Type charset, an XML prolog
 * `encoding`, an HTML `<meta charset>` / http-equiv, else UTF-8. Unknown labels fall back
 * to UTF-8 rather than failing the page.
 */
export function decodeText(bytes: Buffer, contentType: string | undefined): string {
  const bom = BOMS.find(([mark]) => mark.every((b, i) => bytes[i] === b));
  const label = bom?.[1] ?? charsetFromContentType(contentType) ?? sniffCharset(bytes) ?? 'utf-8';
  // TextDecoder drops a BOM matching its own encoding, which is what readers expect.
  return decoderFor(label).decode(bytes);
}

function decoderFor(label: string) {
  try {
    return new TextDecoder(label);
  } catch {
    return new TextDecoder('utf-8');
  }
}

function charsetFromContentType(contentType: string | undefined): string | null {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return match ? match[1]!.toLowerCase() : null;
}

function sniffCharset(bytes: Buffer): string | null {
  // Charset declarations are ASCII and sit near the top; latin1 maps bytes 1:1 to chars.
  const head = bytes.subarray(0, 1024).toString('latin1');
  const xml = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head);
  if (xml) return xml[1]!.toLowerCase();
  const meta = /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head);
  return meta ? meta[1]!.toLowerCase() : null;
}
