// Connect a wallet and sign in: one button in the header, a short list
// when there are several wallets, and the error in words when it fails.

import { signal } from '@preact/signals'
import { wallets, connected, connect, signIn, walletWords, type WalletInfo } from '../wallet'
import { session, clearSession } from '../session'
import { gql } from '../api'

const busy = signal(false)
const problem = signal('')
const choosing = signal(false)

export function short(a: string) {
  return `${a.slice(0, 6)}…${a.slice(-4)}`
}

async function start(w: WalletInfo) {
  busy.value = true
  problem.value = ''
  choosing.value = false
  try {
    const address = await connect(w)
    await signIn(w, address)
  } catch (e) {
    problem.value = walletWords(e)
  } finally {
    busy.value = false
  }
}

export function WalletButton() {
  const s = session.value
  if (s) {
    return (
      <details class="dropdown">
        <summary>Signed in as {short(s.address)}</summary>
        <ul dir="rtl">
          <li>
            <a
              href="#"
              onClick={async (e) => {
                e.preventDefault()
                await gql('mutation { signOut }').catch(() => {})
                clearSession()
                connected.value = null
              }}
            >
              Sign out
            </a>
          </li>
        </ul>
      </details>
    )
  }
  const ws = wallets.value
  return (
    <>
      {ws.length === 0 ? (
        <span>No wallet found. Install a browser wallet to sign in.</span>
      ) : ws.length === 1 || !choosing.value ? (
        <button aria-busy={busy.value} disabled={busy.value} onClick={() => (ws.length === 1 ? start(ws[0]) : (choosing.value = true))}>
          Sign in with wallet
        </button>
      ) : (
        <fieldset>
          <legend>Choose your wallet</legend>
          {ws.map((w) => (
            <button class="secondary" onClick={() => start(w)}>
              {w.name}
            </button>
          ))}
        </fieldset>
      )}
      {problem.value && (
        <p role="alert" class="error">
          {problem.value}
        </p>
      )}
    </>
  )
}
