// Verification bundles (doc/bundle.md) read in the browser: one file with
// the manifest, its content, its receipt, the chain to ask and the
// corrections and versions known when it was made. Every block is hashed
// against its CID and every length bounded before it is trusted; the
// content is authenticated by its hashes alone, as desci's reader does.

import { CarBlockIterator } from '@ipld/car/iterator'
import * as dagCbor from '@ipld/dag-cbor'
import * as dagPb from '@ipld/dag-pb'
import { UnixFS } from 'ipfs-unixfs'
import { CID } from 'multiformats/cid'
import { sha256 } from 'multiformats/hashes/sha2'
import { parseReceipt, VerifyError, type Manifest, type Receipt } from './check.js'

const maxBlock = 4 << 20
const maxDoc = 1 << 20
const raw = 0x55

export type Related = { relation: 'correction' | 'version'; cid: string; manifest: Manifest; receipt?: Receipt }
export type Bundle = {
  manifest: string
  receipt: Receipt
  chainId: number
  notary: string
  rpc: string[]
  content: boolean
  related: Related[]
  created: string
  blocks: Map<string, Uint8Array>
}

const docFields = ['desci_bundle', 'manifest', 'receipt', 'chain_id', 'notary_contract', 'rpc', 'content', 'related', 'created']

function bad(message: string): never {
  throw new VerifyError('bundle', message)
}

function equal(a: Uint8Array, b: Uint8Array) {
  return a.length === b.length && a.every((x, i) => x === b[i])
}

async function* chunks(file: Blob): AsyncIterable<Uint8Array> {
  const step = 4 << 20
  for (let off = 0; off < file.size; off += step) yield new Uint8Array(await file.slice(off, off + step).arrayBuffer())
}

/** The largest bundle read here: it is held in memory while checked. */
export const maxBundleBytes = 1 << 30

/** Reads and checks a bundle; nothing in it is believed until hashed. */
export async function readBundle(file: Blob, maxBytes = maxBundleBytes): Promise<Bundle> {
  if (file.size > maxBytes) {
    bad(`This bundle is ${(file.size / 1e6).toFixed(0)} MB, more than this page checks in memory (${(maxBytes / 1e6).toFixed(0)} MB): check it with desci verify, or check the files against the receipt alone.`)
  }
  let it: Awaited<ReturnType<typeof CarBlockIterator.fromIterable>>
  try {
    it = await CarBlockIterator.fromIterable(chunks(file))
  } catch {
    bad('This file is not a verification bundle (not a CAR file). Choose the .desci.car file, or a receipt.json.')
  }
  const roots = await it.getRoots()
  if (roots.length !== 1 || roots[0].code !== raw) bad('This CAR is not a verification bundle: it must name one raw root, the bundle document (is it a `desci export`?).')
  const blocks = new Map<string, Uint8Array>()
  let first = true
  try {
    for await (const { cid, bytes } of it) {
      if (bytes.length > maxBlock) bad(`Block ${cid} is over 4 MiB.`)
      if (cid.multihash.code !== sha256.code) bad(`Block ${cid} is not hashed with sha2-256.`)
      const digest = await sha256.digest(bytes)
      if (!equal(digest.digest, cid.multihash.digest)) bad(`Block ${cid} does not match its CID: the bundle was changed.`)
      if (first && !cid.equals(roots[0])) bad('The bundle document is not the first block.')
      first = false
      blocks.set(cid.toString(), bytes)
    }
  } catch (e) {
    if (e instanceof VerifyError) throw e
    bad(`The bundle is cut short or damaged (${(e as Error).message}).`)
  }
  const docBytes = blocks.get(roots[0].toString())
  if (!docBytes) bad('The bundle has no document.')
  if (docBytes.length > maxDoc) bad('The bundle document is over 1 MiB.')
  let d: Record<string, unknown>
  try {
    d = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(docBytes))
  } catch {
    bad('The bundle document is not JSON.')
  }
  const unknown = Object.keys(d).filter((k) => !docFields.includes(k))
  const missing = docFields.filter((k) => !(k in d))
  if (unknown.length) bad(`The bundle document has unknown fields: ${unknown.join(', ')}.`)
  if (missing.length) bad(`The bundle document lacks ${missing.join(', ')}.`)
  if (d.desci_bundle !== 1) bad(`This is a version ${String(d.desci_bundle)} bundle; this page reads version 1.`)
  const rpc = d.rpc as unknown[]
  if (!Array.isArray(rpc) || rpc.length > 16 || !rpc.every((u) => typeof u === 'string' && /^(https?|wss?):\/\//.test(u))) bad("The bundle's endpoints are not http(s) or ws(s) URLs.")
  const related = d.related as { relation: string; cid: string; receipt?: string }[]
  if (!Array.isArray(related) || related.length > 256) bad("The bundle's related list is malformed.")

  const receiptOf = (c: unknown, what: string): Receipt => {
    const b = typeof c === 'string' ? blocks.get(c) : undefined
    if (!b) bad(`The receipt of ${what} is not in the bundle.`)
    return parseReceipt(new TextDecoder().decode(b))
  }
  const manifestOf = (c: string): Manifest => {
    const b = blocks.get(c)
    if (!b) bad(`Manifest ${c} is not in the bundle.`)
    try {
      return dagCbor.decode(b) as Manifest
    } catch {
      bad(`Manifest ${c} is not DAG-CBOR.`)
    }
  }
  const receipt = receiptOf(d.receipt, 'the manifest')
  if (receipt.cid !== d.manifest) bad(`The bundle's receipt is for ${receipt.cid}, not for its manifest ${String(d.manifest)}.`)
  if (receipt.chain_id !== d.chain_id) bad(`The bundle names chain ${String(d.chain_id)}, its receipt chain ${receipt.chain_id}.`)
  if (String(d.notary_contract).toLowerCase() !== receipt.contract.toLowerCase()) bad("The bundle's Notary contract is not its receipt's.")
  const manifest = manifestOf(String(d.manifest))
  if (Boolean(manifest.content?.sealed) === Boolean(d.content)) bad(d.content ? 'The bundle claims to carry sealed content.' : 'The bundle leaves out content that is not sealed.')

  const known = new Set([String(d.manifest)])
  const rel: Related[] = []
  for (const r of related) {
    if ((r.relation !== 'correction' && r.relation !== 'version') || typeof r.cid !== 'string') bad('A related entry is malformed.')
    const m = manifestOf(r.cid)
    const link = r.relation === 'correction' ? m.corrects : m.supersedes
    if (!link || !known.has(link.toString())) bad(`${r.cid} is listed as a ${r.relation} but does not link to this manifest or a version before it.`)
    const rr = r.receipt ? receiptOf(r.receipt, r.cid) : undefined
    if (rr && rr.cid !== r.cid) bad(`The receipt listed for ${r.cid} is for ${rr.cid}.`)
    if (r.relation === 'version') known.add(r.cid)
    rel.push({ relation: r.relation, cid: r.cid, manifest: m, receipt: rr })
  }
  if (d.content && manifest.content) checkDag(manifest.content.root, blocks)
  for (const r of rel) if (r.manifest.content && !r.manifest.content.sealed) checkDag(r.manifest.content.root, blocks)
  return {
    manifest: String(d.manifest),
    receipt,
    chainId: Number(d.chain_id),
    notary: String(d.notary_contract),
    rpc: rpc as string[],
    content: Boolean(d.content),
    related: rel,
    created: String(d.created),
    blocks,
  }
}

/** The DAG under root is complete in blocks and every file holds the bytes it declares. Returns the bytes below root. */
export function checkDag(root: CID, blocks: Map<string, Uint8Array>, seen = new Map<string, number>()): number {
  const key = root.toString()
  const cached = seen.get(key)
  if (cached !== undefined) return cached
  const b = blocks.get(key) ?? blocks.get(CID.createV1(root.code, root.multihash).toString())
  if (!b) bad(`Block ${key} of the content is not in the bundle.`)
  if (root.code === raw) {
    seen.set(key, b.length)
    return b.length
  }
  if (root.code !== dagPb.code) bad(`Block ${key} is neither raw nor dag-pb.`)
  const node = dagPb.decode(b)
  const fs = node.Data ? UnixFS.unmarshal(node.Data) : null
  let sizes = 0
  node.Links.forEach((l, i) => {
    const n = checkDag(l.Hash, blocks, seen)
    if (fs && (fs.type === 'file' || fs.type === 'raw')) {
      if (fs.blockSizes[i] !== undefined && Number(fs.blockSizes[i]) !== n) bad(`A file block under ${key} declares ${fs.blockSizes[i]} bytes and holds ${n}.`)
      sizes += n
    }
  })
  let total = sizes
  if (fs && (fs.type === 'file' || fs.type === 'raw')) {
    if (node.Links.length && fs.data?.length) bad(`File node ${key} holds data beside its links.`)
    if (!node.Links.length) total = fs.data?.length ?? 0
    if (fs.fileSize() !== BigInt(total)) bad(`File ${key} declares ${fs.fileSize()} bytes and holds ${total}.`)
  }
  seen.set(key, total)
  return total
}
