import { ROLES, type RoleId } from '@himatch/core';

// Relevance and role as weighted evidence: title words, duty words, credentials and code-set
// vocabulary add; explicit negative signals (clinical care, billing-only, IT support,
// software, research questionnaires, school records, credentialing) subtract.

export interface RoleDecision {
  isHit: boolean;
  role: RoleId | null;
  roleConfidence: number;
  socCode: string | null;
  reasons: string[];
}

interface Signal {
  re: RegExp;
  /** The same pattern with the g flag, compiled once, for counting. */
  all: RegExp;
  w: number;
  why: string;
}

/** Military medical readiness work (IMR, PHA, line-of-duty, deployment health). */
const READINESS = /\bindividual medical readiness\b|\bimr\b|\bperiodic health assessments?\b|\basims\b|\bmedical(?:ly)? read(?:iness|y)\b|\bline[- ]of[- ]duty\b|\bdeployment (?:health|readiness)\b|\bdeployment[- ]limiting\b|\bmedical (?:evaluation )?board (?:packages?|cases?|processing)\b/;

const s = (re: RegExp, w: number, why: string): Signal => ({ re, all: new RegExp(re.source, 'g'), w, why });

/** Title evidence that the job is HIT work at all. */
const TITLE_HIT: Signal[] = [
  s(/\b(?:medical|clinical|health ?care|hospital|facility|professional|inpatient|outpatient|certified|coding|hcc|risk adjustment|surgical|radiology|ed|emergency|pro-?fee|physician)?\s*coder\b|\bcoding (?:specialist|analyst|auditor|educator|manager|supervisor|quality|lead|professional|associate|validator|coordinator|technician)\b|\bmedical coding\b|\bcoding (?:and|&|\/) billing\b|\bcoder\s*[-/(]/, 6, 'title names coding work'),
  s(/\bmedical records?\b|\bhealth (?:information|records?)\b|\bhim\b|\bmrt\b|\brecords? (?:technician|analyst|clerk|coordinator|specialist)\b(?=[^]*\b(?:medical|health|patient|him|hospital)\b)/, 6, 'title names health records work'),
  s(/\brelease of information\b|\(roi\)|\broi (?:specialist|coordinator|technician|clerk)\b|\bdisclosure specialist\b/, 6, 'title names release of information'),
  s(/\b(?:cancer|tumor|oncology|trauma|stroke|cardiac|quality) (?:registr\w*|data specialist|abstract\w*)\b|\bregistrar\b(?=[^]*\b(?:cancer|tumor|oncology|trauma|registry)\b)|\bdata abstract\w*\b|\babstractor\b/, 6, 'title names registry or abstraction work'),
  s(/\bclinical documentation\b|\bdocumentation (?:integrity|improvement|specialist)\b|\bcdi\b|\bcdis\b|\bcds\b(?=[^]*\bspecialist\b)/, 6, 'title names clinical documentation integrity'),
  s(/\bdata\b[^,;|]{0,25}\b(?:analyst|scientist)\b|\banalytics\b|\breporting analyst\b|\bpopulation health analyst\b/, 3, 'title names data analysis'),
  s(/\b(?:health ?care|health|clinical|medical|claims|population health|hedis|him)\b[^,;|]{0,25}\b(?:analyst|analytics|scientist)\b/, 3, 'title names health data analysis'),
  s(/\b(?:ehr|emr|epic|cerner|clinical applications?|health informatics|clinical informatics)\b[^]*\b(?:analyst|specialist|trainer)\b/, 3, 'title names EHR or informatics work'),
  s(/\bprivacy (?:officer|specialist|analyst|coordinator)\b|\bhipaa\b[^]*\b(?:specialist|officer|analyst)\b|\binformation governance\b/, 5, 'title names privacy work'),
  s(/\brevenue integrity\b|\bcharge (?:capture|master)\b|\bcdm (?:analyst|coordinator)\b|\bdrg (?:validator|analyst)\b/, 4, 'title names revenue integrity'),
  s(/\bchart (?:completion|analyst|review\w*|audit\w*|abstract\w*|retrieval|correction|prep\w*)\b|\bretrospective\b[^,;|]{0,20}\breview\w*\b|\bdrg validation\b/, 4, 'title names chart review or completion'),
  s(/\brecords? requests?\b|\bcorrespondence (?:specialist|clerk|coordinator|representative)\b|\b(?:scanning|indexing|document imaging)\b[^,;|]{0,20}\b(?:clerk|specialist|technician|coordinator)\b/, 3, 'title names records request or imaging work'),
  s(/\bhealth (?:systems? )?technician\b|\bpatient administration\b|\bmedical readiness\b|\bhealth services management\b/, 2, 'title names military/federal health administration'),
];

const NURSING_TITLE = s(/\b(?:rn|lpn|lvn|nurse|nursing|np|cna)\b/, -7, 'title names nursing');
/** HIM work an RN may hold: the nursing title word does not count against it. */
const HIM_WORK_TITLE = /\bclinical documentation\b|\bdocumentation (?:integrity|improvement|specialist)\b|\bcdi\b|\bcdis\b|\bcod(?:er|ing)\b|\babstract\w*\b|\bregistrar\b/;

/** Title words of jobs that are not HIT whatever the text says. A "billing and coding" title cancels out: duties decide. */
const TITLE_NEG: Signal[] = [
  NURSING_TITLE,
  s(/\bmedical assistant\b|\bphlebotom\w*\b|\bpharmacy\b|\btherapist\b|\bphysician\b(?! (?:coder|coding|based))|\bdental\b|\bcaregiver\b|\bsurgical tech(?:nologist)?\b/, -7, 'title names clinical or pharmacy work'),
  s(/\bcase manag\w*\b|\butilization (?:review|management)\b|\bcare coordinat\w*\b/, -7, 'title names case management or utilization review'),
  s(/\bhelp ?desk\b|\bdesktop support\b|\bservice desk\b|\bit support\b|\bdeveloper\b|\bsoftware\b|\bengineer\b|\bprogrammer\b|\bdevops\b/, -7, 'title names IT or software work'),
  s(/\bcredentialing\b|\bprovider enrollment\b|\bfront desk\b|\breceptionist\b|\bscheduler\b|\bpatient access\b|\bregistration\b|\bpatient account\w*\b|\baccounts? receivable\b|\bcollections?\b|\bbilling\b[^,;|]{0,15}\b(?:specialist|representative|clerk|associate|coordinator)\b/, -6, 'title names front-office, billing or credentialing work'),
  s(/\bmaintenance\b|\brepairer\b|\bmechanic\b|\bdriver\b|\bteacher\b|\bacademic\b|\bpolicy\b|\bsales\b|\bmarketing\b/, -6, 'title names unrelated work'),
  s(/\bresearch\b|\bstudy\b/, -3, 'title names research work'),
];

/** Duty and vocabulary evidence in the text. Capped per signal so long postings do not win by length. */
const TEXT_HIT: Signal[] = [
  s(/\b(?:assign|correct|validat|sequenc)(?:s|es|ing|ed|e|ment of|ion of)? (?:appropriate |accurate )?(?:icd|cpt|hcpcs|diagnos\w*|procedure|medical)[^.]{0,20}codes?\b|\bcode assignment\b|\b(?:ms-?)?drg (?:assignment|validation)\b|\bcoding (?:accuracy|guidelines|conventions|compliance|quality|audits?|reviews?|knowledge|education|rationale|validation|edits?)\b/, 3, 'duties assign diagnosis/procedure codes'),
  s(/\bcharge (?:description master|capture|master|reconciliation)\b|\bcdm\b/, 2, 'charge capture or coding edit duties'),
  s(/\bicd-?10(?:-?cm|-?pcs)?\b|\bcpt\b|\bhcpcs\b|\bms-?drg\b|\bapr-?drg\b|\bicd-?o-?3\b/, 2, 'code-set vocabulary'),
  s(/\bhealth information management\b|\bhealth records?\b|\bmedical records?\b|\bpatient records?\b|\bhealth record analysis\b/, 2, 'health records vocabulary'),
  s(/\bahima\b|\baapc\b|\brhit\b|\brhia\b|\bccs\b|\bcpc\b|\bcdip\b|\bccds\b|\bctr\b|\bods-c\b|\bchda\b/, 2, 'HIM credential named'),
  s(/\brelease of information\b|\bauthorization (?:forms?|for release)\b|\bprotected health information\b|\bdisclosure of (?:health )?information\b|\bsubpoenas?\b|\baccounting[- ]of[- ]disclosures\b|\bright[- ]of[- ]access\b|\brequests? for (?:protected health |health |medical )?(?:information|records)\b/, 2, 'release-of-information duties'),
  s(/\bdelinquent (?:charts?|records?)\b|\bmaster patient index\b|\bdeficienc(?:y|ies)\b(?=[^.]{0,60}\b(?:records?|charts?|providers?|physicians?)\b)|\brecord completion\b|\bchart[- ]correction\b|\bdocument[- ]imaging\b|\bscans?,? (?:and )?index(?:es)?\b|\bscanning and indexing\b/, 2, 'record completion, MPI or imaging duties'),
  s(/\bcms-?hcc\b|\bhccs?\b|\bhierarchical condition\b|\brisk adjustment\b|\bradv\b|\bmeat (?:documentation )?criteria\b/, 2, 'risk adjustment vocabulary'),
  s(/\behr build\b|\bgo-lives?\b|\bepic (?:him|modules?|build)\b|\bhim (?:and coding )?(?:users|systems?|applications?)\b|\bencoder\b/, 2, 'HIM systems or EHR build work'),
  s(/\babstract(?:s|ing|ion)?\b[^.]{0,40}\b(?:data|records?|charts?|cases?)\b|\bcancer registry\b|\btumor registry\b/, 2, 'abstraction or registry duties'),
  s(/\bchart (?:review|audit|analysis|completion)\b|\bdeficiency analysis\b|\bincomplete (?:health )?record\b|\bdocumentation (?:review|improvement|integrity)\b/, 2, 'chart review duties'),
  s(/\bclaims data\b|\bemr data\b|\behr data\b|\bclinical data\b|\bhealth ?care data\b|\bpatient data\b|\bpopulation health\b|\bvalue-based care\b|\bhedis\b|\bquality measures?\b|\bpayer data\b/, 2, 'health data vocabulary'),
  s(/\bhipaa\b|\bprivacy (?:incidents?|breach\w*|investigations?|rule)\b|\bbreach notification\b|\binappropriate access\b/, 1, 'health privacy vocabulary'),
  s(new RegExp(`${READINESS.source}|\\bdeers\\b`), 3, 'military health readiness records'),
];

const TEXT_NEG: Signal[] = [
  s(/\bvital signs\b|\bspecimens?\b|\bphlebotomy\b|\bbedside\b|\badminister(?:ing)? medications?\b|\bpatient care\b(?! (?:documentation|records?))|\bwound care\b|\biv therapy\b/, -2, 'clinical care duties'),
  s(/\bquestionnaires?\b|\bsurveys? (?:data|responses)\b|\bcohort stud\w*\b|\bresearch (?:associates?|study|studies|data collection)\b/, -3, 'research data collection'),
  s(/\bphp\b|\bjava ?script\b|\btype ?script\b|\breact\b|\bkubernetes\b|\bmicroservices?\b|\bci\/cd\b|\bunit tests?\b/, -3, 'software engineering duties'),
  s(/\btroubleshoot\w*\b[^.]{0,40}\b(?:computers?|hardware|printers?|network|equipment)\b|\bhelp ?desk\b|\btickets?\b/, -2, 'IT support duties'),
  s(/\bstudents?\b|\bgraduation\b|\bacademic\b(?! (?:health|medical|hospital|medicine|teaching)\b)|\btranscripts?\b(?! of)/, -2, 'school records'),
  s(/\bcredentialing\b|\bcaqh\b|\bprivileging\b|\bprovider enrollment\b/, -2, 'credentialing duties'),
  s(/\bpatient registration\b|\bscheduling appointments?\b|\bcheck-?in\b|\binsurance verification\b|\bcollections\b|\bcollection (?:calls|agency|activities)\b|\bpayment posting\b|\bdenials?\b/, -1, 'front-office or billing duties'),
  s(/\bnursing (?:license|care|assessment)\b|\bregistered nurse\b|\bcase management\b|\butilization review\b|\bdischarge planning\b/, -2, 'nursing or case-management duties'),
  s(/\bvehicles?\b|\bequipment repair\b|\bwelding\b|\bpainting\b/, -3, 'trade work'),
];

function score(signals: Signal[], text: string, reasons: string[], cap = 1): number {
  let total = 0;
  for (const sig of signals) {
    if (cap === 1) {
      if (sig.re.test(text)) { total += sig.w; reasons.push(`${sig.w > 0 ? '+' : ''}${sig.w} ${sig.why}`); }
      continue;
    }
    const n = Math.min(cap, text.match(sig.all)?.length ?? 0);
    if (n > 0) { total += sig.w * n; reasons.push(`${sig.w > 0 ? '+' : ''}${sig.w * n} ${sig.why}`); }
  }
  return total;
}

export function decideRole(title: string, text: string): RoleDecision {
  const t = title.toLowerCase();
  const body = text.length > 40_000 ? text.slice(0, 40_000).toLowerCase() : text.toLowerCase();
  const reasons: string[] = [];
  // "CDI Specialist - RN", "RN Abstractor": RNs do CDI and registry work (hit-reference §4).
  const titleNeg = HIM_WORK_TITLE.test(t) ? TITLE_NEG.filter((sig) => sig !== NURSING_TITLE) : TITLE_NEG;
  const titleScore = score(TITLE_HIT, t, reasons) + score(titleNeg, t, reasons);
  const textScore = Math.min(12, score(TEXT_HIT, body, reasons, 2)) + Math.max(-10, score(TEXT_NEG, body, reasons, 2));
  const dataRole = /\bdata\b[^,;|]{0,25}\b(?:analyst|scientist)\b|\banalytics\b/.test(t);
  const healthWords = count(/\bhealth ?care\b|\bclinical\b|\bpatients?\b|\bmedical\b|\bproviders?\b|\bpayers?\b|\bclaims\b|\bhealth\b/g, body);
  const dataBonus = dataRole && healthWords >= 4 ? 3 : 0;
  if (dataBonus) reasons.push('+3 data role in a healthcare organization');
  const total = titleScore + textScore + dataBonus;
  const isHit = total >= 6 && titleScore > -4;
  if (!isHit) return { isHit: false, role: null, roleConfidence: clamp(0.5 + Math.min(total, 0) / -20), socCode: null, reasons: [`not HIT (score ${total})`, ...reasons] };
  const { role, confidence, why } = pickRole(t, body);
  return { isHit, role, roleConfidence: clamp(confidence * Math.min(1, 0.6 + total / 30)), socCode: ROLES[role].socCode, reasons: [`HIT (score ${total})`, why, ...reasons] };
}

const clamp = (n: number) => Math.max(0, Math.min(1, Math.round(n * 100) / 100));
const has = (re: RegExp, text: string) => re.test(text);
const count = (re: RegExp, text: string) => text.match(re)?.length ?? 0;

/** The role by duties and title; parenthetical federal titles ("MRT (ROI)") count as title words. */
function pickRole(t: string, body: string): { role: RoleId; confidence: number; why: string } {
  const military = has(READINESS, body) && has(/\bnational guard\b|\btitle 32\b|\bdual status\b|\bmilitary\b/, body);
  if (military && !has(/\bcoder\b|\bcoding\b/, t)) return { role: 'mil_health_admin_tech', confidence: 0.85, why: 'readiness records in a guard/military posting' };
  const manager = has(/\bsupervis\w*|\bmanager\b|\bchief\b|\badministrator\b|\bhead of\b/, t);
  if (has(/\bdirector\b/, t)) return { role: 'him_director', confidence: 0.85, why: 'director title' };
  if (manager && !has(/\bdata\b|\bprivacy\b/, t)) return { role: 'him_manager', confidence: 0.85, why: 'supervisory/manager title' };
  // A trauma or stroke registrar at an oncology practice still keeps a non-cancer registry.
  if (has(/\b(?:trauma|stroke|cardiac|cardiovascular|quality|transplant|ncdr|burn|core measures?)\b/, t) && has(/\bregistr|\babstract/, t)) return { role: 'clinical_data_abstractor', confidence: 0.85, why: 'clinical registry/abstraction title' };
  if (has(/\bcancer|\btumor|\boncology data|\bctr\b|\bods-c\b/, t) || (has(/\bregistrar\b/, t) && has(/\bcancer|\btumor|\boncology/, body))) return { role: 'cancer_registrar', confidence: 0.9, why: 'cancer registry title' };
  if (has(/\bclinical documentation|\bdocumentation (?:integrity|improvement)|\bcdi\b|\bcdis\b/, t)) return { role: 'cdi_specialist', confidence: 0.9, why: 'CDI title' };
  if (has(/\babstract|\bregistr(?:ar|y)\b/, t)) return { role: 'clinical_data_abstractor', confidence: 0.8, why: 'abstraction/registry title' };
  if (has(/\bprivacy\b|\bhipaa\b|\binformation governance\b/, t)) return { role: 'privacy_security_specialist', confidence: 0.8, why: 'privacy title' };
  if (has(/\bdata\b[^,;|]{0,25}\b(?:analyst|scientist)\b|\banalytics\b|\breporting analyst\b|\bpopulation health analyst\b/, t)) return { role: 'health_data_analyst', confidence: 0.8, why: 'data analyst title' };
  if (has(/\behr\b|\bemr\b|\bepic\b|\bcerner\b|\bclinical applications?\b|\binformatics\b/, t)) return { role: 'ehr_informatics_analyst', confidence: 0.75, why: 'EHR/informatics title' };
  if (has(/\brevenue integrity\b|\bcharge (?:capture|master)\b|\bcdm\b|\bbilling\b/, t)) return { role: 'billing_revenue_integrity', confidence: 0.7, why: 'revenue integrity/billing title' };
  if (has(/\bcod(?:er|ing)\b|\bdrg\b|\bretrospective\b/, t)) return coderRole(t, body);
  if (has(/\baudit\w*|\bvalidat\w*/, t) && count(/\bcod(?:e|es|er|ers|ing)\b|\bdrgs?\b/g, body) >= 2) return coderRole(t, body);
  if (has(/\brelease of information\b|\(roi\)|\broi\b|\bdisclosure\b|\bcorrespondence\b/, t)) return { role: 'roi_specialist', confidence: 0.9, why: 'ROI title' };
  const roiDuties = new Set(body.match(/\brelease of information\b|\bauthorizations?\b|\bsubpoenas?\b|\bdisclosures?\b|\brequests? for (?:health )?(?:information|records)\b|\broi\b/g) ?? []).size;
  if (roiDuties >= 2) return { role: 'roi_specialist', confidence: 0.75, why: 'release-of-information duties' };
  if (has(/\bclerk\b|\bscanning\b|\bindexing\b|\bfile\b|\bassistant\b/, t)) return { role: 'him_clerk', confidence: 0.8, why: 'records clerk title' };
  if (has(/\bhealth (?:systems? )?technician\b/, t) && military) return { role: 'mil_health_admin_tech', confidence: 0.7, why: 'military health technician' };
  if (has(/\bmedical records?|\bhealth information|\bhim\b|\bmrt\b|\brecords?\b/, t)) return { role: 'him_technician', confidence: 0.8, why: 'health records technician title' };
  if (count(/\bcod(?:e|es|er|ing)\b/g, body) >= 4) return coderRole(t, body);
  if (count(/\bdata\b/g, body) >= 5) return { role: 'health_data_analyst', confidence: 0.5, why: 'data-heavy duties' };
  return { role: 'him_technician', confidence: 0.45, why: 'health records duties' };
}

/** Setting of a coder: title words first, then inpatient, pro-fee and facility vocabulary (§3.4 note 2). */
function coderRole(t: string, body: string): { role: RoleId; confidence: number; why: string } {
  if (has(/\baudit\w*|\beducat\w*|\bquality\b|\bvalidat\w*|\btrainer\b/, t)) return { role: 'coding_auditor_educator', confidence: 0.85, why: 'coding audit/education title' };
  if (has(/\brisk adjustment\b|\bhcc\b|\bretrospective\b/, t)) return { role: 'coder_risk_adjustment', confidence: 0.9, why: 'risk adjustment title' };
  if (has(/\binpatient\b|\bdrg\b|\bacute\b/, t) && !has(/\boutpatient\b/, t)) return { role: 'coder_inpatient', confidence: 0.9, why: 'inpatient coding title' };
  if (has(/\bpro-?fee\b|\bprofessional\b|\bphysician\b|\bprovider\b|\be\/m\b|\bclinic\b/, t)) return { role: 'coder_profee', confidence: 0.85, why: 'professional-fee coding title' };
  if (has(/\boutpatient\b|\bemergency\b|\bed\b|\bancillary\b|\bsame[- ]day\b|\basc\b|\bobservation\b|\binterventional\b|\bradiology\b/, t)) return { role: 'coder_outpatient', confidence: 0.85, why: 'outpatient/facility coding title' };
  const ra = count(/\brisk adjustment\b|\bhccs?\b|\bhierarchical condition\b|\bradv\b/g, body);
  const inpatient = count(/\bms-?drgs?\b|\bapr-?drgs?\b|\bdrgs?\b|\bicd-?10-?pcs\b|\binpatient\b|\bdischarges?\b|\bpoa\b|\buhdds\b/g, body);
  const profee = count(/\be\/m\b|\bevaluation and management\b|\bcms-?1500\b|\bprovider\w*\b|\bphysician (?:office|practice|services|billing)\b|\bpro-?fee\b|\boffice visits?\b|\bclinicians?\b/g, body);
  const facility = count(/\bemergency department\b|\b(?:ed|er) (?:visits?|coding)\b|\bambulatory surgery\b|\basc\b|\bub-?04\b|\bapcs?\b|\bopps\b|\boutpatient\b|\bobservation\b|\bsame[- ]day surgery\b/g, body);
  if (ra >= 2 && ra >= inpatient) return { role: 'coder_risk_adjustment', confidence: 0.7, why: 'risk adjustment vocabulary' };
  if (inpatient >= 2 && inpatient > facility) return { role: 'coder_inpatient', confidence: 0.65, why: 'inpatient vocabulary (DRG/PCS)' };
  if (profee > facility) return { role: 'coder_profee', confidence: 0.6, why: 'pro-fee vocabulary' };
  if (facility > 0) return { role: 'coder_outpatient', confidence: 0.6, why: 'facility outpatient vocabulary' };
  return { role: 'coder_outpatient', confidence: 0.4, why: 'coder with no setting cue' };
}
