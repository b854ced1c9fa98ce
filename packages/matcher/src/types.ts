// Public result shapes and the tunable knobs of the matcher.

export type CheckKind =
  | 'credential' | 'education' | 'experience' | 'military' | 'who_may_apply'
  | 'location' | 'pay' | 'employment_type' | 'work_mode';

export type CheckStatus = 'met' | 'partial' | 'unmet' | 'unknown';
export type Eligibility = 'eligible' | 'conditional' | 'ineligible';

export interface Check {
  requirement: CheckKind;
  status: CheckStatus;
  /** The posting's words this requirement came from, when known. */
  evidence: string | null;
  detail: string;
  /** True for gating requirements (see README); preferences are false. */
  required: boolean;
}

export interface MatchResult {
  listingId: string;
  /** (tier + fit) / 3: eligible in [2/3, 1], conditional in [1/3, 2/3), ineligible below. */
  score: number;
  eligibility: Eligibility;
  checks: Check[];
  summary: string;
}

/** Weights of the fit score inside a tier. They are normalized by their sum. */
export interface Weights {
  role: number;
  skills: number;
  distance: number;
  pay: number;
  recency: number;
  preferredCredentials: number;
  employmentType: number;
  workMode: number;
}

export const DEFAULT_WEIGHTS: Readonly<Weights> = {
  role: 0.25,
  skills: 0.1,
  distance: 0.15,
  pay: 0.15,
  recency: 0.1,
  preferredCredentials: 0.15,
  employmentType: 0.05,
  workMode: 0.05,
};

/** Rule thresholds that are defaults, not domain facts (hit-reference §2.3 marks them unverified). */
export interface Tuning {
  /** Years of relevant experience accepted per missing degree level when a posting allows substitution. */
  yearsPerMissingDegreeLevel: number;
  /** Share of the asked years that makes an experience check partial instead of unmet. */
  experienceCloseRatio: number;
  /** An unfinished degree expected within this many months counts as "final term" for exam eligibility. */
  finalTermMonths: number;
  /** Half-life of the recency term of the fit, in days. */
  recencyHalfLifeDays: number;
}

export const DEFAULT_TUNING: Readonly<Tuning> = {
  yearsPerMissingDegreeLevel: 2,
  experienceCloseRatio: 0.75,
  finalTermMonths: 6,
  recencyHalfLifeDays: 14,
};

export interface MatchOptions {
  now?: Date;
  weights?: Partial<Weights>;
  tuning?: Partial<Tuning>;
}
