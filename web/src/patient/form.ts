// The consent form's choices, checked and turned into consentToSign's
// arguments. Pure, like words.ts, and tested with it by node alone.

import type { ConsentTerms, Modifier, Use } from './words'

export type Choices = {
  use: Use
  diseases: string[]
  modifiers: Modifier[]
  investigators: string // addresses, separated by commas, spaces or lines
  region: string
  project: string
  institution: string
  timeLimit: string // yyyy-mm-dd
  moratorium: string // yyyy-mm-dd
  validUntil: string // yyyy-mm-dd
}

/** A year from today: the form's default end. */
export function defaultChoices(today: Date): Choices {
  const y = new Date(Date.UTC(today.getUTCFullYear() + 1, today.getUTCMonth(), today.getUTCDate()))
  return {
    use: 'HMB',
    diseases: [],
    modifiers: [],
    investigators: '',
    region: '',
    project: '',
    institution: '',
    timeLimit: '',
    moratorium: '',
    validUntil: y.toISOString().slice(0, 10),
  }
}

/** Problems with the choices, by field (the input's name), in words; empty when they can be sent. */
export function check(c: Choices, today: Date): Record<string, string> {
  const bad: Record<string, string> = {}
  const has = (m: Modifier) => c.modifiers.includes(m)
  const day = (s: string) => (/^\d{4}-\d{2}-\d{2}$/.test(s) ? Date.parse(s + 'T00:00:00Z') : NaN)
  const start = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate())
  if (c.use === 'DS' && c.diseases.length === 0) bad.diseases = 'Choose at least one disease, or choose another kind of research.'
  for (const d of c.diseases) if (!/^MONDO:\d{7}$/.test(d)) bad.diseases = `“${d}” is not a MONDO disease id (like MONDO:0005015).`
  if (has('COL') || has('US')) {
    const xs = splitAddresses(c.investigators)
    if (xs.length === 0) bad.investigators = 'Name the researchers by their Ethereum address (0x followed by 40 hex digits).'
    const wrong = xs.filter((x) => !/^0x[0-9a-fA-F]{40}$/.test(x))
    if (wrong.length) bad.investigators = `“${wrong[0]}” is not an Ethereum address (0x followed by 40 hex digits).`
  }
  if (has('GS') && !c.region.trim()) bad.region = 'Name the country (a two-letter code like DE) or region (like EU).'
  if (has('PS') && !c.project.trim()) bad.project = 'Name the project.'
  if (has('IS') && !c.institution.trim()) bad.institution = 'Name the institution.'
  const until = day(c.validUntil)
  if (isNaN(until)) bad.validUntil = 'Choose the date your consent ends.'
  else if (until <= start) bad.validUntil = 'Choose an end date after today.'
  if (has('TS')) {
    const t = day(c.timeLimit)
    if (isNaN(t)) bad.timeLimit = 'Choose the date use must stop.'
    else if (t <= start) bad.timeLimit = 'Choose a date after today.'
  }
  if (has('MOR') && isNaN(day(c.moratorium))) bad.moratorium = 'Choose the date before which nothing may be published.'
  if (has('NPU') && has('NPUNCU')) bad.modifiers = 'Choose either “non-profit only” or “non-profit and non-commercial”, not both.'
  return bad
}

export function splitAddresses(s: string): string[] {
  return s
    .split(/[\s,;]+/)
    .map((x) => x.trim())
    .filter(Boolean)
}

/** consentToSign's arguments for the study subject. */
export function toArgs(study: string, subject: string, c: Choices): Record<string, unknown> {
  const has = (m: Modifier) => c.modifiers.includes(m)
  const args: Record<string, unknown> = {
    study,
    subject,
    uses: [c.use],
    modifiers: [...c.modifiers],
    validUntil: c.validUntil,
  }
  if (c.use === 'DS') args.diseases = [...c.diseases]
  if (has('COL') || has('US')) args.investigators = splitAddresses(c.investigators)
  if (has('GS')) args.region = c.region.trim()
  if (has('PS')) args.project = c.project.trim()
  if (has('IS')) args.institution = c.institution.trim()
  if (has('TS')) args.timeLimit = c.timeLimit
  if (has('MOR')) args.moratorium = c.moratorium
  return args
}

/** The choices as the terms words.ts reads, for the form's live summary. */
export function preview(study: string, subject: string, c: Choices): ConsentTerms {
  const a = toArgs(study, subject, c)
  const secs = (s: unknown) => (typeof s === 'string' && s ? Date.parse(s + 'T00:00:00Z') / 1000 || 0 : 0)
  return {
    study,
    subject,
    uses: a.uses as string[],
    diseases: a.diseases as string[] | undefined,
    modifiers: a.modifiers as string[],
    investigators: a.investigators as string[] | undefined,
    region: a.region as string | undefined,
    project: a.project as string | undefined,
    institution: a.institution as string | undefined,
    timeLimit: secs(a.timeLimit),
    moratorium: secs(a.moratorium),
    validUntil: secs(a.validUntil),
  }
}
