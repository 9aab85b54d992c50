// The researchers' page: publish files as a dataset, method or result
// with the manifest's fields, watch each publication move from queued to
// anchored to final, download its receipt, and correct or supersede it.
// The server signs the manifest with its key (the researcher role is
// given by address); the receipt lets anyone check it without the server.

import { signal, useSignal } from '@preact/signals'
import { useEffect } from 'preact/hooks'
import { gql } from '../api'
import { postMultipart } from '../multipart'
import { session } from '../session'
import { RoleGate } from '../components/rolegate'
import { forget, resumableAbove, uploadResumable } from '../resumable'

type Pub = {
  cid: string
  kind: string
  title: string
  created: string
  status: 'QUEUED' | 'ANCHORED' | 'NOT_QUEUED'
  supersedes?: string | null
  corrections: { cid: string; reason: string | null }[]
  versions: { cid: string }[]
  receipt: { blockNumber: number; blockTime: string; chainId: number; document: unknown } | null
  final?: boolean
}

const fields = 'cid kind title created status supersedes corrections { cid reason } versions { cid } receipt { blockNumber blockTime chainId document }'
const mine = signal<Pub[]>([])
const progress = signal<{ sent: number; total: number } | null>(null)
const problem = signal('')
const notice = signal('')
const store = 'desci.publications'

function remembered(): string[] {
  try {
    return JSON.parse(localStorage.getItem(store) ?? '[]')
  } catch {
    return []
  }
}

function remember(cid: string) {
  localStorage.setItem(store, JSON.stringify([cid, ...remembered().filter((c) => c !== cid)].slice(0, 200)))
}

async function refresh() {
  const out: Pub[] = []
  for (const cid of remembered()) {
    const d = await gql<{ manifest: Pub | null; verify: { final: boolean } }>(`query($c: String!) { manifest(cid: $c) { ${fields} } verify(cid: $c) { final } }`, { c: cid }).catch(() => null)
    if (d?.manifest) out.push({ ...d.manifest, final: d.manifest.status === 'ANCHORED' && d.verify.final })
  }
  mine.value = out
}

/**
 * Sends large files through resumable uploads (/uploads), one after the
 * other with progress over them all, then notarizes the upload IDs: an
 * interrupted upload resumes from what the server holds.
 */
async function uploadLarge(query: string, variables: Record<string, unknown>, files: File[]): Promise<Pub> {
  const total = files.reduce((n, f) => n + f.size, 0)
  let done = 0
  const uploads: string[] = []
  try {
    for (const f of files) {
      uploads.push(await uploadResumable(f, (sent) => (progress.value = { sent: done + sent, total })))
      done += f.size
    }
  } finally {
    progress.value = null
  }
  const d = await gql<{ notarize: Pub }>(query, { ...variables, uploads })
  files.forEach(forget)
  return d.notarize
}

/** Sends the files in one multipart request, reporting upload progress. */
async function upload(query: string, variables: Record<string, unknown>, files: File[]): Promise<Pub> {
  try {
    const d = await postMultipart<{ notarize: Pub }>(
      query,
      { ...variables, files: files.map(() => null) },
      files.map((f, i) => [`variables.files.${i}`, f]),
      (sent, total) => (progress.value = { sent, total }),
      'The upload was interrupted. Check your connection and publish again: nothing was published.',
    )
    return d.notarize
  } finally {
    progress.value = null
  }
}

function Publish({ supersedes }: { supersedes?: string }) {
  const files = useSignal<File[]>([])
  const submit = async (e: Event) => {
    e.preventDefault()
    problem.value = ''
    notice.value = ''
    const f = new FormData(e.currentTarget as HTMLFormElement)
    const authors = String(f.get('authors') ?? '')
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .map((l) => {
        const m = l.match(/^(.*?)[\s,;]+(\d{4}-\d{4}-\d{4}-\d{3}[\dX])$/)
        return m ? { name: m[1].trim(), orcid: m[2] } : { name: l }
      })
    const chosen = files.peek()
    if (!chosen.length) return (problem.value = 'Choose at least one file to publish.')
    // Small publications go in one request; large ones resumably.
    const large = chosen.reduce((n, f) => n + f.size, 0) > resumableAbove
    try {
      const m = await (large ? uploadLarge : upload)(
        `mutation(${large ? '$uploads: [String!]' : '$files: [Upload!]'}, $kind: String!, $title: String!, $description: String, $license: String, $keywords: [String!], $authors: [AuthorInput!], $supersedes: String) { notarize(${large ? 'uploads: $uploads' : 'files: $files'}, kind: $kind, title: $title, description: $description, license: $license, keywords: $keywords, authors: $authors, supersedes: $supersedes) { ` +
          fields +
          ' } }',
        {
          kind: f.get('kind'),
          title: f.get('title'),
          description: f.get('description') || null,
          license: f.get('license') || null,
          keywords: String(f.get('keywords') ?? '')
            .split(',')
            .map((k) => k.trim())
            .filter(Boolean),
          authors,
          supersedes: supersedes ?? null,
        },
        chosen,
      )
      remember(m.cid)
      notice.value = `Published ${m.cid}. It is queued for anchoring; its status below changes when it is anchored.`
      ;(e.currentTarget as HTMLFormElement).reset()
      files.value = []
      await refresh()
    } catch (err) {
      problem.value = (err as Error).message
    }
  }
  return (
    <form onSubmit={submit}>
      <label>
        What is it?
        <select name="kind" required>
          <option value="dataset">A dataset (public data)</option>
          <option value="method">A method (code, a notebook, a protocol)</option>
          <option value="result">A result (figures, tables, a paper)</option>
        </select>
      </label>
      <label>
        Title
        <input name="title" required maxLength={500} />
      </label>
      <label>
        Description
        <textarea name="description" rows={3} maxLength={10000} />
      </label>
      <label>
        Authors, one a line, with their ORCID iD if they have one
        <textarea name="authors" rows={2} placeholder="Ada Lovelace 0000-0002-1825-0097" />
      </label>
      <label>
        Licence (SPDX)
        <input name="license" list="licences" placeholder="CC-BY-4.0" />
        <datalist id="licences">
          {['CC-BY-4.0', 'CC0-1.0', 'CC-BY-SA-4.0', 'MIT', 'Apache-2.0', 'GPL-3.0-or-later'].map((l) => (
            <option value={l} />
          ))}
        </datalist>
      </label>
      <label>
        Keywords, separated by commas
        <input name="keywords" />
      </label>
      <div
        class="dropzone"
        onDragOver={(e) => e.preventDefault()}
        onDrop={(e) => {
          e.preventDefault()
          const dropped = [...(e.dataTransfer?.files ?? [])].filter((f) => f.size > 0 || f.type !== '')
          if (dropped.length) files.value = dropped
        }}
      >
        <label>
          Files (or drop them here)
          <input type="file" multiple onChange={(e) => (files.value = [...(e.currentTarget.files ?? [])])} />
        </label>
        {files.value.length > 0 && <small>{files.value.map((f) => f.name).join(', ')}</small>}
      </div>
      <small>
        Files are published side by side; a folder's sub-folders are not kept here (use `desci notarize DIR` for trees). Above 8 MiB they are uploaded resumably: if the connection drops, press Publish again to
        continue where it stopped.
      </small>
      {progress.value && (
        <label>
          Uploading: {Math.round((100 * progress.value.sent) / (progress.value.total || 1))}%
          <progress value={progress.value.sent} max={progress.value.total || 1} />
        </label>
      )}
      <button type="submit">{supersedes ? 'Publish the new version' : 'Publish'}</button>
    </form>
  )
}

function status(p: Pub) {
  if (p.status === 'QUEUED') return 'Queued: waiting for the next anchoring'
  if (p.status === 'NOT_QUEUED') return 'Imported: anchored elsewhere, no receipt here'
  return `Anchored in block ${p.receipt?.blockNumber} at ${p.receipt?.blockTime}${p.final ? ', final' : ', not final yet'}`
}

function download(p: Pub) {
  const blob = new Blob([JSON.stringify(p.receipt?.document, null, 2)], { type: 'application/json' })
  const a = document.createElement('a')
  a.href = URL.createObjectURL(blob)
  a.download = `${p.cid}.receipt.json`
  a.click()
  setTimeout(() => URL.revokeObjectURL(a.href), 1000)
}

async function correct(p: Pub, reason: string) {
  problem.value = ''
  try {
    const d = await gql<{ correct: { cid: string } }>('mutation($c: String!, $r: String!) { correct(cid: $c, reason: $r) { cid } }', { c: p.cid, r: reason })
    remember(d.correct.cid)
    notice.value = `Correction ${d.correct.cid} published; “${p.title}” now shows it.`
    await refresh()
  } catch (e) {
    problem.value = (e as Error).message
  }
}

function Item({ p }: { p: Pub }) {
  const open = useSignal<'' | 'correct' | 'supersede'>('')
  return (
    <article>
      <header>
        <strong>{p.title}</strong> <small>({p.kind})</small>
      </header>
      <p>
        <a href={`/m/${p.cid}`}>
          <code>{p.cid}</code>
        </a>
      </p>
      <p role="status">{status(p)}</p>
      {p.corrections.length > 0 && <p>Corrected: {p.corrections.map((c) => c.reason).join('; ')}</p>}
      <div role="group">
        <button class="secondary" disabled={!p.receipt} onClick={() => download(p)}>
          Download receipt
        </button>
        {p.receipt && (
          <a role="button" class="secondary" href={`/m/${p.cid}/bundle.desci.car`} download>
            Download bundle
          </a>
        )}
        <button class="secondary" onClick={() => (open.value = open.value === 'correct' ? '' : 'correct')}>
          Correct
        </button>
        <button class="secondary" onClick={() => (open.value = open.value === 'supersede' ? '' : 'supersede')}>
          New version
        </button>
      </div>
      {open.value === 'correct' && (
        <form
          onSubmit={(e) => {
            e.preventDefault()
            const r = String(new FormData(e.currentTarget).get('reason') ?? '').trim()
            if (r) correct(p, r)
          }}
        >
          <label>
            What was wrong? (the correction is appended; the original stays as it was)
            <input name="reason" required />
          </label>
          <button type="submit">Publish the correction</button>
        </form>
      )}
      {open.value === 'supersede' && <Publish supersedes={p.cid} />}
    </article>
  )
}

export function Research() {
  useEffect(() => {
    refresh()
    const t = setInterval(refresh, 5000)
    return () => clearInterval(t)
  }, [session.value?.token])
  return (
    <>
      <h1 tabIndex={-1}>Publish research</h1>
      <RoleGate roles={['researcher']} doing="publish">
        <Publish />
      </RoleGate>
      {problem.value && (
        <p role="alert" class="error">
          {problem.value}
        </p>
      )}
      {notice.value && <p role="status">{notice.value}</p>}
      <h2>Published from this browser</h2>
      {mine.value.length === 0 ? <p>Nothing yet.</p> : mine.value.map((p) => <Item p={p} />)}
    </>
  )
}
