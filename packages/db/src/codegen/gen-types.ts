// Regenerates src/schema.generated.ts from a freshly migrated database.
// Usage: pnpm --filter @himatch/db gen:types
import { createTestDatabase } from '@himatch/testing';
import { committedTypesFile, generateTypes } from './codegen.ts';

const fresh = await createTestDatabase();
try {
  await generateTypes(fresh.url, committedTypesFile);
  console.log(`wrote ${committedTypesFile}`);
} finally {
  await fresh.drop();
}
