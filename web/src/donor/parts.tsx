// Small pieces of the donor's pages: a grant's progress, its state in
// words, its milestones with their evidence.

import { Link } from '../router'
import { short } from '../components/wallet'
import type { Grant, Milestone } from './api'
import { manifest } from './api'
import type { Token } from './chain'
import { useLoad } from './load'
import { amount, date, relative } from './units'

export function grantTitle(g: Grant) {
  return `Grant ${g.id}`
}

export function grantSummary(g: Grant) {
  return g.milestones.map((m) => m.description).join('; ')
}

export function percent(part: bigint, whole: bigint): number {
  if (whole <= 0n) return 0
  return Math.min(100, Number((part * 1000n) / whole) / 10)
}

export function Progress({ g, token, now }: { g: Grant; token: Token; now: Date }) {
  const raised = BigInt(g.raised)
  const goal = BigInt(g.goal)
  const pc = percent(raised, goal)
  const deadline = new Date(g.deadline)
  const text = `${amount(raised, token)} raised of ${amount(goal, token)} (${pc}%)`
  return (
    <div class="progress">
      <progress value={pc} max={100} aria-label={`Raised: ${pc}% of the goal`} />
      <p>
        <strong>{text}</strong>
        <br />
        {g.state === 'open' ? (
          <>
            Donations until <time dateTime={g.deadline}>{date(deadline)}</time> ({relative(deadline, now)}).
          </>
        ) : (
          <>
            Deadline <time dateTime={g.deadline}>{date(deadline)}</time>.
          </>
        )}
        {BigInt(g.released) > 0n && <> Released to the researchers: {amount(g.released, token)}.</>}
        {BigInt(g.refunded) > 0n && <> Refunded to donors: {amount(g.refunded, token)}.</>}
      </p>
    </div>
  )
}

const stateWords: Record<Grant['state'], string> = {
  open: 'Raising funds',
  funded: 'Fully funded: paid out milestone by milestone, as each result is notarized and approved',
  failed: 'Missed its goal by the deadline: donors can reclaim their donations',
  cancelled: 'Cancelled: donors can reclaim what was not paid out',
  completed: 'Completed: every milestone paid out',
}

export function GrantState({ g }: { g: Grant }) {
  return <mark class={`state state-${g.state}`}>{stateWords[g.state]}</mark>
}

export function GrantCard({ g, token, now }: { g: Grant; token: Token; now: Date }) {
  return (
    <article class="grant">
      <header>
        <h3>
          <Link href={`/donor/grants/${g.id}`}>{grantTitle(g)}</Link>
        </h3>
        <GrantState g={g} />
      </header>
      <p>{grantSummary(g)}</p>
      <Progress g={g} token={token} now={now} />
    </article>
  )
}

/** A deliverable's manifest, read from the notary: its title and when it was anchored. */
function Evidence({ cid }: { cid: string }) {
  const m = useLoad(() => manifest(cid), [cid])
  if (m.loading && !m.data) return <span aria-busy="true">Reading the notarized record…</span>
  if (!m.data) return <code class="cid">{cid}</code>
  const r = m.data.receipt
  return (
    <>
      “{m.data.title}” (a notarized {m.data.kind}, <code class="cid">{short(cid)}</code>)
      {r ? (
        <>
          , anchored on the chain <time dateTime={r.blockTime}>{date(r.blockTime)}</time> in block {r.blockNumber}
        </>
      ) : (
        <>, not anchored yet</>
      )}
    </>
  )
}

export function Milestones({ g, token }: { g: Grant; token: Token }) {
  return (
    <ol class="milestones">
      {g.milestones.map((m: Milestone) => {
        const approved = m.approvals
        return (
          <li>
            <strong>{m.description}</strong>: {amount(m.amount, token)}.{' '}
            {m.released ? <mark>Paid out</mark> : <span>Not paid out yet.</span>}
            {m.evidence && (
              <p>
                Evidence: <Evidence cid={m.evidence.cid} />.
              </p>
            )}
            {approved.length > 0 ? (
              <p>
                Approved by {approved.length} of {g.reviewers.length} reviewers ({g.threshold} needed):{' '}
                {approved.map((a, i) => (
                  <>
                    {i > 0 && ', '}
                    <code title={a.reviewer}>{short(a.reviewer)}</code>
                  </>
                ))}
                {!m.evidence && approved[0] && (
                  <>
                    {' '}
                    for <Evidence cid={approved[0].cid} />
                  </>
                )}
                .
              </p>
            ) : (
              !m.released && (
                <p>
                  No reviewer has approved a result yet ({g.threshold} of {g.reviewers.length} must).
                </p>
              )
            )}
          </li>
        )
      })}
    </ol>
  )
}
