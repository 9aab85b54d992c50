// UnixFS CIDs computed in the browser (and in Node, for the parity test),
// with desci's import profiles: the same CIDs `desci cid` and Kubo give,
// checked against both by web/e2e/unixfs-parity.mjs. Blocks are hashed and
// dropped; nothing is stored or sent anywhere.

import { importer } from 'ipfs-unixfs-importer'
import { fixedSize } from 'ipfs-unixfs-importer/chunker'
import { balanced } from 'ipfs-unixfs-importer/layout'

/** @typedef {{ path: string, size: number, content: () => AsyncIterable<Uint8Array> } | { path: string, dir: true }} Entry */

/** The import profiles of notary/profile.go, as ipfs-unixfs-importer options. */
export const profiles = {
  'unixfs-v1-2025': { chunkSize: 1 << 20, maxLinks: 1024, strategy: 'block-bytes' },
  'kubo-cidv1': { chunkSize: 256 << 10, maxLinks: 174, strategy: 'links-bytes' },
}

/** A blockstore that keeps nothing: only the CIDs matter here. */
const discard = {
  put: async (cid) => cid,
  get: async () => {
    throw new Error('not stored')
  },
  has: async () => false,
}

/**
 * Computes the UnixFS CIDs of entries under profile.
 * A single file (no '/' in its path, no directories) gives the file's own CID
 * as root; anything else is wrapped in one root directory, as `desci cid DIR`
 * does with the directory's contents.
 *
 * @param {Entry[]} entries
 * @param {string} profile
 * @param {(bytes: number) => void} [onBytes] called with the bytes hashed so far
 * @returns {Promise<{ root: string, cids: Map<string, string> }>} root CID, and every entry's CID by path
 */
export async function unixfsCids(entries, profile, onBytes) {
  const p = profiles[profile]
  if (!p) throw new Error(`unknown import profile "${profile}" (known: ${Object.keys(profiles).join(', ')})`)
  let hashed = 0
  const source = entries.map((e) =>
    'dir' in e
      ? { path: e.path }
      : {
          path: e.path,
          content: (async function* () {
            for await (const chunk of e.content()) {
              hashed += chunk.length
              onBytes?.(hashed)
              yield chunk
            }
          })(),
        },
  )
  const single = entries.length === 1 && !('dir' in entries[0]) && !entries[0].path.includes('/')
  const cids = new Map()
  let root = ''
  for await (const r of importer(source, discard, {
    cidVersion: 1,
    rawLeaves: true,
    reduceSingleLeafToSelf: true,
    chunker: fixedSize({ chunkSize: p.chunkSize }),
    layout: balanced({ maxChildrenPerNode: p.maxLinks }),
    shardSplitThresholdBytes: 256 << 10,
    shardSplitStrategy: p.strategy,
    shardFanoutBits: 8,
    fieldOrder: 'links-first',
    wrapWithDirectory: !single,
    fileImportConcurrency: 4,
    blockWriteConcurrency: 8,
  })) {
    const cid = r.cid.toString()
    if (r.path === '' || r.path === undefined) root = cid
    else cids.set(r.path, cid)
    if (single) root = cid
  }
  return { root, cids }
}
