// Errors in words a donor understands, with the next step. What fails
// comes from three places: the wallet (EIP-1193 codes), the chain (a
// contract's custom error, by name), and the server (ApiError, whose
// message may carry the contract's error as "Name{Field:value}").

import { signal } from '@preact/signals'
import { BaseError, ContractFunctionRevertedError } from 'viem'
import { ApiError } from '../api'
import { walletWords, WalletError } from '../wallet'
import type { Token } from './chain'
import { amount, AmountError } from './units'

/**
 * Set when an action found the session ended: the form that failed is gone
 * with the session, so the page says it at its top until the donor signs
 * in again.
 */
export const sessionEnded = signal('')

/** A problem already in words (a check the page made before asking the wallet). */
export class DonorError extends Error {}

/** Words for a contract error by name; token formats amounts in args. */
function revertWords(name: string, args: readonly unknown[], token?: Token): string | null {
  const amt = (v: unknown) => (token ? amount(BigInt(v as bigint | string), token) : String(v))
  switch (name) {
    case 'GoalReached':
      return 'This grant has reached its goal and takes no more donations. Choose another grant.'
    case 'DeadlinePassed':
      return 'This grant’s deadline has passed, so it takes no more donations.'
    case 'GrantCancelled':
      return 'This grant was cancelled and takes no more donations. If you gave to it, you can reclaim your share on its page.'
    case 'UnknownGrant':
      return 'There is no such grant. Go back to the list of grants.'
    case 'ZeroAmount':
      return 'Enter an amount above zero.'
    case 'NotRefundable':
      return 'This grant cannot be refunded: refunds open only when a grant misses its goal by its deadline, or is cancelled.'
    case 'NothingToRefund':
      return 'You have nothing to reclaim from this grant: you did not give to it from this account, or you have reclaimed it already.'
    case 'RoundNotOpen':
      return 'This round is not taking donations now. You can still give to the grant directly.'
    case 'NotEligible':
      return 'This grant is not part of this round. Give to it directly from its page.'
    case 'UnknownRound':
      return 'There is no such round.'
    case 'ERC20InsufficientBalance':
      return args.length >= 3
        ? `You have ${amt(args[1])}, and this needs ${amt(args[2])}. Give less, or add ${token?.symbol ?? 'tokens'} to this account first.`
        : 'Your account does not hold enough tokens for this.'
    case 'ERC20InsufficientAllowance':
      return 'The approval for this amount did not go through. Try again, and approve it in your wallet.'
  }
  return null
}

// "GoalReached{GrantId:1}", "ERC20InsufficientBalance{Sender:0x.. Balance:0 Needed:250000000}"
const goStyle = /([A-Z][A-Za-z0-9]+)\{([^}]*)\}/

function fromServer(msg: string, token?: Token): string | null {
  const m = goStyle.exec(msg)
  if (m) {
    const args = m[2]
      .split(/\s+/)
      .filter(Boolean)
      .map((kv) => kv.slice(kv.indexOf(':') + 1))
    const w = revertWords(m[1], args, token)
    if (w) return w
  }
  for (const name of ['GoalReached', 'DeadlinePassed', 'GrantCancelled', 'NotRefundable', 'NothingToRefund', 'RoundNotOpen', 'NotEligible']) {
    if (msg.includes(name)) return revertWords(name, [], token)
  }
  if (/insufficient funds/i.test(msg)) return noEth
  return null
}

export const noEth =
  'Your account has no ETH to pay the network fee. Donate without gas instead (you only sign; the server pays the fee), or add ETH to this account.'

/** The words to show for anything a donation, refund or read threw. */
export function donorWords(e: unknown, token?: Token): string {
  if (e instanceof DonorError || e instanceof AmountError || e instanceof WalletError) return e.message
  if (e instanceof ApiError) {
    if (e.code === 'UNAUTHENTICATED') {
      sessionEnded.value = `${e.message} Nothing was sent.`
      return e.message
    }
    return fromServer(e.message, token) ?? e.message
  }
  if (e instanceof BaseError) {
    const r = e.walk((x) => x instanceof ContractFunctionRevertedError) as ContractFunctionRevertedError | null
    if (r?.data?.errorName) {
      const w = revertWords(r.data.errorName, r.data.args ?? [], token)
      if (w) return w
    }
    const code = (e.walk((x) => typeof (x as { code?: unknown }).code === 'number') as { code?: number } | null)?.code
    if (code === 4001 || code === 4100 || code === 4902 || code === -32002) return walletWords({ code })
    if (/insufficient funds/i.test(e.message)) return noEth
    const w = fromServer(e.message, token)
    if (w) return w
    return `Something went wrong: ${e.shortMessage}`
  }
  return walletWords(e)
}
