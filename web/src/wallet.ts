// Wallets as dApps find them: EIP-6963 announcements from every injected
// wallet, and window.ethereum (EIP-1193) for wallets that only do that.
// Everything goes through the wallet's own request method, so a test
// wallet injected the same way is exercised by the same calls.

import { signal } from '@preact/signals'
import { createWalletClient, custom, defineChain, getAddress, type Chain, type EIP1193Provider } from 'viem'
import { createSiweMessage } from 'viem/siwe'
import { gql, nodeInfo } from './api'
import { saveSession, clearSession, type Session } from './session'

export type WalletInfo = { uuid: string; name: string; icon?: string; rdns?: string; provider: EIP1193Provider }

/** Wallets found so far, EIP-6963 first; updated as wallets announce themselves. */
export const wallets = signal<WalletInfo[]>([])
/** The wallet in use and its account, once connected. */
export const connected = signal<{ wallet: WalletInfo; address: `0x${string}` } | null>(null)

type Announce = CustomEvent<{ info: { uuid: string; name: string; icon?: string; rdns?: string }; provider: EIP1193Provider }>

export function discoverWallets() {
  window.addEventListener('eip6963:announceProvider', (e: Event) => {
    const { info, provider } = (e as Announce).detail
    if (!provider || wallets.value.some((w) => w.uuid === info.uuid)) return
    wallets.value = [...wallets.value.filter((w) => w.uuid !== 'window.ethereum' || w.provider !== provider), { ...info, provider }]
  })
  window.dispatchEvent(new Event('eip6963:requestProvider'))
  const legacy = (window as unknown as { ethereum?: EIP1193Provider }).ethereum
  if (legacy) {
    // Give announcements a moment; keep window.ethereum only if nobody announced it.
    setTimeout(() => {
      if (!wallets.value.some((w) => w.provider === legacy)) {
        wallets.value = [...wallets.value, { uuid: 'window.ethereum', name: 'Browser wallet', provider: legacy }]
      }
    }, 200)
  }
}

let chainCache: Chain | null = null

/** The chain this server anchors and funds on, with its JSON-RPC at /rpc of this origin. */
export async function desciChain(): Promise<Chain> {
  if (chainCache) return chainCache
  const { chainId } = await nodeInfo()
  chainCache = defineChain({
    id: chainId,
    name: chainId === 1337 ? 'desci dev chain' : `desci chain ${chainId}`,
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [`${location.origin}/rpc`] } },
  })
  return chainCache
}

export class WalletError extends Error {}

/** Words for what a wallet throws (EIP-1193 codes). */
export function walletWords(e: unknown): string {
  const err = e as { code?: number; message?: string; cause?: { code?: number } }
  const code = err.code ?? err.cause?.code
  if (code === 4001) return 'You declined the request in your wallet. Nothing was signed or sent.'
  if (code === 4100) return 'Your wallet has not allowed this site to use the account. Connect again and allow it.'
  if (code === 4902) return 'Your wallet does not know the desci chain yet. Approve adding it when your wallet asks.'
  if (code === -32002) return 'Your wallet already has a request waiting. Open your wallet to answer it.'
  if (e instanceof WalletError) return e.message
  return err.message ? `Your wallet reported a problem: ${err.message}` : 'Your wallet reported a problem.'
}

export function client(w: WalletInfo) {
  return createWalletClient({ transport: custom(w.provider) })
}

/** Asks the wallet for an account and makes sure it is on the desci chain (adding it if need be). */
export async function connect(w: WalletInfo): Promise<`0x${string}`> {
  const c = client(w)
  const [address] = await c.requestAddresses()
  if (!address) throw new WalletError('Your wallet has no account to connect. Create or unlock one, then try again.')
  await ensureChain(w)
  connected.value = { wallet: w, address: getAddress(address) }
  w.provider.on?.('accountsChanged', (accounts: string[]) => {
    if (!accounts.length || getAddress(accounts[0]) !== connected.value?.address) {
      connected.value = null
      clearSession()
    }
  })
  return getAddress(address)
}

export async function ensureChain(w: WalletInfo) {
  const chain = await desciChain()
  const c = client(w)
  if ((await c.getChainId()) === chain.id) return
  try {
    await c.switchChain({ id: chain.id })
  } catch (e) {
    const code = (e as { code?: number; cause?: { code?: number } }).code ?? (e as { cause?: { code?: number } }).cause?.code
    if (code !== 4902) throw e
    await c.addChain({ chain })
  }
  if ((await c.getChainId()) !== chain.id) {
    throw new WalletError(`Your wallet is on another network. Switch it to "${chain.name}" (chain ${chain.id}) and try again.`)
  }
}

/** Sign-In with Ethereum: the server's nonce, a message the wallet shows, a session. */
export async function signIn(w: WalletInfo, address: `0x${string}`): Promise<Session> {
  const chain = await desciChain()
  const { siweNonce } = await gql<{ siweNonce: string }>('mutation { siweNonce }')
  const message = createSiweMessage({
    domain: location.host,
    address,
    statement: 'Sign in to desci. This costs nothing and sends no transaction.',
    uri: location.origin,
    version: '1',
    chainId: chain.id,
    nonce: siweNonce,
    issuedAt: new Date(),
  })
  const signature = await client(w).signMessage({ account: address, message })
  const { signIn } = await gql<{ signIn: Session }>(
    'mutation($m: String!, $s: String!) { signIn(message: $m, signature: $s) { address token expires roles } }',
    { m: message, s: signature },
  )
  saveSession(signIn)
  return signIn
}
