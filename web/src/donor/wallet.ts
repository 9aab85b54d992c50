// The donor's wallet for a payment or a signature: the account signed in
// with, on the desci chain. Each check fails with words and the next step,
// before the wallet is asked for anything.

import { getAddress } from 'viem'
import { connected, connect, desciChain, ensureChain, wallets, type WalletInfo } from '../wallet'
import { session } from '../session'
import { short } from '../components/wallet'
import { DonorError } from './errors'
import { waitMined } from './chain'
import type { Prepared, TypedData } from './api'

export type Ready = { wallet: WalletInfo; address: `0x${string}` }

export async function donorWallet(): Promise<Ready> {
  const s = session.value
  if (!s) throw new DonorError('Sign in with your wallet first (the button at the top of the page).')
  let c = connected.value
  if (!c) {
    const w = wallets.value[0]
    if (!w) throw new DonorError('No wallet found in this browser. Install a browser wallet, then reload this page.')
    await connect(w)
    c = connected.value
    if (!c) throw new DonorError('Your wallet did not connect. Try again.')
  } else {
    try {
      await ensureChain(c.wallet)
    } catch (e) {
      const code = (e as { code?: number; cause?: { code?: number } }).code ?? (e as { cause?: { code?: number } }).cause?.code
      if (code !== 4001) throw e
      const chain = await desciChain()
      throw new DonorError(
        `Your wallet is on another network, and switching to “${chain.name}” was declined. Switch your wallet to it (chain ${chain.id}), then try again. Nothing was sent.`,
      )
    }
  }
  // The wallet's account now, not when it connected: not every wallet
  // announces a switch (accountsChanged).
  const [now] = ((await c.wallet.provider.request({ method: 'eth_accounts' })) ?? []) as string[]
  const address = now ? getAddress(now) : c.address
  if (address.toLowerCase() !== s.address.toLowerCase()) {
    throw new DonorError(
      `Your wallet is using account ${short(address)}, but you signed in as ${short(s.address)}. Switch to that account in your wallet, or sign out and sign in again.`,
    )
  }
  return { wallet: c.wallet, address }
}

/** Sends a transaction from the wallet (eth_sendTransaction: the wallet signs and sends it to /rpc) and waits for it to be mined. */
export async function send(r: Ready, tx: Prepared) {
  const hash = (await r.wallet.provider.request({
    method: 'eth_sendTransaction',
    params: [{ from: r.address, to: tx.to, data: tx.data, ...(tx.gas ? { gas: tx.gas } : {}), ...(tx.value && tx.value !== '0x0' ? { value: tx.value } : {}) }],
  } as never)) as `0x${string}`
  const receipt = await waitMined(hash)
  return { hash, ok: receipt.status === 'success' }
}

/** Asks the wallet to sign EIP-712 typed data (eth_signTypedData_v4). */
export async function signTyped(r: Ready, td: TypedData): Promise<string> {
  return (await r.wallet.provider.request({
    method: 'eth_signTypedData_v4',
    params: [r.address, JSON.stringify(td)],
  } as never)) as string
}
