// The patient's pages (issue 15 item 4): signed in with their wallet, a
// patient sees their studies and what they signed, gives, changes or
// revokes consent, and reads who used their data as a timeline.
//   /patient                          studies, notices, timeline
//   /patient/consent/STUDY/SUBJECT    the consent form

import { useEffect, useState } from 'preact/hooks'
import { session, clearSession } from '../session'
import { path } from '../router'
import { wallets, connected, connect, signIn, walletWords, type WalletInfo } from '../wallet'
import { ConsentForm } from '../patient/consentform'
import { shortAddress } from '../patient/words'
import { Studies } from '../patient/studies'
import { Timeline, notices } from '../patient/timeline'
import '../patient/patient.css'
import { mine, loadFailed, result, problem, reload, forget, lastSeen, markSeen, fail, say } from '../patient/state'

export function Patient() {
  const s = session.value
  const address = s?.address ?? ''
  useEffect(() => {
    if (address) reload(address)
    else forget()
  }, [address])
  // A wallet that switches accounts ends the session (wallet.ts); say why.
  useEffect(() => {
    if (!address) return
    const onAccounts = (accounts: string[]) => {
      if (accounts[0]?.toLowerCase() !== address.toLowerCase()) {
        // wallet.ts does the same for the wallet it connected, in this page load only.
        clearSession()
        connected.value = null
        fail(
          accounts[0]
            ? `Your wallet switched to another account (${shortAddress(accounts[0])}), so you were signed out of ${shortAddress(address)}. Sign in again with the account whose data you want to see.`
            : 'Your wallet disconnected this site, so you were signed out. Sign in again to continue.',
        )
      }
    }
    const ps = wallets.value.map((w) => w.provider)
    ps.forEach((p) => p.on?.('accountsChanged', onAccounts))
    return () => ps.forEach((p) => p.removeListener?.('accountsChanged', onAccounts))
  }, [address])
  const form = /^\/patient\/consent\/([^/]+)\/([^/]+)\/?$/.exec(path.value)
  return (
    <>
      <h1 tabIndex={-1}>My health data</h1>
      {/* Always in the page, so screen readers announce what is put in them. */}
      <p role="status" aria-live="polite" class="result">
        {result.value}
      </p>
      <p role="alert" class="error">
        {problem.value}
      </p>
      {!s ? <SignedOut /> : form ? <ConsentForm study={decodeURIComponent(form[1])} subject={decodeURIComponent(form[2])} /> : <Overview address={address} />}
    </>
  )
}

function SignedOut() {
  const [busy, setBusy] = useState(false)
  const ws = wallets.value
  async function start(w: WalletInfo) {
    setBusy(true)
    problem.value = ''
    try {
      const a = await connect(w)
      await signIn(w, a)
      say('You are signed in. Your studies are below.')
    } catch (e) {
      fail(walletWords(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <section aria-labelledby="signin-title">
      <h2 id="signin-title">Sign in with your wallet</h2>
      <p>
        Your wallet is your key: with it you decide who may use your health data and for what, and you see every time it is used. Signing in
        costs nothing and sends no transaction.
      </p>
      {ws.length === 0 ? (
        <p>No wallet was found in this browser. Install a browser wallet (or open this page in your wallet app’s browser), then reload.</p>
      ) : (
        <div class="actions">
          {ws.map((w) => (
            <button aria-busy={busy} disabled={busy} onClick={() => start(w)}>
              Sign in with {ws.length === 1 ? 'your wallet' : w.name}
            </button>
          ))}
        </div>
      )}
    </section>
  )
}

function Overview({ address }: { address: string }) {
  const m = mine.value
  const [seen] = useState(() => lastSeen(address))
  useEffect(() => {
    const top = m?.log.reduce((x, a) => Math.max(x, a.seq), 0) ?? 0
    if (top) markSeen(address, top)
  }, [m, address])
  if (!m && !loadFailed.value) return <p aria-busy="true">Loading your studies…</p>
  if (!m) {
    return (
      <p>
        Your studies could not be loaded. <button onClick={() => reload(address)}>Try again</button>
      </p>
    )
  }
  const ns = notices(m.log, m.docs, seen)
  return (
    <>
      {ns.length > 0 && (
        <section aria-labelledby="notices-title" class="notices">
          <h2 id="notices-title">Notices</h2>
          <ul>
            {ns.map((n) => (
              <li>{n}</li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="studies-title">
        <h2 id="studies-title">Your studies</h2>
        <Studies enrollments={m.enrollments} docs={m.docs} />
      </section>
      <section aria-labelledby="log-title">
        <h2 id="log-title">Who used your data</h2>
        <p>
          Every request for data that touched your rows, newest first: who asked, when, for what, under which of your consents, and each time your
          rows were left out and why. Researchers receive de-identified rows only.
        </p>
        <Timeline log={m.log} docs={m.docs} />
      </section>
    </>
  )
}
