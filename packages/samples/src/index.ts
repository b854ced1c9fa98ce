export type {
  SamplePosting, PostingTruth, TruthCredentialGroup, TruthFederal, SampleSalary, SampleWorkMode, SampleEmploymentType, BoardInfo, BoardKey,
} from './types.ts';
export { generatePostings, DEFAULT_NOW, type GenerateOptions } from './generate.ts';
export { boardAssignment, type BoardAssignment, type Placement } from './boards.ts';
export { mutate, mutateWithLog, type MutateOptions, type MutationLog } from './mutate.ts';
export { BOARDS, STAFFING_AGENCIES, boardByKey } from './employers.ts';
export { CITIES, STATE_NAMES, type City } from './cities.ts';
export { createRng, deriveSeed, type Rng } from './prng.ts';
