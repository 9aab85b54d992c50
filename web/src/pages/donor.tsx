import { session } from '../session'

// The donor's pages: grants, milestones, donations, refunds, badges,
// rounds. (issue 15 item 5; being built.)
export function Donor() {
  return (
    <>
      <h1 tabIndex={-1}>Fund research</h1>
      {session.value ? <p>Signed in as {session.value.address}.</p> : <p>Sign in with your wallet to donate.</p>}
    </>
  )
}
