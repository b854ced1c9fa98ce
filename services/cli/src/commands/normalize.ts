import { rawPostingSchema, ValidationError, type Listing, type RawPosting } from '@himatch/core';
import { normalizePosting } from '@himatch/normalizer';
import { DOCUMENT_FORMATS, detectFormat, parseDocument, type DocumentFormat } from '@himatch/sources';
import type { CliContext } from '../context.ts';
import { UsageError } from '../profile-file.ts';
import { readInput } from '../read-input.ts';

const FORMATS = ['auto', 'raw', 'text', ...DOCUMENT_FORMATS] as const;

/**
 * `himatch normalize FILE|-`: RawPosting JSON, any source format or a plain-text posting in;
 * a JSON array of listings out. A posting that cannot be read is reported on stderr with its
 * reason and the others still print.
 */
export async function normalizeCommand(_ctx: CliContext, args: { file: string; format: string }): Promise<number> {
  if (!(FORMATS as readonly string[]).includes(args.format)) {
    throw new UsageError(`--format must be one of ${FORMATS.join(', ')} (got "${args.format}")`);
  }
  const body = await readInput(args.file);
  const raws = toRawPostings(body, args.format, args.file === '-' ? undefined : args.file);
  const listings: Listing[] = [];
  let failed = 0;
  for (const [i, raw] of raws.entries()) {
    try {
      listings.push(normalizePosting(rawPostingSchema.parse(raw)));
    } catch (error) {
      if (!(error instanceof ValidationError) && !(error instanceof Error && error.name === 'ZodError')) throw error;
      failed += 1;
      process.stderr.write(`posting ${i + 1}: ${error.message}\n`);
    }
  }
  process.stdout.write(`${JSON.stringify(listings, null, 2)}\n`);
  return failed > 0 && listings.length === 0 ? 1 : 0;
}

export function toRawPostings(body: string, format: string, url?: string): unknown[] {
  const resolved = format === 'auto' ? sniff(body) : format;
  if (resolved === 'raw') {
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch (error) {
      throw new UsageError(`not JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
    return Array.isArray(json) ? json : [json];
  }
  if (resolved === 'text') return [textPosting(body)];
  const result = parseDocument(resolved as DocumentFormat, body, url);
  for (const f of result.failures) process.stderr.write(`skipped ${f.externalId ?? f.url}: ${f.reason}\n`);
  return result.postings;
}

function sniff(body: string): string {
  const trimmed = body.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      const json = JSON.parse(trimmed);
      const first = Array.isArray(json) ? json[0] : json;
      if (first && typeof first === 'object' && 'title' in first && !('@type' in first) && !('@context' in first)) return 'raw';
    } catch {
      // not JSON: fall through to format detection
    }
  }
  return detectFormat(body) ?? 'text';
}

/** A plain-text posting: the first non-empty line is the title, the whole text the description. */
function textPosting(body: string): RawPosting {
  const title = body.split('\n').map((l) => l.replace(/^#+\s*/, '').trim()).find((l) => l.length > 0);
  if (!title) throw new UsageError('empty posting');
  return { title: title.slice(0, 1000), description: body };
}
