import { readFile } from 'node:fs/promises';
import { candidateProfileSchema, type CandidateProfile } from '@himatch/core';

/** Reads a candidate profile JSON file; a bad file names the file and the field. */
export async function readProfileFile(path: string): Promise<CandidateProfile> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new UsageError(`cannot read profile ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = candidateProfileSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new UsageError(`invalid profile ${path}:\n  ${issues.join('\n  ')}`);
  }
  return parsed.data;
}

/** A mistake of the person at the keyboard: printed without a stack trace, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
