// The reviewer's page: is this exactly what was published, by whom and
// when? Everything is computed here, in this browser, from the receipt,
// the reviewer's own files and a chain endpoint the reviewer picks; no
// file byte is sent anywhere. The server is not trusted: a receipt it
// hands over is checked like one from anywhere else.

import { signal } from '@preact/signals'
import { useEffect } from 'preact/hooks'
import { gql } from '../api'
import { wallets } from '../wallet'
import { parseReceipt, checkOffline, checkContent, checkChain, VerifyError, type Check, type Receipt, type Manifest } from '../verify/check'
import { fromInput, fromDrop, withoutHidden, type Picked } from '../verify/files'
import type { Job, Reply } from '../verify/worker'
import { readBundle, type Bundle } from '../verify/bundle'

const receipt = signal<{ r: Receipt; from: string; bundle?: Bundle } | null>(null)
const picked = signal<Picked[]>([])
const endpoint = signal<'server' | 'wallet' | 'url' | 'bundle'>('server')
const rpcUrl = signal('')
const running = signal(false)
const progress = signal<{ bytes: number; total: number; started: number } | null>(null)
const checks = signal<Check[]>([])
const failure = signal<{ check: string; message: string } | null>(null)
const outcome = signal<{ final: boolean; manifest: Manifest } | null>(null)
const related = signal<{ relation: string; cid: string; title: string; state: string }[]>([])
const problem = signal('')

// What each check established, in words, once it passed; a failure is
// named as desci verify names it ("content changed", "root not anchored").
const passed: Record<string, string> = {
  receipt: 'Receipt',
  'manifest signature': 'Signature',
  proof: 'Merkle proof',
  'content changed': 'Content',
  'wrong chain': 'Chain and contract',
  'root not anchored': 'Anchoring',
  'block mismatch': 'Block',
}

function mb(n: number) {
  return `${(n / 1e6).toFixed(n < 1e7 ? 1 : 0)} MB`
}

async function loadFromServer(cid: string) {
  try {
    const d = await gql<{ manifest: { receipt: { document: unknown } | null } | null }>('query($c: String!) { manifest(cid: $c) { receipt { document } } }', { c: cid })
    if (!d.manifest) return (problem.value = `This server has no publication ${cid}. Choose its receipt file instead.`)
    if (!d.manifest.receipt) return (problem.value = `Publication ${cid} is not anchored yet: there is no receipt to check. Try again in a few minutes.`)
    receipt.value = { r: parseReceipt(JSON.stringify(d.manifest.receipt.document)), from: 'this server (it is checked, not trusted)' }
  } catch (e) {
    problem.value = (e as Error).message
  }
}

async function readReceipt(f: File) {
  problem.value = ''
  try {
    const head = new Uint8Array(await f.slice(0, 1).arrayBuffer())
    // A receipt is JSON (it starts with whitespace or "{"); a bundle is a CAR.
    if (head.length && head[0] !== 0x7b && head[0] > 0x20) {
      const b = await readBundle(f)
      receipt.value = { r: b.receipt, from: `the bundle ${f.name}, made ${b.created}`, bundle: b }
      if (b.rpc.length) endpoint.value = 'bundle'
      return
    }
    if (f.size > 16 << 20) throw new VerifyError('receipt', 'This file is too large to be a receipt.')
    receipt.value = { r: parseReceipt(await f.text()), from: f.name }
  } catch (e) {
    receipt.value = null
    problem.value = (e as Error).message
  }
}

function hash(job: Job, total: number): Promise<{ root: string; cids: Map<string, string> }> {
  return new Promise((ok, fail) => {
    const w = new Worker(new URL('../verify/worker.ts', import.meta.url), { type: 'module' })
    progress.value = { bytes: 0, total, started: performance.now() }
    w.onmessage = (e: MessageEvent<Reply>) => {
      const m = e.data
      if (m.type === 'progress') progress.value = { ...progress.value!, bytes: m.bytes }
      else {
        w.terminate()
        if (m.type === 'done') {
          progress.value = { ...progress.value!, bytes: total }
          ok({ root: m.root, cids: new Map(m.cids) })
        } else fail(new VerifyError('content changed', `Your files could not be read: ${m.message}`))
      }
    }
    w.onerror = (e) => {
      w.terminate()
      fail(new Error(`The hashing worker failed: ${e.message}`))
    }
    w.postMessage(job)
  })
}

async function run() {
  const rc = receipt.value
  if (!rc) return
  running.value = true
  checks.value = []
  failure.value = null
  outcome.value = null
  related.value = []
  try {
    const { manifest, checks: offline } = await checkOffline(rc.r)
    checks.value = offline
    const c = manifest.content
    if (c?.sealed) {
      checks.value = [...checks.value, { name: 'content changed', ok: true, detail: 'The content is sealed to its data stewards: only they can recompute it. The manifest, its signature and its anchoring are checked.' }]
    } else if (c && picked.value.length) {
      const { kept, hidden } = withoutHidden(picked.value, c.files.map((f) => f.path))
      const total = kept.reduce((n, p) => n + ('file' in p ? p.file.size : 0), 0)
      const got = await hash({ profile: c.profile, entries: kept }, total)
      const check = checkContent(manifest, { ...got, paths: kept.filter((p) => 'file' in p).map((p) => p.path) })
      if (hidden.length) check.detail += ` Hidden files left out, as desci leaves them out: ${hidden.join(', ')}.`
      checks.value = [...checks.value, check]
    } else if (c && rc.bundle?.content) {
      checks.value = [...checks.value, { name: 'content changed', ok: true, detail: `The bundle carries the content, and its blocks hash to the manifest's root ${c.root} (${c.files.length} file${c.files.length === 1 ? '' : 's'}). Add your own copies of the files to check them too.` }]
    } else if (c) {
      checks.value = [...checks.value, { name: 'content changed', ok: false, detail: 'Not checked: add the files to check them against the manifest.' }]
    }
    const w = wallets.value[0]
    const url = endpoint.value === 'url' ? rpcUrl.value.trim() : endpoint.value === 'bundle' ? (rc.bundle?.rpc.find((u) => u.startsWith('http')) ?? '') : `${location.origin}/rpc`
    const ep = endpoint.value === 'wallet' && w ? { provider: w.provider } : { url }
    const chain = await checkChain(rc.r, ep)
    checks.value = [...checks.value, ...chain.checks]
    outcome.value = { final: chain.final, manifest }
    // What the bundle knew of later: corrections and versions, each checked like the manifest.
    const rel = []
    for (const r of rc.bundle?.related ?? []) {
      let state = 'not anchored when the bundle was made'
      if (r.receipt) {
        try {
          await checkOffline(r.receipt)
          const rc2 = await checkChain(r.receipt, ep)
          state = `anchored at ${r.receipt.block_time}${rc2.final ? ', final' : ''}`
        } catch (e) {
          state = `its receipt does not check: ${(e as Error).message}`
        }
      }
      rel.push({ relation: r.relation, cid: r.cid, title: r.manifest.title, state })
    }
    related.value = rel
  } catch (e) {
    const v = e instanceof VerifyError ? e : new VerifyError('could not check', (e as Error).message)
    failure.value = { check: v.check, message: v.message }
  } finally {
    running.value = false
  }
}

export function Verify() {
  useEffect(() => {
    const cid = new URLSearchParams(location.search).get('cid')
    if (cid && !receipt.value) loadFromServer(cid)
  }, [])
  const p = progress.value
  const rate = p && p.bytes > 0 ? (p.bytes / ((performance.now() - p.started) / 1000)) : 0
  return (
    <>
      <h1 tabIndex={-1}>Check a publication</h1>
      <p>
        Check that files are exactly what was published, by whom, and when. Everything is computed in this browser: <strong>your files are not uploaded</strong>, and this site is not
        trusted — only the maths and the chain you pick.
      </p>
      <section aria-labelledby="receipt-h">
        <h2 id="receipt-h">1. The receipt</h2>
        <label>
          Receipt file (receipt.json) or verification bundle (.desci.car)
          <input type="file" accept=".json,application/json,.car" onChange={(e) => e.currentTarget.files?.[0] && readReceipt(e.currentTarget.files[0])} />
        </label>
        {receipt.value && (
          <p>
            Receipt for <code>{receipt.value.r.cid}</code> from {receipt.value.from}.
          </p>
        )}
      </section>
      <section aria-labelledby="files-h">
        <h2 id="files-h">2. The files</h2>
        <div
          class="dropzone"
          onDragOver={(e) => e.preventDefault()}
          onDrop={async (e) => {
            e.preventDefault()
            if (e.dataTransfer) picked.value = await fromDrop(e.dataTransfer)
          }}
        >
          <p>Drop the folder or files here, or choose them:</p>
          <label>
            Files
            <input type="file" multiple onChange={(e) => e.currentTarget.files && (picked.value = fromInput(e.currentTarget.files, false))} />
          </label>
          <label>
            A folder
            <input type="file" {...{ webkitdirectory: '' }} onChange={(e) => e.currentTarget.files && (picked.value = fromInput(e.currentTarget.files, true))} />
          </label>
        </div>
        {picked.value.length > 0 && (() => {
          const n = picked.value.filter((x) => 'file' in x).length
          return <p>{n === 1 ? '1 file' : `${n} files`} chosen.</p>
        })()}
      </section>
      <section aria-labelledby="chain-h">
        <h2 id="chain-h">3. The chain</h2>
        <fieldset>
          <legend>Ask the chain through</legend>
          <label>
            <input type="radio" name="ep" checked={endpoint.value === 'server'} onChange={() => (endpoint.value = 'server')} /> this server's endpoint (convenient, not independent)
          </label>
          {wallets.value.length > 0 && (
            <label>
              <input type="radio" name="ep" checked={endpoint.value === 'wallet'} onChange={() => (endpoint.value = 'wallet')} /> my wallet's network
            </label>
          )}
          {receipt.value?.bundle && receipt.value.bundle.rpc.length > 0 && (
            <label>
              <input type="radio" name="ep" checked={endpoint.value === 'bundle'} onChange={() => (endpoint.value = 'bundle')} /> the bundle's endpoint ({receipt.value.bundle.rpc[0]}, its author's choice)
            </label>
          )}
          <label>
            <input type="radio" name="ep" checked={endpoint.value === 'url'} onChange={() => (endpoint.value = 'url')} /> another endpoint
          </label>
          {endpoint.value === 'url' && (
            <label>
              JSON-RPC URL
              <input type="url" placeholder="https://…" value={rpcUrl.value} onInput={(e) => (rpcUrl.value = e.currentTarget.value)} />
            </label>
          )}
        </fieldset>
      </section>
      <button disabled={!receipt.value || running.value} aria-busy={running.value} onClick={run}>
        Check
      </button>
      {problem.value && (
        <p role="alert" class="error">
          {problem.value}
        </p>
      )}
      {p && running.value && (
        <p>
          <label>
            Hashing your files: {mb(p.bytes)} of {mb(p.total)}
            {rate > 0 && `, ${mb(rate)}/s`}
            <progress value={p.bytes} max={p.total || 1} />
          </label>
        </p>
      )}
      <section aria-labelledby="result-h" aria-live="polite">
        {(checks.value.length > 0 || failure.value) && <h2 id="result-h">Result</h2>}
        {outcome.value && (
          <p>
            <strong>Verified.</strong> “{outcome.value.manifest.title}” ({outcome.value.manifest.kind}), anchored on chain {receipt.value?.r.chain_id} at {receipt.value?.r.block_time}
            {outcome.value.final ? ', final: no reorganization can remove it.' : ', not final yet: the block could still be reorganized away; check again later.'}
          </p>
        )}
        {failure.value && (
          <p role="alert" class="error">
            <strong>{failure.value.check === 'could not check' ? 'Could not check' : `Failed: ${failure.value.check}`}.</strong> {failure.value.message}
          </p>
        )}
        {related.value.length > 0 && (
          <>
            <h3>Known later, when the bundle was made</h3>
            <ul>
              {related.value.map((r) => (
                <li>
                  {r.relation === 'correction' ? 'Correction' : 'Newer version'} “{r.title}” (<code>{r.cid}</code>): {r.state}
                </li>
              ))}
            </ul>
          </>
        )}
        <ol>
          {checks.value.map((c) => (
            <li>
              {c.ok ? '✓' : '–'} <strong>{c.ok ? (passed[c.name] ?? c.name) : `${passed[c.name] ?? c.name}: not checked`}</strong>: {c.detail}
            </li>
          ))}
        </ol>
      </section>
    </>
  )
}
