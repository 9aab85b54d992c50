// Verification that trusts no server: everything here is computed in the
// browser from the receipt, the manifest inside it, the reviewer's own
// files and a chain endpoint the reviewer chooses. The order and names of
// the checks are desci verify's (doc/receipt.md, "Verifying").

import * as dagCbor from '@ipld/dag-cbor'
import { CID } from 'multiformats/cid'
import { sha256 } from 'multiformats/hashes/sha2'
import {
  createPublicClient,
  custom,
  encodeAbiParameters,
  getAddress,
  http,
  keccak256,
  recoverMessageAddress,
  toHex,
  type EIP1193Provider,
  type Hex,
  type PublicClient,
} from 'viem'

export type Receipt = {
  version: number
  manifest: string
  cid: string
  leaf: Hex
  proof: Hex[]
  root: Hex
  chain_id: number
  contract: Hex
  tx: Hex
  block_number: number
  block_hash: Hex
  block_time: string
  submitter: Hex
}

export type ManifestFile = { path: string; cid: CID; size: number }
export type Manifest = {
  kind: string
  title: string
  created: string
  signer: Uint8Array
  signature: Uint8Array
  authors?: { name: string; orcid?: string }[]
  content?: { root: CID; profile: string; files: ManifestFile[]; sealed?: CID }
  supersedes?: CID
  corrects?: CID
}

export type Check = { name: string; ok: boolean; detail: string }

export class VerifyError extends Error {
  constructor(
    readonly check: string,
    message: string,
  ) {
    super(message)
  }
}

const fields = ['version', 'manifest', 'cid', 'leaf', 'proof', 'root', 'chain_id', 'contract', 'tx', 'block_number', 'block_hash', 'block_time', 'submitter']

/** Parses a receipt document (doc/receipt.md): every field, nothing else. */
export function parseReceipt(text: string): Receipt {
  let r: Record<string, unknown>
  try {
    r = JSON.parse(text)
  } catch {
    throw new VerifyError('receipt', 'This file is not a receipt: it is not JSON. Choose the receipt.json that desci gave with the publication.')
  }
  if (!r || typeof r !== 'object' || Array.isArray(r)) throw new VerifyError('receipt', 'This file is not a receipt.')
  const missing = fields.filter((f) => !(f in r))
  const unknown = Object.keys(r).filter((f) => !fields.includes(f))
  if (missing.length) throw new VerifyError('receipt', `This receipt lacks ${missing.join(', ')}.`)
  if (unknown.length) throw new VerifyError('receipt', `This receipt has fields a version-1 receipt has not: ${unknown.join(', ')}.`)
  if (r.version !== 1) throw new VerifyError('receipt', `This receipt is version ${String(r.version)}; this page reads version 1.`)
  const hex = (f: string, n?: number) => {
    const v = r[f]
    if (typeof v !== 'string' || !/^0x[0-9a-fA-F]*$/.test(v) || (n !== undefined && v.length !== 2 + 2 * n)) throw new VerifyError('receipt', `The receipt's ${f} is not ${n ? n + ' bytes of ' : ''}hex.`)
  }
  hex('leaf', 32)
  hex('root', 32)
  hex('tx', 32)
  hex('block_hash', 32)
  hex('contract', 20)
  hex('submitter', 20)
  if (!Array.isArray(r.proof) || r.proof.length > 64) throw new VerifyError('receipt', "The receipt's proof is not a list of hashes.")
  for (const p of r.proof) if (typeof p !== 'string' || !/^0x[0-9a-fA-F]{64}$/.test(p)) throw new VerifyError('receipt', "The receipt's proof holds something that is not a 32-byte hash.")
  if (!Number.isSafeInteger(r.chain_id) || !Number.isSafeInteger(r.block_number)) throw new VerifyError('receipt', "The receipt's chain id or block number is not a number.")
  if (typeof r.manifest !== 'string' || typeof r.cid !== 'string' || typeof r.block_time !== 'string') throw new VerifyError('receipt', 'The receipt is malformed.')
  return r as unknown as Receipt
}

function base64(s: string): Uint8Array {
  const bin = atob(s)
  const out = new Uint8Array(bin.length)
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i)
  return out
}

async function dagCborCid(bytes: Uint8Array): Promise<CID> {
  return CID.createV1(dagCbor.code, await sha256.digest(bytes))
}

function equal(a: Uint8Array, b: Uint8Array) {
  return a.length === b.length && a.every((x, i) => x === b[i])
}

/** The leaf of a manifest CID: OpenZeppelin StandardMerkleTree, encoding ["bytes"]. */
export function leafOf(cid: CID): Hex {
  return keccak256(keccak256(encodeAbiParameters([{ type: 'bytes' }], [toHex(cid.bytes)])))
}

/** Folds a proof into a root with sorted-pair keccak256. */
export function rootOf(leaf: Hex, proof: Hex[]): Hex {
  let h = leaf
  for (const p of proof) {
    const [a, b] = BigInt(h) <= BigInt(p) ? [h, p] : [p, h]
    h = keccak256(`0x${a.slice(2)}${b.slice(2)}`)
  }
  return h
}

/** Checks 1–3: the receipt, the manifest's signature and the Merkle proof. */
export async function checkOffline(r: Receipt): Promise<{ manifest: Manifest; checks: Check[] }> {
  const checks: Check[] = []
  let bytes: Uint8Array
  try {
    bytes = base64(r.manifest)
  } catch {
    throw new VerifyError('receipt', "The receipt's manifest is not base64.")
  }
  const cid = await dagCborCid(bytes)
  if (cid.toString() !== r.cid) throw new VerifyError('receipt', `The manifest inside the receipt hashes to ${cid}, not to the ${r.cid} the receipt names.`)
  let m: Manifest
  try {
    m = dagCbor.decode(bytes) as Manifest
  } catch (e) {
    throw new VerifyError('receipt', `The manifest inside the receipt is not DAG-CBOR: ${(e as Error).message}`)
  }
  if (!equal(dagCbor.encode(m), bytes)) throw new VerifyError('receipt', 'The manifest is not in its one canonical encoding.')
  if (leafOf(cid).toLowerCase() !== r.leaf.toLowerCase()) throw new VerifyError('receipt', "The receipt's leaf is not the leaf of its manifest.")
  checks.push({ name: 'receipt', ok: true, detail: `The receipt is for manifest ${r.cid}.` })

  if (!(m.signer instanceof Uint8Array) || m.signer.length !== 20 || !(m.signature instanceof Uint8Array) || m.signature.length !== 65) {
    throw new VerifyError('manifest signature', 'The manifest has no well-formed signer and signature.')
  }
  const { signature, ...unsigned } = m
  const message = `desci manifest ${(await dagCborCid(dagCbor.encode(unsigned))).toString()}`
  const signer = getAddress(toHex(m.signer))
  let recovered: string
  try {
    recovered = await recoverMessageAddress({ message, signature: toHex(signature) })
  } catch {
    throw new VerifyError('manifest signature', 'The manifest signature is not a valid signature.')
  }
  if (recovered !== signer) throw new VerifyError('manifest signature', `The manifest says it was signed by ${signer}, but the signature is by ${recovered}.`)
  checks.push({ name: 'manifest signature', ok: true, detail: `Signed by ${signer}.` })

  if (rootOf(r.leaf, r.proof).toLowerCase() !== r.root.toLowerCase()) throw new VerifyError('proof', "The Merkle proof does not lead from the manifest to the receipt's root.")
  checks.push({ name: 'proof', ok: true, detail: `The manifest is in the batch with Merkle root ${r.root}.` })
  return { manifest: m, checks }
}

/** What the reviewer's files gave: the root, and each file's CID by path. */
export type Computed = { root: string; cids: Map<string, string>; paths: string[] }

/** Check 4: the reviewer's files against the manifest; names every file that differs. */
export function checkContent(m: Manifest, got: Computed): Check {
  const c = m.content
  if (!c) return { name: 'content changed', ok: true, detail: 'This manifest publishes no files (a correction without replacement content).' }
  const want = new Map(c.files.map((f) => [f.path, f.cid.toString()]))
  const changed = c.files.filter((f) => got.cids.has(f.path) && got.cids.get(f.path) !== f.cid.toString()).map((f) => f.path)
  const missing = c.files.filter((f) => !got.cids.has(f.path)).map((f) => f.path)
  const extra = got.paths.filter((p) => !want.has(p) && got.cids.has(p) && ![...want.keys()].some((w) => w.startsWith(p + '/')))
  if (got.root === c.root.toString()) {
    return { name: 'content changed', ok: true, detail: `Your files give ${got.root}, the content the manifest names (${c.files.length} file${c.files.length === 1 ? '' : 's'}).` }
  }
  const parts: string[] = []
  if (changed.length) parts.push(`changed: ${changed.join(', ')}`)
  if (missing.length) parts.push(`missing: ${missing.join(', ')}`)
  if (extra.length) parts.push(`not in the publication: ${extra.join(', ')}`)
  if (!parts.length) parts.push('every file matches, but the folder around them differs (an empty folder, or files picked without their folder)')
  throw new VerifyError('content changed', `Your files give ${got.root}, not ${c.root}: ${parts.join('; ')}.`)
}

const notaryAbi = [
  {
    type: 'function',
    name: 'anchorOf',
    stateMutability: 'view',
    inputs: [{ name: 'root', type: 'bytes32' }],
    outputs: [
      { name: 'submitter', type: 'address' },
      { name: 'timestamp', type: 'uint256' },
      { name: 'blockNumber', type: 'uint256' },
    ],
  },
] as const

export type Endpoint = { url: string } | { provider: EIP1193Provider }

/** Checks 5–7 against the chain, and whether the block is final. */
export async function checkChain(r: Receipt, ep: Endpoint): Promise<{ checks: Check[]; final: boolean }> {
  const client: PublicClient = createPublicClient({ transport: 'url' in ep ? http(ep.url, { retryCount: 1, timeout: 15_000 }) : custom(ep.provider) })
  const checks: Check[] = []
  let id: number
  try {
    id = await client.getChainId()
  } catch (e) {
    throw new VerifyError('could not check', `The chain endpoint does not answer (${(e as Error).message.split('\n')[0]}). Nothing was found false; try another endpoint.`)
  }
  if (id !== r.chain_id) throw new VerifyError('could not check', `The endpoint is on chain ${id}, the receipt on chain ${r.chain_id}. Nothing was found false; use an endpoint of chain ${r.chain_id}.`)
  const code = await client.getCode({ address: r.contract })
  if (!code || code === '0x') throw new VerifyError('could not check', `There is no contract at ${r.contract} on chain ${id}: this endpoint's chain is not the one the receipt was anchored on (a fresh development chain?).`)
  checks.push({ name: 'wrong chain', ok: true, detail: `Chain ${id}, Notary contract ${r.contract}.` })
  const [submitter, , blockNumber] = await client.readContract({ address: r.contract, abi: notaryAbi, functionName: 'anchorOf', args: [r.root] })
  if (BigInt(submitter) === 0n) throw new VerifyError('root not anchored', `The root ${r.root} was never anchored on this contract.`)
  if (getAddress(submitter) !== getAddress(r.submitter) || Number(blockNumber) !== r.block_number) {
    throw new VerifyError('root not anchored', `The contract records the root as anchored by ${submitter} in block ${blockNumber}, the receipt says ${r.submitter} in block ${r.block_number}.`)
  }
  checks.push({ name: 'root not anchored', ok: true, detail: `Anchored by ${submitter} in block ${blockNumber}.` })
  const block = await client.getBlock({ blockNumber: BigInt(r.block_number) })
  const when = new Date(Number(block.timestamp) * 1000).toISOString().replace('.000Z', 'Z')
  if (block.hash.toLowerCase() !== r.block_hash.toLowerCase() || when !== r.block_time) {
    throw new VerifyError('block mismatch', `Block ${r.block_number} is ${block.hash} at ${when}; the receipt says ${r.block_hash} at ${r.block_time}.`)
  }
  checks.push({ name: 'block mismatch', ok: true, detail: `Block ${r.block_number} at ${r.block_time}.` })
  let final = false
  try {
    const f = await client.getBlock({ blockTag: 'finalized' })
    final = f.number !== null && f.number >= BigInt(r.block_number)
  } catch {
    /* a chain without finality reports none */
  }
  return { checks, final }
}
