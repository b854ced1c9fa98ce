// Splits plain text into sentences tagged with the section they sit in, so extractors can
// tell "Required" from "Preferred" and qualifications from duties or benefits.

export type SectionKind = 'required' | 'preferred' | 'duties' | 'benefits' | 'about' | 'unknown';

export interface Sentence {
  text: string;
  lower: string;
  section: SectionKind;
  /** Index of the line the sentence came from (sentences of one bullet share it). */
  line: number;
}

const PREFERRED_HEAD = /\b(preferred|desired|desirable|nice to have|bonus|a plus|plus points|preferences|ideal candidate)\b/;
const REQUIRED_HEAD = /\b(requirements?|qualifications?|required|minimum|basic|must haves?|what you(?:'|’)?ll need|what you need|what you bring|who you are|skills and experience|education|experience|certifications?|licen[sc]ures?|credentials?|conditions of employment|eligibility|knowledge, skills)\b/;
const DUTIES_HEAD = /\b(responsibilities|duties|what you(?:'|’)?ll do|essential functions|job summary|summary|the role|about the (?:role|job|position)|day to day|job description|overview)\b/;
const BENEFITS_HEAD = /\b(benefits|perks|compensation|pay|salary|what we offer|why join|total rewards)\b/;
const ABOUT_HEAD = /\b(about us|about the company|who we are|our mission|equal opportunity|eeo)\b/;

/** A line short enough and shaped like a heading ("Qualifications:", "PREFERRED"). */
function headingKind(line: string): SectionKind | null {
  const t = line.replace(/^[#*•\-\s]+|[*:\s]+$/g, '');
  if (t.length === 0 || t.length > 60) return null;
  if (/[.!?]$/.test(t) && t.split(' ').length > 6) return null;
  // A heading is marked (colon, caps, markdown) or is a short phrase that starts with its keyword.
  const marked = /:\s*$/.test(line) || /^#/.test(line.trim()) || (t === t.toUpperCase() && /[A-Z]/.test(t)) || /^\*\*.*\*\*$/.test(line.trim());
  const lower = t.toLowerCase();
  if (!marked && (t.split(/\s+/).length > 5 || !/^(?:preferred|desired|nice|bonus|requirements?|qualifications?|required|minimum|basic|education|experience|certifications?|licen|skills|responsibilities|duties|benefits|what|who|about|job|essential|key|your|our|the role|position|summary|overview|compensation|pay|salary|perks|why)/.test(lower))) return null;
  if (PREFERRED_HEAD.test(lower)) return 'preferred';
  if (BENEFITS_HEAD.test(lower)) return 'benefits';
  if (ABOUT_HEAD.test(lower)) return 'about';
  if (REQUIRED_HEAD.test(lower)) return 'required';
  if (DUTIES_HEAD.test(lower)) return 'duties';
  return null;
}

/** Sentence ends: ". " before a capital/digit/bullet, ";", or a glued ".Next" from flattened HTML. */
const SENTENCE_SPLIT = /(?<=[.;!?])\s+(?=[A-Z0-9(•"“])|(?<=[a-z)][.;])(?=[A-Z][a-z])/;

export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  let section: SectionKind = 'unknown';
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line.length === 0) continue;
    const head = headingKind(line);
    if (head !== null) {
      section = head;
      // A bare heading carries no content; "Preferred: RHIT" keeps what follows the colon.
      if (line.replace(/[^A-Za-z]/g, '').length < 40 && (line.indexOf(':') < 0 || line.indexOf(':') >= line.length - 2) && !/\b(?:rhit|rhia|ccs|cpc|degree|diploma|years?)\b/i.test(line)) continue;
    }
    for (const part of line.length > 5000 ? chunk(line, 5000) : line.split(/\s?·\s?/).flatMap((p) => p.split(SENTENCE_SPLIT))) {
      const s = part.trim();
      if (s.length > 0) out.push({ text: s, lower: s.toLowerCase(), section, line: i });
    }
  }
  return out;
}

function chunk(s: string, size: number): string[] {
  const parts: string[] = [];
  for (let i = 0; i < s.length; i += size) parts.push(s.slice(i, i + size));
  return parts;
}

const PREFERRED_CUE = /\b(prefer(?:red|ably|ence)?|desired|desirable|a plus|nice to have|bonus|ideally|advantageous|helpful|beneficial|strongly encouraged)\b/g;
const REQUIRED_CUE = /\b(required|requires?|must|mandatory|minimum|need to|necessary|is a requirement)\b/g;

export type Strength = 'required' | 'preferred';

interface Cue {
  at: number;
  kind: Strength;
}

export function cuesIn(lower: string): Cue[] {
  const cues: Cue[] = [];
  for (const m of lower.matchAll(PREFERRED_CUE)) cues.push({ at: m.index, kind: 'preferred' });
  for (const m of lower.matchAll(REQUIRED_CUE)) cues.push({ at: m.index, kind: 'required' });
  return cues.sort((a, b) => a.at - b.at);
}

/**
 * Required or preferred for words at `at` in a sentence: the nearest cue after them in the
 * same clause ("RHIT required"), else the nearest cue before ("Preferred: CCS"), else the
 * section, else null.
 */
export function strengthAt(sentence: Sentence, at: number, cues: Cue[]): Strength | null {
  // A cue inside a parenthesis opened after the words ("RN (BSN preferred) license") is not theirs.
  const after = cues.find((c) => c.at >= at && !/[;]|\([^)]*$/.test(sentence.lower.slice(at, c.at)));
  if (after && after.at - at < 100) return after.kind;
  const before = [...cues].reverse().find((c) => c.at < at);
  if (before) return before.kind;
  if (sentence.section === 'required') return 'required';
  if (sentence.section === 'preferred') return 'preferred';
  return null;
}
