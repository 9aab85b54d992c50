// A round's estimated matches: bars drawn with CSS for the eye (hidden
// from screen readers), and the same figures in a table for everyone.

import type { Round } from './api'
import type { Token } from './chain'
import { withDonation } from './qf'
import { amount, approx } from './units'

export type Preview = { grant: number; amount: bigint; given: bigint } | null

export function MatchChart({ round, token, preview }: { round: Round; token: Token; preview: Preview }) {
  const m = round.matching
  const lines = m.grants.map((g) => ({ grant: BigInt(g.grant), raised: BigInt(g.raised), score: BigInt(g.score) }))
  const now = m.grants.map((g) => BigInt(g.match))
  const after = preview ? withDonation(BigInt(m.pool), BigInt(m.cap), lines, BigInt(preview.grant), preview.given, preview.amount).after : null
  const top = [...now, ...(after ?? []), 1n].reduce((a, b) => (b > a ? b : a))
  const w = (v: bigint) => `${Number((v * 1000n) / top) / 10}%`
  return (
    <figure class="chart">
      <figcaption id={`chart-${round.id}`}>
        Estimated match of each grant now{after ? ', and after your donation' : ''}, from a pool of {amount(m.pool, token)} (at most {amount(m.cap, token)} each)
      </figcaption>
      <div class="bars" aria-hidden="true">
        {m.grants.map((g, i) => (
          <div class="bar-row">
            <span class="bar-label">Grant {g.grant}</span>
            <span class="bar-track">
              <span class="bar now" style={{ width: w(now[i]) }} />
              {after && after[i] !== now[i] && <span class="bar after" style={{ width: w(after[i]) }} />}
            </span>
            <span class="bar-value">{approx(after ? after[i] : now[i], token)}</span>
          </div>
        ))}
      </div>
      <div class="overflow-auto" tabIndex={0} role="region" aria-label={`Round ${round.id}'s estimated matches, as a table`}>
        <table aria-describedby={`chart-${round.id}`}>
          <thead>
            <tr>
              <th scope="col">Grant</th>
              <th scope="col">Donors</th>
              <th scope="col">Given through the round</th>
              <th scope="col">Estimated match</th>
              {after && <th scope="col">After your donation</th>}
            </tr>
          </thead>
          <tbody>
            {m.grants.map((g, i) => (
              <tr>
                <th scope="row">Grant {g.grant}</th>
                <td>{g.donors}</td>
                <td>{amount(g.raised, token)}</td>
                <td data-match={g.grant}>
                  {approx(now[i], token)}
                  {g.capped && ' (capped)'}
                </td>
                {after && <td>{approx(after[i], token)}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  )
}
