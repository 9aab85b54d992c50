// Hashes the reviewer's files off the page's thread, reporting progress.
// Files are read here from the File objects the page was given; no byte
// leaves this worker but the CIDs.

import { unixfsCids, type Entry } from './unixfs.js'

export type Job = { profile: string; entries: ({ path: string; file: File } | { path: string; dir: true })[] }
export type Reply = { type: 'progress'; bytes: number } | { type: 'done'; root: string; cids: [string, string][] } | { type: 'error'; message: string }

async function* read(file: File): AsyncIterable<Uint8Array> {
  const reader = file.stream().getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return
    yield value
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
