// The donors' side of the GraphQL API, in one place: what the pages read,
// the transactions the server prepares for the wallet to send (the
// ordinary path), and the gasless path, where the donor signs typed data
// only and the server relays it.
//
// The gasless mutations are being built on the server at the same time
// as this page; the page offers that path only when the server's schema
// has them (see gasless()), and the names and shapes it assumes are all
// here, in donationToSign() and relayDonation():
//
//   donationToSign(grant: Long!, amount: BigInt!, round: Long): DonationToSign!
//     type DonationToSign { permit: JSON!  donation: JSON! }
//     each an EIP-712 document as eth_signTypedData_v4 takes it:
//     { domain, types, primaryType, message }
//   relayDonation(permit: JSON!, permitSignature: String!,
//                 donation: JSON!, donationSignature: String!): TransactionResult!

import { gql, ApiError } from '../api'

export type Milestone = {
  index: number
  amount: string
  description: string
  released: boolean
  evidence: { cid: string; root: string } | null
  approvals: { reviewer: string; cid: string }[]
}
export type Donation = { donor: string; donated: string; outstanding: string; reclaimable: string; refunded: string }
export type Grant = {
  id: number
  beneficiary: string
  token: string
  goal: string
  raised: string
  released: string
  refunded: string
  escrow: string
  deadline: string
  state: 'open' | 'funded' | 'failed' | 'cancelled' | 'completed'
  reviewers: string[]
  threshold: number
  milestones: Milestone[]
  donations: Donation[]
}
export type GrantMatch = { grant: number; donors: number; raised: string; score: string; match: string; capped: boolean }
export type Round = {
  id: number
  operator: string
  token: string
  start: string
  end: string
  claimDeadline: string | null
  capBps: number
  pool: string
  root: string | null
  grants: number[]
  matching: { pool: string; cap: string; total: string; grants: GrantMatch[] }
}
export type Manifest = {
  cid: string
  title: string
  kind: string
  status: string
  signer: string | null
  receipt: { blockNumber: number; blockTime: string; tx: string } | null
}

const grantFields = `id beneficiary token goal raised released refunded escrow deadline state reviewers threshold
  milestones { index amount description released evidence { cid root } approvals { reviewer cid } }
  donations { donor donated outstanding reclaimable refunded }`
const roundFields = `id operator token start end claimDeadline capBps pool root grants
  matching { pool cap total grants { grant donors raised score match capped } }`

export async function listGrants(): Promise<{ grants: Grant[]; rounds: Round[]; grantsContract: string | null }> {
  return gql(`query { grantsContract grants(first: 50) { ${grantFields} } rounds(first: 10) { ${roundFields} } }`)
}

export async function grantAndRounds(id: number): Promise<{ grant: Grant | null; rounds: Round[]; grantsContract: string | null }> {
  return gql(`query($id: Long!) { grantsContract grant(id: $id) { ${grantFields} } rounds(first: 10) { ${roundFields} } }`, { id })
}

export async function roundAndGrants(id: number): Promise<{ round: Round; grants: Grant[]; grantsContract: string | null }> {
  const d = await gql<{ round: Round; grants: Grant[]; grantsContract: string | null }>(
    `query($id: Long!) { grantsContract round(id: $id) { ${roundFields} } grants(first: 50) { ${grantFields} } }`,
    { id },
  )
  return d
}

/** The manifest a milestone's deliverable names: its title, and when and where it was anchored. */
export async function manifest(cid: string): Promise<Manifest | null> {
  const d = await gql<{ manifest: Manifest | null }>(
    'query($c: String!) { manifest(cid: $c) { cid title kind status signer receipt { blockNumber blockTime tx } } }',
    { c: cid },
  )
  return d.manifest
}

/** A transaction as the server prepares it, for the wallet to send (eth_sendTransaction). */
export type Prepared = { to: `0x${string}`; data: `0x${string}`; gas?: `0x${string}`; value?: `0x${string}` }

type Unsigned = { to: string; data: string; gas?: string | number; gasLimit?: string | number; value?: string | number }

const hex = (v: string | number | undefined): `0x${string}` | undefined =>
  v === undefined || v === null ? undefined : typeof v === 'number' ? `0x${v.toString(16)}` : v.startsWith('0x') ? (v as `0x${string}`) : `0x${BigInt(v).toString(16)}`

function prepared(u: Unsigned): Prepared {
  return { to: u.to as `0x${string}`, data: u.data as `0x${string}`, gas: hex(u.gas ?? u.gasLimit), value: hex(u.value) }
}

/**
 * The token approval and the donation, their gas estimated by the server
 * against the state each will meet (the donation's after the approval).
 * Through a round when round is given, so the round matches it.
 */
export async function prepareDonation(grant: number, amount: bigint, round?: number): Promise<[Prepared, Prepared]> {
  const fields = 'to data gas value'
  const d =
    round === undefined
      ? await gql<{ txs: Unsigned[] }>(`mutation($g: Long!, $a: BigInt!) { txs: prepareDonate(grant: $g, amount: $a) { ${fields} } }`, {
          g: grant,
          a: amount.toString(),
        })
      : await gql<{ txs: Unsigned[] }>(
          `mutation($r: Long!, $g: Long!, $a: BigInt!) { txs: prepareDonateRound(round: $r, grant: $g, amount: $a) { ${fields} } }`,
          { r: round, g: grant, a: amount.toString() },
        )
  if (d.txs.length !== 2) throw new ApiError('The server prepared an unexpected donation; try again.', 'SHAPE')
  return [prepared(d.txs[0]), prepared(d.txs[1])]
}

// ---------------------------------------------------------------- gasless

let mutations: Promise<Set<string>> | null = null

/** Whether this server relays gasless donations (its schema has the mutations). */
export async function gasless(): Promise<boolean> {
  if (!mutations) {
    mutations = gql<{ __type: { fields: { name: string }[] } | null }>('query { __type(name: "Mutation") { fields { name } } }').then(
      (d) => new Set((d.__type?.fields ?? []).map((f) => f.name)),
    )
    mutations.catch(() => (mutations = null))
  }
  const m = await mutations
  return m.has('donationToSign') && m.has('relayDonation')
}

export type TypedData = {
  domain: Record<string, unknown>
  types: Record<string, { name: string; type: string }[]>
  primaryType: string
  message: Record<string, unknown>
}

export async function donationToSign(grant: number, amount: bigint, round?: number): Promise<{ permit: TypedData; donation: TypedData }> {
  const d = await gql<{ donationToSign: { permit: TypedData | string; donation: TypedData | string } }>(
    'mutation($g: Long!, $a: BigInt!, $r: Long) { donationToSign(grant: $g, amount: $a, round: $r) { permit donation } }',
    { g: grant, a: amount.toString(), r: round ?? null },
  )
  // JSON scalars arrive as objects; tolerate a server that sends strings.
  const obj = (v: TypedData | string): TypedData => (typeof v === 'string' ? JSON.parse(v) : v)
  return { permit: obj(d.donationToSign.permit), donation: obj(d.donationToSign.donation) }
}

export type Relayed = { hash: string; success: boolean; revertReason: string | null }

export async function relayDonation(permit: TypedData, permitSignature: string, donation: TypedData, donationSignature: string): Promise<Relayed> {
  const d = await gql<{ relayDonation: Relayed }>(
    `mutation($p: JSON!, $ps: String!, $d: JSON!, $ds: String!) {
      relayDonation(permit: $p, permitSignature: $ps, donation: $d, donationSignature: $ds) { hash success revertReason } }`,
    { p: permit, ps: permitSignature, d: donation, ds: donationSignature },
  )
  return d.relayDonation
}
