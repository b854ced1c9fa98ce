import type { CredentialId, MinEducationLevel, RoleId, SourceKind } from '@himatch/core';

export type SampleWorkMode = 'onsite' | 'hybrid' | 'remote';
export type SampleEmploymentType = 'full_time' | 'part_time' | 'per_diem' | 'contract' | 'temporary';

export interface SampleSalary {
  /** null for "up to $31/hour" style ranges. */
  readonly min: number | null;
  readonly max: number;
  readonly period: 'hour' | 'year';
  readonly currency: 'USD';
}

/** Same shape as core's CredentialGroup minus the evidence text. */
export interface TruthCredentialGroup {
  readonly anyOf: readonly CredentialId[];
  readonly eligibleAccepted: boolean;
  readonly withinMonths: number | null;
}

export interface TruthFederal {
  readonly series: string;
  readonly payPlan: 'GS';
  readonly gradeLow: number;
  readonly gradeHigh: number;
  readonly title32: boolean;
  readonly militaryMembershipRequired: boolean;
}

export interface PostingTruth {
  readonly isHit: boolean;
  readonly role: RoleId | null;
  readonly requiredCredentials: readonly TruthCredentialGroup[];
  readonly preferredCredentials: readonly TruthCredentialGroup[];
  readonly minEducation: MinEducationLevel;
  readonly cahiimRequired: boolean;
  readonly experienceSubstitutes: boolean;
  readonly minYears: number | null;
  readonly salary: SampleSalary | null;
  readonly workMode: SampleWorkMode;
  /** State codes a remote worker must live in; ['US'] when nationwide; [] unless remote. */
  readonly remoteRegions: readonly string[];
  readonly employmentType: SampleEmploymentType;
  readonly federal: TruthFederal | null;
  /** Set on a staffing-agency repost: the id of the real job it copies. */
  readonly repostOf: string | null;
}

export interface SamplePosting {
  readonly id: string;
  readonly employer: string;
  readonly title: string;
  readonly descriptionHtml: string;
  readonly city: string;
  readonly region: string;
  readonly postalCode: string;
  readonly lat: number;
  readonly lon: number;
  readonly workMode: SampleWorkMode;
  readonly remoteRegions: readonly string[];
  readonly employmentType: SampleEmploymentType;
  readonly salary: SampleSalary | null;
  readonly postedAt: string;
  /** Last edit; equals postedAt until a mutation changes the job. */
  readonly updatedAt: string;
  readonly closesAt: string | null;
  readonly requisitionId: string;
  /** Department / team name used by ATS formats. */
  readonly department: string;
  readonly truth: PostingTruth;
}

export type BoardKey = string;

export interface BoardInfo {
  readonly key: BoardKey;
  readonly kind: SourceKind;
  /** Human name of the board. */
  readonly name: string;
  /** Format-specific slug: greenhouse token, lever site, workday tenant, ... */
  readonly slug: string;
  /** Boards that carry many employers (feeds, aggregators) receive cross-board duplicates. */
  readonly multiEmployer: boolean;
  /** Variant inside a kind (rss vs atom). */
  readonly variant?: string;
}
