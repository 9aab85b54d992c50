// Signing a consent or revocation in the patient's wallet: the wallet
// holding the signed-in account, on the desci chain, asked for
// eth_signTypedData_v4 (viem's signTypedData) on exactly the typed data
// the server gave. Every way this goes wrong ends in words with the next
// step (patientProblem).

import { getAddress } from 'viem'
import { ApiError } from '../api'
import { client, connected, desciChain, ensureChain, wallets, walletWords, WalletError, type WalletInfo } from '../wallet'
import type { TypedData } from './api'
import { shortAddress } from './words'

/** A mistake the patient can fix, with what to do next. */
export class PatientError extends Error {
  constructor(
    message: string,
    readonly kind: 'account' | 'chain' | 'wallet' | 'declined' | 'session' | 'revoked' | 'refused',
  ) {
    super(message)
  }
}

async function accountsOf(w: WalletInfo): Promise<string[]> {
  try {
    return ((await w.provider.request({ method: 'eth_accounts' })) as string[]) ?? []
  } catch {
    return []
  }
}

/** The wallet that holds the signed-in account, and checks it is the one in use. */
export async function walletFor(address: string): Promise<WalletInfo> {
  const want = getAddress(address)
  const c = connected.value
  const candidates = c ? [c.wallet, ...wallets.value.filter((w) => w !== c.wallet)] : wallets.value
  if (candidates.length === 0) throw new PatientError('No wallet was found in this browser. Open this page in the browser where your wallet is installed.', 'wallet')
  let other = ''
  for (const w of candidates) {
    const accounts = await accountsOf(w)
    if (accounts.length && getAddress(accounts[0]) === want) return w
    if (accounts.length && !other) other = getAddress(accounts[0])
  }
  if (other) {
    throw new PatientError(
      `Your wallet is using the account ${shortAddress(other)}, but you signed in as ${shortAddress(want)}. Switch back to ${shortAddress(want)} in your wallet, or sign out and sign in again with the other account. Nothing was signed.`,
      'account',
    )
  }
  // The wallet has not shown this site an account since the page loaded: ask.
  const w = candidates[0]
  const [a] = await client(w).requestAddresses()
  if (!a || getAddress(a) !== want) {
    throw new PatientError(
      `Your wallet offered ${a ? shortAddress(a) : 'no account'}, but you signed in as ${shortAddress(want)}. Choose ${shortAddress(want)} in your wallet and try again. Nothing was signed.`,
      'account',
    )
  }
  return w
}

/** Signs the typed data in the wallet of the signed-in address; returns the signature. */
export async function signDocument(address: string, td: TypedData): Promise<`0x${string}`> {
  const w = await walletFor(address)
  const chain = await desciChain()
  if (td.domain.chainId !== undefined && Number(td.domain.chainId) !== chain.id) {
    throw new PatientError(`The server asked to sign for chain ${td.domain.chainId}, but it runs on chain ${chain.id}. Reload the page and try again.`, 'refused')
  }
  try {
    await ensureChain(w)
  } catch (e) {
    const code = (e as { code?: number }).code ?? (e as { cause?: { code?: number } }).cause?.code
    throw new PatientError(
      `Your wallet is on another network. Switch it to “${chain.name}” (chain ${chain.id})${code === 4001 ? ' when your wallet asks' : ''}, then try again. Nothing was signed.`,
      'chain',
    )
  }
  const types = Object.fromEntries(Object.entries(td.types).filter(([k]) => k !== 'EIP712Domain'))
  return client(w).signTypedData({
    account: getAddress(address),
    domain: td.domain,
    types,
    primaryType: td.primaryType,
    message: td.message,
  })
}

/** What went wrong, for the patient: what happened, and what to do next. */
export function patientProblem(e: unknown, doing: 'consent' | 'revoke' | 'load'): string {
  if (e instanceof PatientError) return e.message
  const nothing = doing === 'consent' ? 'Your consent was not given.' : doing === 'revoke' ? 'Your consent was not revoked.' : ''
  if (e instanceof ApiError) {
    const m = e.message
    if (e.code === 'UNAUTHENTICATED') return 'Your session has ended. Sign in again with your wallet; nothing was changed.'
    if (/not signed by the enrolled patient/.test(m))
      return `The signature came from another account than the one enrolled in this study. Switch your wallet to the account you signed in with and try again. ${nothing}`
    if (/no consent in force|not in force|no such consent/.test(m))
      return `This consent is no longer in force: it was already revoked or replaced (perhaps from another device). Nothing was changed. The page now shows where it stands; you can give a new consent.`
    if (/replayed or out of order/.test(m)) return `Your consents for this study changed while you were signing (perhaps from another device). ${nothing} Reload the page and try again.`
    if (/already expired/.test(m)) return `That end date has already passed. Choose a later one. ${nothing}`
    if (/signed for another chain|another deployment/.test(m)) return `The document was signed for another network or server. Switch your wallet to this server's network and try again. ${nothing}`
    if (/not enrolled/.test(m)) return `You are not enrolled in this study under that number. Ask the study's data steward. ${nothing}`
    if (/invalid consent: /.test(m)) return `The consent was refused: ${m.replace(/^.*invalid consent: /, '')}. ${nothing}`
    if (e.code === 'FORBIDDEN') return `The server refused: ${m}. ${nothing}`.trim()
    return `${m} ${nothing}`.trim()
  }
  if (e instanceof WalletError) return e.message
  const code = (e as { code?: number }).code ?? (e as { cause?: { code?: number } }).cause?.code
  if (/must match the active chainId/i.test((e as { message?: string }).message ?? ''))
    return `Your wallet switched to another network while signing. Switch it back to the desci chain and try again. ${nothing}`
  if (code === 4001) return `You declined in your wallet. Nothing was signed or sent; ${doing === 'revoke' ? 'your consent stays in force' : 'nothing changed'}.`
  return walletWords(e)
}
