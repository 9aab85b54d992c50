// Resumable uploads to the server's /uploads (the tus 1.0 core protocol:
// POST creates, HEAD tells the offset, PATCH appends from it). A dropped
// connection costs only the chunk under way: the upload resumes from what
// the server says it holds, automatically a few times, then again when
// the user presses Publish (the IDs are kept for the page's lifetime; the
// server keeps an idle upload for a day).

import { ApiError } from './api'
import { session } from './session'

const tus = '1.0.0'
/** Files above this go through /uploads; smaller ones in one multipart request. */
export const resumableAbove = 8 << 20
const chunk = 8 << 20
const retries = 5

// Upload IDs by file, so that a second press of Publish resumes.
const ids = new Map<string, string>()
const keyOf = (f: File) => `${f.name}\u0000${f.size}\u0000${f.lastModified}`

function headers(extra: Record<string, string> = {}): Record<string, string> {
  return { 'Tus-Resumable': tus, Authorization: `Bearer ${session.value?.token ?? ''}`, ...extra }
}

async function refusal(res: Response): Promise<ApiError> {
  const text = (await res.text().catch(() => '')).trim()
  return new ApiError(text || `The server answered ${res.status} ${res.statusText}.`, `HTTP_${res.status}`)
}

async function create(f: File): Promise<string> {
  const name = btoa(String.fromCharCode(...new TextEncoder().encode(f.name)))
  const res = await fetch('/uploads', { method: 'POST', headers: headers({ 'Upload-Length': String(f.size), 'Upload-Metadata': `filename ${name}` }) })
  if (res.status !== 201) throw await refusal(res)
  const id = (res.headers.get('Location') ?? '').replace(/^\/uploads\//, '')
  if (!/^[0-9a-f]{32}$/.test(id)) throw new ApiError('The server did not name the new upload.', 'HTTP')
  return id
}

/** The server's offset, or null if it no longer holds the upload. */
async function offsetOf(id: string): Promise<number | null> {
  const res = await fetch(`/uploads/${id}`, { method: 'HEAD', headers: headers(), cache: 'no-store' })
  if (res.status === 404) return null
  if (!res.ok) throw await refusal(res)
  return Number(res.headers.get('Upload-Offset'))
}

/** PATCHes one piece with XHR, for its upload progress. Resolves to the new offset. */
function patch(id: string, offset: number, piece: Blob, onSent: (n: number) => void): Promise<number> {
  return new Promise((ok, fail) => {
    const x = new XMLHttpRequest()
    x.open('PATCH', `/uploads/${id}`)
    for (const [k, v] of Object.entries(headers({ 'Upload-Offset': String(offset), 'Content-Type': 'application/offset+octet-stream' }))) x.setRequestHeader(k, v)
    x.upload.onprogress = (e) => onSent(e.loaded)
    x.onload = () => {
      if (x.status === 204) ok(Number(x.getResponseHeader('Upload-Offset')))
      else fail(Object.assign(new ApiError(x.responseText.trim() || `The server answered ${x.status}.`, `HTTP_${x.status}`), { status: x.status }))
    }
    x.onerror = () => fail(new ApiError('The connection dropped.', 'NETWORK'))
    x.send(piece)
  })
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms))

/**
 * Uploads f to /uploads, resuming after interruptions, and returns its
 * ID for notarize(uploads: …). onProgress gets the bytes the server holds
 * plus those of the piece under way.
 */
export async function uploadResumable(f: File, onProgress: (sent: number) => void): Promise<string> {
  let failures = 0
  for (;;) {
    try {
      let id = ids.get(keyOf(f))
      let offset = id ? await offsetOf(id) : null
      if (id === undefined || offset === null) {
        id = await create(f)
        ids.set(keyOf(f), id)
        offset = 0
      }
      onProgress(offset)
      while (offset < f.size) {
        const at: number = offset
        offset = await patch(id, at, f.slice(at, Math.min(f.size, at + chunk)), (n) => onProgress(at + n))
        onProgress(offset)
        failures = 0
      }
      return id
    } catch (e) {
      const status = (e as { status?: number }).status ?? 0
      // Refusals that a retry cannot change are the user's to read.
      if (e instanceof ApiError && e.code !== 'NETWORK' && ![408, 409, 429].includes(status) && status < 500) throw e
      if (++failures > retries) {
        throw new ApiError(
          `The upload of ${f.name} was interrupted ${retries + 1} times. Check your connection and press Publish again: it resumes where it stopped.`,
          'NETWORK',
        )
      }
      await pause(1000 * 2 ** (failures - 1))
    }
  }
}

/** Forgets f's upload once it is published: the server has used it. */
export function forget(f: File) {
  ids.delete(keyOf(f))
}
