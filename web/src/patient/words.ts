// Plain words for a patient's consents and access log: what each GA4GH
// DUO permission and modifier of doc/consent.md allows, in one sentence
// each, and what happened to the patient's rows in each access. Pure (no
// DOM, no network), so words.test.mjs checks it with node alone.
//
// The meanings follow the default policy bundle (policies/bundle/duo.rego)
// and the CLI's words for the same log (cmd/desci/cli/accesswords.go).

/** The DUO permissions a consent may give, most open first. */
export const USES = ['NRES', 'GRU', 'HMB', 'DS', 'POA'] as const
export type Use = (typeof USES)[number]

/** The DUO modifiers a consent may carry, in the order the form shows them. */
export const MODIFIERS = ['NPU', 'NCU', 'NPUNCU', 'IRB', 'PUB', 'RTN', 'COL', 'US', 'GS', 'PS', 'IS', 'TS', 'MOR', 'GSO', 'NMDS', 'NPOA'] as const
export type Modifier = (typeof MODIFIERS)[number]

/** The consent's fields as the typed data's message carries them (times in Unix seconds, 0 for none). */
export type ConsentTerms = {
  study: string
  subject: string
  uses: string[]
  diseases?: string[]
  modifiers?: string[]
  investigators?: string[]
  region?: string
  project?: string
  institution?: string
  timeLimit?: number | string
  moratorium?: number | string
  validFrom?: number | string
  validUntil?: number | string
}

/** Diseases of the MONDO subset the demo ships (policies/mondo-demo.tsv) that a patient is likely to pick. */
export const DISEASES: Record<string, string> = {
  'MONDO:0005015': 'diabetes',
  'MONDO:0005147': 'type 1 diabetes',
  'MONDO:0005148': 'type 2 diabetes',
  'MONDO:0004975': 'Alzheimer disease',
  'MONDO:0007254': 'breast cancer',
  'MONDO:0004992': 'cancer',
  'MONDO:0008383': 'rheumatoid arthritis',
  'MONDO:0005044': 'high blood pressure',
  'MONDO:0005010': 'coronary artery disease',
}

export function diseaseName(id: string): string {
  return DISEASES[id] ?? id
}

const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

/** "31 December 2027", in UTC, as consents' dates are signed. */
export function dateWords(t: Date | number | string): string {
  const d = toDate(t)
  return `${d.getUTCDate()} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()}`
}

/** "31 December 2027 at 14:05 UTC". */
export function timeWords(t: Date | number | string): string {
  const d = toDate(t)
  const hm = `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`
  return `${dateWords(d)} at ${hm} UTC`
}

/** A Date from Unix seconds (number or decimal string), an RFC 3339 string or a Date. */
export function toDate(t: Date | number | string): Date {
  if (t instanceof Date) return t
  if (typeof t === 'number' || /^\d+$/.test(t)) return new Date(Number(t) * 1000)
  return new Date(t)
}

function seconds(t: number | string | undefined): number {
  if (t === undefined || t === '') return 0
  return Number(t)
}

function list(xs: string[]): string {
  if (xs.length <= 1) return xs.join('')
  return `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`
}

/** 0x1234…abcd: enough of an address to recognise it. */
export function shortAddress(a: string): string {
  return /^0x[0-9a-fA-F]{40}$/.test(a) ? `${a.slice(0, 6)}…${a.slice(-4)}` : a
}

/** What each permission allows, in one sentence (for the form's choices). */
export const useWords: Record<Use, string> = {
  NRES: 'Any use, with no restriction.',
  GRU: 'Any kind of research.',
  HMB: 'Health and medical research only.',
  DS: 'Research on the diseases you choose only.',
  POA: 'Research on population origins or ancestry only.',
}

/** What each modifier asks, in one sentence (for the form's choices, before the details are filled in). */
export const modifierWords: Record<Modifier, string> = {
  NPU: 'Not for companies that sell products.',
  NCU: 'Not for commercial purposes, by anyone.',
  NPUNCU: 'Non-profit organisations only, and never for commercial purposes.',
  IRB: 'Only with the approval of an ethics committee.',
  PUB: 'Only if the results are published.',
  RTN: 'Only if the results are returned to this study.',
  COL: 'Only in collaboration with researchers you name.',
  US: 'Only by researchers you name.',
  GS: 'Only in a country or region you name.',
  PS: 'Only for a project you name.',
  IS: 'Only at an institution you name.',
  TS: 'Only until a date you choose.',
  MOR: 'Nothing published before a date you choose.',
  GSO: 'Genetic studies only.',
  NMDS: 'Not for developing research methods or tools.',
  NPOA: 'Not for research on population origins or ancestry.',
}

/** The consent in sentences, most important first: what it allows, the conditions, how long. */
export function consentSentences(c: ConsentTerms): string[] {
  const out: string[] = []
  const uses = c.uses ?? []
  for (const u of uses) {
    if (u === 'DS') {
      const ds = (c.diseases ?? []).map(diseaseName)
      out.push(ds.length ? `Research on ${list(ds)} only.` : useWords.DS)
    } else {
      out.push(useWords[u as Use] ?? `Use ${u}.`)
    }
  }
  const inv = (c.investigators ?? []).map(shortAddress)
  for (const m of c.modifiers ?? []) {
    switch (m) {
      case 'COL':
        out.push(inv.length ? `Only in collaboration with ${list(inv)}.` : modifierWords.COL)
        break
      case 'US':
        out.push(inv.length ? `Only by ${list(inv)}.` : modifierWords.US)
        break
      case 'GS':
        out.push(c.region ? `Only in ${regionName(c.region)}.` : modifierWords.GS)
        break
      case 'PS':
        out.push(c.project ? `Only for the project “${c.project}”.` : modifierWords.PS)
        break
      case 'IS':
        out.push(c.institution ? `Only at ${c.institution}.` : modifierWords.IS)
        break
      case 'TS':
        out.push(seconds(c.timeLimit) ? `Until ${dateWords(seconds(c.timeLimit))}.` : modifierWords.TS)
        break
      case 'MOR':
        out.push(seconds(c.moratorium) ? `Nothing published before ${dateWords(seconds(c.moratorium))}.` : modifierWords.MOR)
        break
      default:
        out.push(modifierWords[m as Modifier] ?? `Condition ${m}.`)
    }
  }
  const until = seconds(c.validUntil)
  if (until) out.push(`This consent ends on ${dateWords(until)}, unless you revoke it sooner.`)
  return out
}

/** The consent in one line: "Health and medical research only. Not for companies that sell products. Until 31 December 2027." */
export function consentSummary(c: ConsentTerms): string {
  return consentSentences(c)
    .filter((s) => !s.startsWith('This consent ends'))
    .join(' ')
}

const regions: Record<string, string> = {
  EU: 'the European Union',
  EEA: 'the European Economic Area',
  WORLD: 'any country',
  EUROPE: 'Europe',
  AFRICA: 'Africa',
  AMERICAS: 'the Americas',
  'NORTH AMERICA': 'North America',
  'SOUTH AMERICA': 'South America',
  'LATIN AMERICA': 'Latin America',
  ASIA: 'Asia',
  OCEANIA: 'Oceania',
}

/** A region of a GS consent in words: a region's name, else the country code as given. */
export function regionName(r: string): string {
  return regions[r.toUpperCase()] ?? r.toUpperCase()
}

/** Why a modifier withheld a patient's rows (cmd/desci/cli/accesswords.go). */
const modifierReasons: Record<string, string> = {
  NPU: 'your consent allows only non-profit use, and the requester did not show they are a non-profit',
  NCU: 'your consent allows only non-commercial use, and the requester did not show the use is non-commercial',
  NPUNCU: 'your consent allows only non-profit, non-commercial use, and the requester did not show both',
  IRB: 'your consent requires an ethics approval, and the requester named none',
  PUB: 'your consent requires the results be published, and the requester did not commit to it',
  COL: 'your consent requires working with the researchers you named, and the requester named none of them',
  US: 'your consent allows only the researchers you named, and the requester is not one',
  GS: 'your consent allows use only in the region you named, and the request was from elsewhere or did not say',
  TS: "your consent's time limit for use had passed",
  PS: 'your consent allows only the project you named, and this was another',
  IS: 'your consent allows only the institution you named, and this was another',
  RTN: 'your consent requires results be returned, and the requester did not commit to it',
  NMDS: 'your consent excludes methods development, and the request did not rule it out',
  GSO: 'your consent allows only genetic studies, and this was not shown to be one',
  MOR: 'your consent forbids publication before a date, and the requester planned to publish earlier',
  NPOA: 'your consent excludes population origins or ancestry research, and this was such research',
}

/** The reasons a policy gave for withholding rows, each in the patient's words. */
export function withheldReasons(outcome: string): string[] {
  const reasons = outcome.startsWith('withheld: ') ? outcome.slice('withheld: '.length) : outcome
  return reasons.split('; ').map((r) => {
    if (r === 'no consent in force') return 'you had no consent in force for this study'
    if (r === 'no permitted use covers the purpose') return 'your consent does not permit this kind of research'
    if (r.startsWith('the request failed: ')) return `the request was refused before any row was released (${r.slice('the request failed: '.length)})`
    if (r === 'consent expired') return 'your consent had expired'
    if (r === 'consent not yet valid') return 'your consent was not yet valid'
    const m = /^modifier ([A-Z]+):/.exec(r)
    if (m && modifierReasons[m[1]]) return modifierReasons[m[1]]
    return r
  })
}

/** One access log entry as the API gives it (PatientAccess). */
export type Access = {
  seq: number
  time: string
  study: string
  subject: string
  requester: string
  purpose: string
  allowed: boolean
  outcome: string
  extract?: string | null
  rowsReleased: number
  dataset?: string
}

/** One of the patient's signed documents (ConsentRecord), its message read out. */
export type Doc = {
  hash: string
  kind: 'consent' | 'revocation'
  study: string
  subject: string
  accepted: string
  terms?: ConsentTerms
  revokes?: string // for a revocation: the consent's hash
}

export type Kind = 'released' | 'downloaded' | 'withheld'

/** An access in plain words, for the timeline. */
export type Event = {
  seq: number
  time: string
  kind: Kind
  /** The headline: who received what, or who was refused. */
  title: string
  /** What happened to the patient's rows, in a sentence. */
  detail: string
  /** The consent it was released under, in words, if any. */
  consent?: string
  /** Set when the patient revoked that consent after: what that means for this extract. */
  affected?: string
  extract?: string
}

/**
 * The consent of study/subject in force at time t: the latest document
 * accepted by then, if it is a consent. Times are whole seconds, so a
 * revocation in the same second as a release is taken to follow it (the
 * rows were released, so the consent was still in force).
 */
export function consentAt(docs: Doc[], study: string, subject: string, t: string | Date): Doc | undefined {
  const at = toDate(t).getTime()
  let last: Doc | undefined
  for (const d of docs) {
    if (d.study !== study || d.subject !== subject) continue
    const when = toDate(d.accepted).getTime()
    if (when < at || (when === at && d.kind === 'consent')) last = d
  }
  return last?.kind === 'consent' ? last : undefined
}

/** The revocation of the consent with hash h, if the patient revoked it. */
export function revocationOf(docs: Doc[], h: string): Doc | undefined {
  return docs.find((d) => d.kind === 'revocation' && d.revokes?.toLowerCase() === h.toLowerCase())
}

/** The access log as a timeline in plain words, newest first. */
export function timeline(log: Access[], docs: Doc[]): Event[] {
  const out = log.map((a): Event => {
    const who = shortAddress(a.requester)
    const ev: Event = { seq: a.seq, time: a.time, kind: 'withheld', title: '', detail: '', extract: a.extract ?? undefined }
    if (a.outcome.startsWith('downloaded by ')) {
      ev.kind = 'downloaded'
      const form = /^download \((.+)\)$/.exec(a.purpose)?.[1]
      ev.title = `${who} downloaded an extract that holds your de-identified data`
      ev.detail = `The copy they downloaded${form ? ` (as ${form})` : ''} is of an extract made earlier, listed below.`
    } else if (a.outcome === 'released') {
      ev.kind = 'released'
      ev.title = `${who} received your de-identified data`
      ev.detail = `For “${a.purpose}”, in study ${a.study}: your rows went into an extract of ${a.rowsReleased} rows in all, without your name, contact details or exact address.`
    } else {
      ev.title = `${who} asked for data, and yours was left out`
      ev.detail = `For “${a.purpose}”, in study ${a.study}. Your rows were withheld: ${withheldReasons(a.outcome).join('; ')}.`
      ev.extract = undefined
    }
    if (ev.kind !== 'withheld') {
      const c = consentAt(docs, a.study, a.subject, a.time)
      if (c?.terms) ev.consent = `Under your consent of ${dateWords(c.accepted)}: ${consentSummary(c.terms)}`
      const r = c && revocationOf(docs, c.hash)
      if (r) {
        ev.affected = `You revoked this consent on ${dateWords(r.accepted)}. The holder was notified, can get no new download of this extract, and future extracts leave you out; copies already made stay with them.`
      }
    }
    return ev
  })
  return out.sort((a, b) => b.seq - a.seq)
}

/** The status of a subject's consent now, in words, from the patient's documents. */
export type Status = { state: 'none' | 'in force' | 'not yet valid' | 'expired' | 'revoked'; words: string; consent?: Doc; revocation?: Doc }

export function statusOf(docs: Doc[], study: string, subject: string, now: Date): Status {
  const mine = docs.filter((d) => d.study === study && d.subject === subject)
  const last = mine[mine.length - 1]
  if (!last) return { state: 'none', words: 'You have not given consent for this study yet. Nobody receives your data from it.' }
  if (last.kind === 'revocation') {
    const c = mine.find((d) => d.hash.toLowerCase() === last.revokes?.toLowerCase())
    return { state: 'revoked', words: `You revoked your consent on ${dateWords(last.accepted)}. Nobody receives your data from this study now.`, consent: c, revocation: last }
  }
  const t = last.terms
  const from = seconds(t?.validFrom) * 1000
  const until = seconds(t?.validUntil) * 1000
  if (until && until <= now.getTime()) return { state: 'expired', words: `Your consent ended on ${dateWords(until / 1000)}. Nobody receives your data from this study now.`, consent: last }
  if (from > now.getTime()) return { state: 'not yet valid', words: `Your consent starts on ${dateWords(from / 1000)}.`, consent: last }
  return { state: 'in force', words: `Your consent is in force: ${t ? consentSummary(t) : ''}`.trim(), consent: last }
}

/** What revoking does and does not do, said before the patient revokes. */
export const revokeWords = {
  will: [
    'Leave you out of every future extract from this study.',
    'Notify everyone who holds an extract with your de-identified data; they can get no new download of it.',
    'Be signed and recorded like your consent. You can give a new consent later.',
  ],
  willNot: [
    'Take back extracts already made: they stay with the researchers who hold them.',
    'Erase the record that your consent existed: that history stays provable.',
  ],
}
