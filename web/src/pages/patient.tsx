import { session } from '../session'

// The patient's pages: studies, consent, revocation, access log, notices.
// (issue 15 item 4; being built.)
export function Patient() {
  return (
    <>
      <h1 tabIndex={-1}>My health data</h1>
      {session.value ? <p>Signed in as {session.value.address}.</p> : <p>Sign in with your wallet to see your studies and consents.</p>}
    </>
  )
}
