// Hashes the reviewer's files off the page's thread, reporting progress.
// Files are read here from the File objects the page was given; no byte
// leaves this worker but the CIDs.

import { unixfsCids, type Entry } from './unixfs.js'

export type Job = { profile: string; entries: ({ path: string; file: File } | { path: string; dir: true })[] }
export type Reply = { type: 'progress'; bytes: number } | { type: 'done'; root: string; cids: [string, string][] } | { type: 'error'; message: string }

// Read in 4 MiB slices: the stream's 64 KiB chunks cost more in copying
// and bookkeeping than the hashing of the megabyte blocks they make.
async function* read(file: File): AsyncIterable<Uint8Array> {
  const step = 4 << 20
  for (let off = 0; off < file.size; off += step) {
    yield new Uint8Array(await file.slice(off, Math.min(file.size, off + step)).arrayBuffer())
  }
}

self.onmessage = async (e: MessageEvent<Job>) => {
  const post = (r: Reply) => (self as unknown as Worker).postMessage(r)
  try {
    const entries: Entry[] = e.data.entries.map((x) => ('dir' in x ? { path: x.path, dir: true } : { path: x.path, size: x.file.size, content: () => read(x.file) }))
    let last = 0
    const { root, cids } = await unixfsCids(entries, e.data.profile, (bytes) => {
      const now = performance.now()
      if (now - last > 100) {
        last = now
        post({ type: 'progress', bytes })
      }
    })
    post({ type: 'done', root, cids: [...cids] })
  } catch (err) {
    post({ type: 'error', message: (err as Error).message })
  }
}
