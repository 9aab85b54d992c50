// The data steward's check before upload: the data dictionary
// (doc/data-dictionary.md) on its own, then against the data file's
// header and rows, in words naming the dictionary row or the file's line
// and column. It mirrors datasets.Dictionary.Validate and the CSV reader
// where that is cheap; the server checks everything again and its answer
// is the one that counts.

import { parse, YAMLParseError } from 'yaml'

export type Problem = {
  /** where: "dictionary row 3 (age)", "visits.csv line 12, column age", … */
  where: string
  what: string
  /** the dictionary row (1-based) or the data line, for the page to mark */
  row?: number
  column?: string
}

export type Column = { name: string; type: string; role: string; hierarchy?: Record<string, unknown>; 'not-quasi-identifier'?: string; description?: string }

const types = ['string', 'int', 'float', 'bool', 'date', 'timestamp']
const identifiers = ['name', 'geographic', 'zip', 'date', 'age', 'phone', 'fax', 'email', 'ssn', 'medical-record-number', 'health-plan-number', 'account-number', 'license-number', 'vehicle-id', 'device-id', 'url', 'ip-address', 'biometric-id', 'full-face-photo', 'other-unique-id']
const roles = ['subject', 'quasi-identifier', 'sensitive', 'plain', ...identifiers]
const fields = ['name', 'type', 'role', 'hierarchy', 'not-quasi-identifier', 'description']

/** The word "age" in a column name, as datasets.namedAge finds it. */
function namedAge(name: string): boolean {
  return name
    .replace(/([^A-Z])([A-Z])/g, '$1 $2')
    .split(/[^\p{L}\p{N}]+/u)
    .some((w) => /^ages?$/i.test(w))
}

function isAge(c: Column) {
  return c.role === 'age' || (['quasi-identifier', 'plain', 'sensitive'].includes(c.role) && namedAge(c.name))
}

/** Parses and checks a dictionary; columns is null when it cannot be read at all. */
export function checkDictionary(text: string): { columns: Column[] | null; problems: Problem[] } {
  const problems: Problem[] = []
  let doc: unknown
  try {
    doc = parse(text, { uniqueKeys: true })
  } catch (e) {
    const line = e instanceof YAMLParseError ? e.linePos?.[0]?.line : undefined
    return { columns: null, problems: [{ where: line ? `dictionary line ${line}` : 'dictionary', what: `it is not valid YAML: ${(e as Error).message.split('\n')[0]}` }] }
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return { columns: null, problems: [{ where: 'dictionary', what: 'it should be a mapping with version: 1 and columns: [...]' }] }
  const d = doc as Record<string, unknown>
  for (const k of Object.keys(d)) if (k !== 'version' && k !== 'columns') problems.push({ where: 'dictionary', what: `unknown field “${k}” (only version and columns)` })
  if (d.version !== 1) problems.push({ where: 'dictionary', what: `version is ${JSON.stringify(d.version ?? null)}; it must be 1` })
  if (!Array.isArray(d.columns) || d.columns.length === 0) {
    problems.push({ where: 'dictionary', what: 'it declares no columns (columns: a list, one entry per column of the data)' })
    return { columns: null, problems }
  }
  const seen = new Set<string>()
  let subjects = 0
  const columns: Column[] = []
  d.columns.forEach((raw: unknown, i: number) => {
    const row = i + 1
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
      problems.push({ where: `dictionary row ${row}`, what: 'it should be a mapping like {name: age, type: int, role: age}', row })
      return
    }
    const c = raw as Column
    const where = `dictionary row ${row}${typeof c.name === 'string' && c.name ? ` (${c.name})` : ''}`
    const bad = (what: string) => problems.push({ where, what, row, column: c.name })
    for (const k of Object.keys(c)) if (!fields.includes(k)) bad(`unknown field “${k}” (fields: ${fields.join(', ')})`)
    if (typeof c.name !== 'string' || !c.name) bad('the column has no name')
    else if (seen.has(c.name)) bad(`column “${c.name}” is declared twice`)
    else seen.add(c.name)
    if (!types.includes(c.type)) bad(`unknown type “${c.type ?? ''}” (want ${types.join(', ')})`)
    if (!roles.includes(c.role)) bad(`unknown role “${c.role ?? ''}” (want subject, quasi-identifier, sensitive, plain, or a Safe Harbor identifier class such as name, zip, date, age, email)`)
    if (c.role === 'subject') subjects++
    const h = c.hierarchy as { bands?: number[]; dates?: string[]; mask?: number[]; map?: unknown[] } | undefined
    if (c.role === 'quasi-identifier' && !h) bad('a quasi-identifier needs a hierarchy (how it is generalized: bands, dates, mask or map)')
    if (h) {
      const kinds = (['bands', 'dates', 'mask', 'map'] as const).filter((k) => Array.isArray(h[k]) && h[k]!.length > 0)
      if (c.role !== 'quasi-identifier' && c.role !== 'age') bad('only quasi-identifiers and ages have hierarchies')
      else if (kinds.length !== 1) bad('a hierarchy has exactly one of bands, dates, mask or map')
      else if (c.role === 'age' && kinds[0] !== 'bands') bad("an age's hierarchy is bands (it generalizes 0-89; 90+ stays one group)")
      else if (kinds[0] === 'bands') {
        if (c.type !== 'int' && c.type !== 'float') bad('numeric bands need an int or float column')
        if (h.bands!.some((b, j) => typeof b !== 'number' || b <= 0 || (j > 0 && b <= h.bands![j - 1]))) bad('bands must be positive and widening')
        if (c.role === 'age' && h.bands!.some((b) => b !== Math.trunc(b))) bad("an age's bands are whole years")
      } else if (kinds[0] === 'dates') {
        if (c.type !== 'date' && c.type !== 'timestamp') bad('date truncation needs a date or timestamp column')
        const order = h.dates!.map((x) => ['month', 'year', 'decade'].indexOf(x))
        if (order.some((o, j) => o < 0 || (j > 0 && o <= order[j - 1]))) bad('date levels are month, year, decade, coarser each time')
      } else if (kinds[0] === 'mask' && h.mask!.some((m, j) => typeof m !== 'number' || m <= 0 || (j > 0 && m <= h.mask![j - 1]))) bad('mask lengths must be positive and growing')
    }
    if (c['not-quasi-identifier'] && !['zip', 'date', 'age'].includes(c.role)) bad('not-quasi-identifier is for zip, date and age columns (declare other columns plain or sensitive)')
    if (typeof c.name === 'string' && isAge(c) && c.type !== 'int' && c.type !== 'float') bad('named like an age, it must be int or float so Safe Harbor can put ages over 89 in one 90+ group (or rename it)')
    if (c.role === 'date' && !['date', 'timestamp', 'string'].includes(c.type)) bad('a date column must be of type date, timestamp or string')
    columns.push(c)
  })
  if (subjects > 1) problems.push({ where: 'dictionary', what: `${subjects} subject columns (at most one)` })
  return { columns, problems }
}

/**
 * Splits CSV text into records with the line each starts on (RFC 4180
 * quotes, strictly, as desci's reader: a quote inside an unquoted field,
 * text after a closing quote, or a quote left open is an error).
 */
function* records(text: string, comma: string): Generator<{ line: number; fields: string[]; error?: string }> {
  let line = 1
  let i = 0
  const n = text.length
  while (i < n) {
    const start = line
    // Most lines have no quotes: split them at once.
    const eol = text.indexOf('\n', i)
    const end = eol < 0 ? n : eol
    const plain = text.slice(i, end)
    if (!plain.includes('"')) {
      i = end + 1
      line++
      const l = plain.endsWith('\r') ? plain.slice(0, -1) : plain
      if (l !== '') yield { line: start, fields: l.split(comma) }
      continue
    }
    const fields: string[] = []
    let error = ''
    for (;;) {
      let field = ''
      if (text[i] === '"') {
        i++
        let closed = false
        while (i < n) {
          const ch = text[i]
          if (ch === '"') {
            if (text[i + 1] === '"') (field += '"'), (i += 2)
            else {
              i++
              closed = true
              break
            }
          } else {
            if (ch === '\n') line++
            field += ch
            i++
          }
        }
        if (!closed) error = 'a quoted field is not closed before the end of the file'
        else if (i < n && text[i] !== comma && text[i] !== '\n' && !(text[i] === '\r' && text[i + 1] === '\n')) error = 'text after the closing quote of a field'
      }
      let j = i
      while (j < n && text[j] !== comma && text[j] !== '\n') j++
      const rest = text.slice(i, j).replace(/\r$/, '')
      if (!error && rest.includes('"')) error = 'a quote (") inside an unquoted field'
      field += rest
      i = j
      fields.push(field)
      if (i >= n || text[i] === '\n') {
        i++
        line++
        break
      }
      i++ // the comma
    }
    if (error) yield { line: start, fields, error }
    else if (!(fields.length === 1 && fields[0] === '')) yield { line: start, fields }
  }
}

const nulls = new Set(['', 'NA', 'NULL', 'null'])
const parses: Record<string, [(v: string) => boolean, string]> = {
  string: [() => true, ''],
  int: [(v) => /^[+-]?\d{1,19}$/.test(v.trim()) && BigInt(v.trim()) >= -(1n << 63n) && BigInt(v.trim()) < 1n << 63n, 'is not an integer'],
  float: [(v) => /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(v.trim()) || /^[+-]?(inf|infinity|nan)$/i.test(v.trim()), 'is not a number'],
  bool: [(v) => ['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v.trim()), 'is not true or false'],
  date: [(v) => /^\d{4}-\d{2}-\d{2}$/.test(v.trim()) && !isNaN(Date.parse(v.trim() + 'T00:00:00Z')) && new Date(v.trim() + 'T00:00:00Z').toISOString().startsWith(v.trim()), 'is not a date (YYYY-MM-DD)'],
  timestamp: [(v) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(v.trim()) && !isNaN(Date.parse(v.trim())), 'is not an RFC 3339 timestamp'],
}

/** How much of a data file the browser reads to check it. */
export const checkLimit = 16 << 20

/**
 * Checks a CSV or TSV file against the dictionary's columns: header first
 * (undeclared and missing columns), then each row's field count and each
 * value's type. Stops after max problems. Other formats are left to the
 * server. checked says how many rows were read.
 */
export async function checkData(file: File, columns: Column[], max = 50): Promise<{ problems: Problem[]; rows: number; partial: boolean; skipped?: string }> {
  const ext = file.name.toLowerCase().split('.').pop() ?? ''
  if (!['csv', 'tsv', 'txt'].includes(ext)) return { problems: [], rows: 0, partial: false, skipped: `${ext.toUpperCase()} files are checked on the server` }
  const partial = file.size > checkLimit
  let text = await file.slice(0, checkLimit).text()
  if (partial) text = text.slice(0, text.lastIndexOf('\n') + 1)
  const problems: Problem[] = []
  const it = records(text, ext === 'tsv' ? '\t' : ',')
  const first = it.next()
  if (first.done) return { problems: [{ where: file.name, what: 'the file is empty: it needs a header row naming the columns' }], rows: 0, partial }
  const header = first.value.fields.map((h) => h.replace(/^\uFEFF/, ''))
  const declared = new Map(columns.map((c) => [c.name, c]))
  const undeclared = header.filter((h) => !declared.has(h))
  const missing = columns.filter((c) => !header.includes(c.name)).map((c) => c.name)
  if (undeclared.length) problems.push({ where: `${file.name} line 1 (the header)`, what: `columns the dictionary does not declare: ${undeclared.join(', ')} (declare them, with role plain if they hold nothing identifying)` })
  if (missing.length) problems.push({ where: `${file.name} line 1 (the header)`, what: `columns the dictionary declares but the data lacks: ${missing.join(', ')}` })
  const check = header.map((h) => declared.get(h)).map((c) => (c ? parses[c.type] : undefined))
  let rows = 0
  for (const r of it) {
    rows++
    if (problems.length >= max) continue
    if (r.error && !(partial && r.error.startsWith('a quoted field is not closed'))) {
      problems.push({ where: `${file.name} line ${r.line}`, what: r.error, row: r.line })
      continue
    }
    if (r.fields.length !== header.length) {
      problems.push({ where: `${file.name} line ${r.line}`, what: `the row has ${r.fields.length} fields, the header ${header.length}`, row: r.line })
      continue
    }
    r.fields.forEach((v, j) => {
      const p = check[j]
      if (p && !nulls.has(v) && !p[0](v) && problems.length < max)
        problems.push({ where: `${file.name} line ${r.line}, column ${header[j]}`, what: `“${v}” ${p[1]} (the dictionary says ${declared.get(header[j])!.type})`, row: r.line, column: header[j] })
    })
  }
  return { problems, rows, partial }
}
