import type { RawPostingInput, SalaryPeriod } from '@himatch/core';

// Turns a saved posting file's text (markdown with TOML/YAML front matter, a CSV row with a
// header, plain text, HTML) into a RawPosting. Pure: the caller reads the file.

/** RFC 4180 CSV in one linear pass (quoted fields may hold commas, quotes and newlines). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (ch === '"') quoted = false; else field += ch;
      continue;
    }
    if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += ch;
  }
  if (field.length > 0 || row.length > 0) { row.push(field); rows.push(row); }
  return rows.filter((r) => r.some((f) => f.trim().length > 0));
}

const PERIOD: Record<string, SalaryPeriod> = { HOURLY: 'hour', DAILY: 'day', WEEKLY: 'week', MONTHLY: 'month', YEARLY: 'year', ANNUAL: 'year', BIWEEKLY: 'week' };

function num(v: string | undefined): number | null {
  if (!v || v.trim() === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

function fromCsv(text: string): RawPostingInput {
  const [header, values] = parseCsv(text);
  const row: Record<string, string> = {};
  (header ?? []).forEach((h, i) => { row[h.trim().toLowerCase()] = values?.[i] ?? ''; });
  const min = num(row['min_salary']);
  const max = num(row['max_salary']);
  const period = PERIOD[(row['pay_period'] ?? '').toUpperCase()] ?? null;
  const remote = row['remote_allowed'] === '1.0' || row['remote_allowed'] === '1';
  return {
    title: row['title'] || row['position'] || 'Untitled',
    description: [row['description'], row['skills_desc']].filter(Boolean).join('\n\n'),
    employer: row['company_name'] || row['company'] || null,
    location: row['location'] || null,
    salary: min !== null || max !== null ? { min, max, currency: row['currency'] || 'USD', period } : null,
    employmentType: row['formatted_work_type'] || row['work_type'] || null,
    workplaceType: remote ? 'remote' : null,
    url: row['job_posting_url'] || null,
    applyUrl: row['application_url'] || null,
    externalId: row['job_id'] || undefined,
  };
}

/** key = "value" (TOML) or key: value (YAML) lines; arrays kept as their text. */
function frontMatter(block: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of block.split('\n')) {
    const m = /^\s*([A-Za-z_][\w-]*)\s*[:=]\s*(.*)$/.exec(line);
    if (!m) continue;
    out[m[1]!.toLowerCase()] = m[2]!.trim().replace(/^["']|["']$/g, '');
  }
  return out;
}

function fromMarkdown(fileName: string, text: string): RawPostingInput {
  const fm = /^(\+\+\+|---)\r?\n([\s\S]*?)\r?\n\1\r?\n?/.exec(text);
  if (fm) {
    const meta = frontMatter(fm[2]!);
    const body = text.slice(fm[0].length);
    return {
      title: meta['title'] || firstHeading(body) || titleFromFileName(fileName),
      description: body,
      employer: meta['organization'] || meta['company'] || meta['employer'] || null,
      location: meta['location'] || null,
      salaryText: meta['salary'] || null,
      employmentType: meta['a_job_type'] || meta['job_type'] || meta['employment_type'] || null,
      workplaceType: /permanently remote|fully remote|"remote"/i.test(meta['b_benefits'] ?? '') ? 'remote' : null,
      url: meta['link'] || meta['url'] || null,
      postedAt: meta['sort_date'] || meta['date'] || null,
      educationText: meta['aa_degrees_required'] || meta['education'] || null,
    };
  }
  // "# [Title](link)" / "### Employer" / "#### `💰 pay` `🌎 place`" job-board markdown.
  const heading = /^#\s+\[?([^\]\n]+?)\]?(?:\(([^)\s]+)\))?\s*$/m.exec(text);
  const employer = /^###\s+(.+?)\s*$/m.exec(text)?.[1] ?? null;
  const tags = /^####\s+(.+)$/m.exec(text)?.[1] ?? '';
  const pay = /💰\s*([^`]+)/.exec(tags)?.[1]?.trim() ?? null;
  const place = /🌎\s*([^`]+)/.exec(tags)?.[1]?.trim() ?? null;
  return {
    title: heading?.[1]?.trim() || titleFromFileName(fileName),
    description: text,
    employer: employer && !/description|about|summary/i.test(employer) ? employer.replace(/[*_]/g, '') : null,
    location: place,
    salaryText: pay,
    url: heading?.[2] ?? null,
  };
}

const BOILERPLATE = /^(?:skip to|u\.?s\.? flag|an official website|menu|search|help|summary|overview|requirements|duties|created at|company:|location|this position is no longer|this job announcement)/i;

const JOB_NOUN = /\b(?:technician|coder|coding|specialist|registrar|analyst|manager|clerk|administrator|assistant|nurse|director|supervisor|representative|developer|engineer|officer|coordinator|repairer|scientist|auditor|abstractor|associate|lead|rn|lpn)\b/i;

/** A labelled title ("Job Title: X"), else the first short line that names a job. */
function firstHeading(text: string): string | null {
  const labelledTitle = /^\s*(?:job|position) title\s*:\s*(.{3,120})$/im.exec(text.slice(0, 20_000))?.[1];
  if (labelledTitle) return labelledTitle.trim();
  for (const line of text.split('\n').slice(0, 40)) {
    const t = line.replace(/^[#\s*]+|[*\s]+$/g, '');
    if (t.length < 4 || t.length > 90 || BOILERPLATE.test(t) || /[.:;]$/.test(t) || /^[\d(-]/.test(t)) continue;
    if (/^(?:basic )?requirements|^conditions|^to qualify|^department|^salary|^vacancy|^this |^the |^you /i.test(t)) continue;
    if (JOB_NOUN.test(t)) return t.replace(/\s+job in\s+.*$/i, '').trim();
  }
  return null;
}

/** "013-mrt-roi-cincinnati-usajobs.txt" → "mrt roi cincinnati usajobs": the last resort for a title. */
export function titleFromFileName(fileName: string): string {
  return fileName.replace(/^.*[\\/]/, '').replace(/\.[a-z]+$/i, '').replace(/^\d+[-_]/, '').replace(/[-_]+/g, ' ').trim() || 'Untitled';
}

function labelled(text: string, re: RegExp): string | null {
  return re.exec(text.slice(0, 5000))?.[1]?.trim() ?? null;
}

function fromText(fileName: string, text: string, html: boolean): RawPostingInput {
  const plain = html ? text.replace(/<[^<>]*>/g, '\n') : text;
  return {
    title: firstHeading(plain) ?? titleFromFileName(fileName),
    description: text,
    employer: labelled(plain, /^(?:company|department|employer|agency)\s*:\s*(.+)$/im),
    location: labelled(plain, /^location(?:\(s\))?\s*:\s*(.+)$/im),
    salaryText: labelled(plain, /^salary(?: range)?\s*:\s*(.+)$/im),
  };
}

export function rawFromFixture(fileName: string, text: string): RawPostingInput {
  const ext = /\.([a-z]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? 'txt';
  if (ext === 'csv') return fromCsv(text);
  if (ext === 'md') return fromMarkdown(fileName, text);
  return fromText(fileName, text, ext === 'html' || ext === 'htm');
}
