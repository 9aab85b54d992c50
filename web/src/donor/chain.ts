// What the donor's pages read from the chain itself, through this
// server's /rpc (the same endpoint the wallet was given): token symbols,
// decimals, balances and allowances, the supporter badges, the chain's
// clock, and the receipts of what the wallet sent.

import { createPublicClient, http, parseAbi, parseAbiItem, type Hex, type PublicClient } from 'viem'
import { desciChain } from '../wallet'

export const grantsAbi = parseAbi([
  'function badge() view returns (address)',
  'function refund(uint256 grantId) returns (uint256)',
  'error UnknownGrant(uint256 grantId)',
  'error GrantCancelled(uint256 grantId)',
  'error DeadlinePassed(uint256 grantId, uint256 deadline)',
  'error GoalReached(uint256 grantId)',
  'error ZeroAmount()',
  'error NotRefundable(uint256 grantId)',
  'error NothingToRefund(address donor)',
  'error UnknownRound(uint256 roundId)',
  'error RoundNotOpen(uint256 roundId)',
  'error NotEligible(uint256 roundId, uint256 grantId)',
  'error ERC20InsufficientBalance(address sender, uint256 balance, uint256 needed)',
  'error ERC20InsufficientAllowance(address spender, uint256 allowance, uint256 needed)',
])

const roundDonated = parseAbiItem('event RoundDonated(uint256 indexed roundId, uint256 indexed grantId, address indexed donor, uint256 amount)')

const erc20Abi = parseAbi([
  'function symbol() view returns (string)',
  'function decimals() view returns (uint8)',
  'function balanceOf(address) view returns (uint256)',
  'function allowance(address owner, address spender) view returns (uint256)',
])

const badgeAbi = parseAbi(['function ownerOf(uint256 id) view returns (address)'])

let pc: PublicClient | null = null

export async function reader(): Promise<PublicClient> {
  if (!pc) pc = createPublicClient({ chain: await desciChain(), transport: http(`${location.origin}/rpc`, { retryCount: 1 }) }) as PublicClient
  return pc
}

export type Token = { address: Hex; symbol: string; decimals: number }

const tokens = new Map<string, Promise<Token>>()

/** A token's symbol and decimals, read once per page load. */
export function tokenInfo(address: string): Promise<Token> {
  const key = address.toLowerCase()
  let t = tokens.get(key)
  if (!t) {
    t = (async () => {
      const c = await reader()
      const a = address as Hex
      const [symbol, decimals] = await Promise.all([
        c.readContract({ address: a, abi: erc20Abi, functionName: 'symbol' }),
        c.readContract({ address: a, abi: erc20Abi, functionName: 'decimals' }),
      ])
      return { address: a, symbol, decimals }
    })()
    t.catch(() => tokens.delete(key))
    tokens.set(key, t)
  }
  return t
}

export async function tokenBalance(token: string, owner: string): Promise<bigint> {
  return (await reader()).readContract({ address: token as Hex, abi: erc20Abi, functionName: 'balanceOf', args: [owner as Hex] })
}

export async function allowance(token: string, owner: string, spender: string): Promise<bigint> {
  return (await reader()).readContract({ address: token as Hex, abi: erc20Abi, functionName: 'allowance', args: [owner as Hex, spender as Hex] })
}

export async function ethBalance(owner: string): Promise<bigint> {
  return (await reader()).getBalance({ address: owner as Hex })
}

/** The chain's clock: deadlines and round windows are judged by it, not the browser's. */
export async function chainNow(): Promise<Date> {
  const b = await (await reader()).getBlock()
  return new Date(Number(b.timestamp) * 1000)
}

/** Whether donor holds the soulbound supporter badge of a grant (ERC-5192: locked). */
export async function hasBadge(grants: string, grantId: bigint, donor: string): Promise<boolean> {
  const c = await reader()
  const badge = await badgeContract(grants)
  const id = (grantId << 160n) | BigInt(donor) // SupporterBadge.badgeId
  try {
    const owner = await c.readContract({ address: badge, abi: badgeAbi, functionName: 'ownerOf', args: [id] })
    return owner.toLowerCase() === donor.toLowerCase()
  } catch {
    return false // ownerOf reverts for a badge never minted
  }
}

let badgeAddr: Promise<Hex> | null = null

export function badgeContract(grants: string): Promise<Hex> {
  if (!badgeAddr) {
    badgeAddr = reader().then((c) => c.readContract({ address: grants as Hex, abi: grantsAbi, functionName: 'badge' }))
    badgeAddr.catch(() => (badgeAddr = null))
  }
  return badgeAddr
}

/**
 * What donor has already given grant through round (RoundDonated events),
 * for the match estimate. The gateway bounds a log query to 10,000
 * blocks, so older donations are not counted: the estimate says "about".
 */
export async function roundGiven(grants: string, round: bigint, grant: bigint, donor: string): Promise<bigint> {
  const c = await reader()
  const head = await c.getBlockNumber()
  const from = head > 9_999n ? head - 9_999n : 0n
  const logs = await c.getLogs({
    address: grants as Hex,
    event: roundDonated,
    args: { roundId: round, grantId: grant, donor: donor as Hex },
    fromBlock: from,
    toBlock: head,
  })
  return logs.reduce((s, l) => s + (l.args.amount ?? 0n), 0n)
}

export async function waitMined(hash: Hex) {
  return (await reader()).waitForTransactionReceipt({ hash, pollingInterval: 500, timeout: 120_000 })
}
