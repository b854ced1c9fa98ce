import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

// The one place that says how schema.generated.ts is produced: the gen:types script and the
// drift test both call generateTypes, so they cannot disagree about options.

export const committedTypesFile = fileURLToPath(new URL('../schema.generated.ts', import.meta.url));
const codegenBin = fileURLToPath(new URL('../../node_modules/.bin/kysely-codegen', import.meta.url));

const customImports = {
  // Aliased: codegen names the table interfaces Listing and RawPosting too.
  ListingData: '@himatch/core#Listing',
  RawPostingPayload: '@himatch/core#RawPosting',
  CandidateProfile: '@himatch/core#CandidateProfile',
  Politeness: '@himatch/core#Politeness',
  SourceKind: '@himatch/core#SourceKind',
  GeneratedAlways: 'kysely#GeneratedAlways',
};

// jsonb columns typed with the core contracts; status columns with their CHECKed values.
const columns: Record<string, string> = {
  'listing.data': 'ListingData',
  'raw_posting.payload': 'RawPostingPayload',
  'candidate.profile': 'CandidateProfile',
  'source.politeness': 'Generated<Politeness>',
  'source.kind': 'SourceKind',
  'source.config': 'Generated<JsonObject>',
  'crawl_run.status': "Generated<'running' | 'succeeded' | 'partial' | 'failed'>",
  'raw_posting.status': "Generated<'pending' | 'normalized' | 'rejected' | 'failed'>",
  'listing.status': "Generated<'open' | 'closed'>",
  'alert_outbox.status': "Generated<'pending' | 'delivered' | 'failed'>",
  'listing.search_vector': 'GeneratedAlways<string>',
  'api_key.role': "'operator' | 'recruiter' | 'candidate'",
};

function codegenArgs(databaseUrl: string, outFile: string): string[] {
  return [
    '--dialect', 'postgres',
    '--camel-case',
    '--numeric-parser', 'number',
    '--log-level', 'error',
    '--exclude-pattern', 'kysely_*',
    '--url', databaseUrl,
    '--custom-imports', JSON.stringify(customImports),
    '--overrides', JSON.stringify({ columns }),
    '--out-file', outFile,
  ];
}

/** Introspects a migrated database and writes its table types to outFile. */
export async function generateTypes(databaseUrl: string, outFile: string): Promise<void> {
  await promisify(execFile)(codegenBin, codegenArgs(databaseUrl, outFile), { timeout: 120_000 });
}
