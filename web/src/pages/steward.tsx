// The data stewards' page: add raw patient-level data as a sealed dataset
// with its data dictionary. The dictionary is checked here first, row by
// row, and against the data file's header and values, so a mistake is
// named before anything is sent; the server checks it all again (its
// answer is the one that counts), stores the data encrypted to the
// stewards and anchors its plaintext CID.

import { signal, useSignal } from '@preact/signals'
import { ApiError } from '../api'
import { postMultipart, UploadError } from '../multipart'
import { RoleGate } from '../components/rolegate'
import { Link } from '../router'
import { checkDictionary, checkData, checkLimit, type Column, type Problem } from '../dictcheck'

type Added = { cid: string; title: string; created: string; content: { sealed: string | null; files: { path: string; size: number }[] } }

const problem = signal('')
const notice = signal('')
const progress = signal<{ sent: number; total: number } | null>(null)
const added = signal<Added[]>([])
/** The dictionary column the server's refusal names, and why, to mark in the table. */
const refused = signal<{ column: string; what: string } | null>(null)

class Refusal extends ApiError {
  constructor(message: string, code: string, readonly column?: string, readonly raw = message) {
    super(message, code)
  }
}

/** Datasets added from this browser, for the extract page to offer. */
export const datasetsKey = 'desci.datasets'

function remember(d: Added) {
  let list: { cid: string; title: string }[] = []
  try {
    list = JSON.parse(localStorage.getItem(datasetsKey) ?? '[]')
  } catch {
    /* start afresh */
  }
  localStorage.setItem(datasetsKey, JSON.stringify([{ cid: d.cid, title: d.title }, ...list.filter((x) => x.cid !== d.cid)].slice(0, 100)))
}

type Check = { columns: Column[] | null; dict: Problem[]; data: Problem[]; rows: number; partial: boolean; skipped?: string }

/** Where the server's error points, in words: extensions line and column. */
function located(message: string, ext: { line?: number; column?: string }) {
  const at = [ext.line ? `line ${ext.line}` : '', ext.column ? `column ${ext.column}` : ''].filter(Boolean).join(', ')
  return `The server refused the dataset${at ? ` (${at})` : ''}: ${message.replace(/^datasets: /, '')}. Nothing was stored.`
}

async function upload(variables: Record<string, unknown>, data: File, dictionary: File): Promise<Added> {
  const query =
    'mutation($file: Upload!, $dictionary: Upload!, $title: String!, $description: String, $license: String, $keywords: [String!]) { addDataset(file: $file, dictionary: $dictionary, title: $title, description: $description, license: $license, keywords: $keywords) { cid title created content { sealed files { path size } } } }'
  try {
    const d = await postMultipart<{ addDataset: Added }>(
      query,
      { ...variables, file: null, dictionary: null },
      [
        ['variables.file', data],
        ['variables.dictionary', dictionary],
      ],
      (sent, total) => (progress.value = { sent, total }),
      'The upload was interrupted. Check your connection and add the dataset again: nothing was stored.',
    )
    return d.addDataset
  } catch (e) {
    if (e instanceof UploadError && e.code === 'BAD_USER_INPUT') throw new Refusal(located(e.message, e.extensions), e.code, e.extensions.column, e.message)
    throw e
  } finally {
    progress.value = null
  }
}

function DictionaryTable({ check }: { check: Check }) {
  const cols = check.columns ?? []
  return (
    <figure>
      <table>
        <caption>The dictionary, row by row</caption>
        <thead>
          <tr>
            <th scope="col">Row</th>
            <th scope="col">Column</th>
            <th scope="col">Type</th>
            <th scope="col">Role</th>
            <th scope="col">Check</th>
          </tr>
        </thead>
        <tbody>
          {cols.map((c, i) => {
            const mine = [...check.dict.filter((p) => p.row === i + 1), ...check.data.filter((p) => p.column === c.name)]
            const r = refused.value
            if (r && r.column === c.name) mine.push({ where: 'the server', what: r.what })
            return (
              <tr data-row={i + 1}>
                <td>{i + 1}</td>
                <td>
                  <code>{String(c.name ?? '')}</code>
                </td>
                <td>{String(c.type ?? '')}</td>
                <td>{String(c.role ?? '')}</td>
                <td>{mine.length === 0 ? 'fine' : <span class="error">{mine.map((p) => (p.row === i + 1 ? p.what : `${p.where}: ${p.what}`)).join('; ')}</span>}</td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </figure>
  )
}

function summary(c: Check, dataName: string) {
  const n = c.dict.length + c.data.length
  const rows = c.skipped ? ` ${c.skipped}.` : ` ${c.rows} rows of ${dataName} checked${c.partial ? ` (the first ${checkLimit >> 20} MiB; the server checks the rest)` : ''}.`
  if (!c.columns) return `The dictionary cannot be read.`
  return n === 0 ? `The dictionary's ${c.columns.length} rows are fine and match the data.${rows}` : `${n} problem${n > 1 ? 's' : ''} found.${rows} Fix ${n > 1 ? 'them' : 'it'} before adding the dataset: nothing has been sent.`
}

function AddDataset() {
  const data = useSignal<File | null>(null)
  const dictName = useSignal('dictionary.yaml')
  const dictText = useSignal('')
  const check = useSignal<Check | null>(null)
  const busy = useSignal(false)

  const run = async (): Promise<Check | null> => {
    refused.value = null
    if (!dictText.peek().trim()) return (check.value = null)
    const d = checkDictionary(dictText.peek())
    let dataProblems: Problem[] = []
    let rows = 0
    let partial = false
    let skipped: string | undefined
    const f = data.peek()
    if (f && d.columns) ({ problems: dataProblems, rows, partial, skipped } = await checkData(f, d.columns))
    return (check.value = { columns: d.columns, dict: d.problems, data: dataProblems, rows, partial, skipped })
  }

  const submit = async (e: Event) => {
    e.preventDefault()
    problem.value = ''
    notice.value = ''
    refused.value = null
    const form = e.currentTarget as HTMLFormElement
    const f = new FormData(form)
    const file = data.peek()
    if (!file) return (problem.value = 'Choose the data file (CSV, TSV, Parquet or Arrow).')
    if (!dictText.peek().trim()) return (problem.value = 'Choose or write the data dictionary: every column of the data needs a row in it.')
    const c = await run()
    if (!c || !c.columns || c.dict.length + c.data.length > 0) {
      problem.value = 'The dictionary does not fit the data yet: see the problems above. Nothing was sent.'
      return
    }
    busy.value = true
    try {
      const m = await upload(
        {
          title: f.get('title'),
          description: f.get('description') || null,
          license: f.get('license') || null,
          keywords: String(f.get('keywords') ?? '')
            .split(',')
            .map((k) => k.trim())
            .filter(Boolean),
        },
        file,
        new File([dictText.peek()], dictName.peek(), { type: 'application/yaml' }),
      )
      remember(m)
      added.value = [m, ...added.value]
      notice.value = `Added ${m.cid}: every row checked against its dictionary, stored encrypted to the data stewards, queued for anchoring.`
    } catch (err) {
      problem.value = (err as Error).message
      if (err instanceof Refusal && err.column) refused.value = { column: err.column, what: err.raw.replace(/^datasets: /, '') }
    } finally {
      busy.value = false
    }
  }

  const c = check.value
  return (
    <form onSubmit={submit}>
      <label>
        Title
        <input name="title" required maxLength={500} />
      </label>
      <label>
        Description
        <textarea name="description" rows={2} maxLength={10000} />
      </label>
      <label>
        Licence (SPDX)
        <input name="license" placeholder="CC-BY-4.0" />
      </label>
      <label>
        Keywords, separated by commas
        <input name="keywords" />
      </label>
      <label>
        Data file (CSV, TSV, Parquet or Arrow)
        <input
          type="file"
          accept=".csv,.tsv,.txt,.parquet,.arrow"
          onChange={(e) => {
            data.value = e.currentTarget.files?.[0] ?? null
            run()
          }}
        />
      </label>
      <label>
        Data dictionary file (YAML or JSON)
        <input
          type="file"
          accept=".yaml,.yml,.json"
          onChange={async (e) => {
            const f = e.currentTarget.files?.[0]
            if (!f) return
            dictName.value = f.name
            dictText.value = f.size > 1 << 20 ? '' : await f.text()
            if (f.size > 1 << 20) problem.value = 'That dictionary is over 1 MiB: a dictionary is a short list of columns.'
            run()
          }}
        />
      </label>
      <label>
        Data dictionary (edit it here; doc/data-dictionary.md says what each field means)
        <textarea
          name="dictionary"
          rows={8}
          spellcheck={false}
          value={dictText}
          onInput={(e) => (dictText.value = e.currentTarget.value)}
          onBlur={() => run()}
          placeholder={'version: 1\ncolumns:\n  - {name: subject_id, type: string, role: subject}\n  - {name: age, type: int, role: age}'}
          aria-describedby="dict-check"
        />
      </label>
      <button type="button" class="secondary" onClick={() => run()}>
        Check the dictionary
      </button>
      <div id="dict-check">
        {c && (
          <>
            <p role="status">{summary(c, data.value?.name ?? 'the data')}</p>
            {c.columns && <DictionaryTable check={c} />}
            {c.dict.length + c.data.length > 0 && (
              <ul aria-label="Problems">
                {[...c.dict, ...c.data].map((p) => (
                  <li>
                    <strong>{p.where}:</strong> {p.what}
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </div>
      {progress.value && (
        <label>
          Uploading: {Math.round((100 * progress.value.sent) / (progress.value.total || 1))}%
          <progress value={progress.value.sent} max={progress.value.total || 1} />
        </label>
      )}
      <button type="submit" aria-busy={busy.value} disabled={busy.value}>
        Add the sealed dataset
      </button>
    </form>
  )
}

export function Steward() {
  return (
    <>
      <h1 tabIndex={-1}>Add a sealed dataset</h1>
      <p>
        Raw patient-level data is stored encrypted to this server's data stewards; only its plaintext CID is anchored. Researchers get de-identified, consent-filtered extracts of it (<Link href="/extract">request an extract</Link>).
      </p>
      <RoleGate roles={['steward']} doing="add a dataset">
        <AddDataset />
      </RoleGate>
      {problem.value && (
        <p role="alert" class="error">
          {problem.value}
        </p>
      )}
      {notice.value && <p role="status">{notice.value}</p>}
      {added.value.length > 0 && (
        <>
          <h2>Added from this page</h2>
          <ul>
            {added.value.map((d) => (
              <li>
                {d.title}: <code>{d.cid}</code> ({d.content.files.map((f) => `${f.path}, ${f.size} bytes`).join('; ')}, sealed) — <Link href={`/extract?dataset=${d.cid}`}>Request an extract of it</Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  )
}
