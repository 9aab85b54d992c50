// The donor's pages (issue 15 item 5): /donor lists grants and rounds and,
// signed in, what you gave, your badges and what you can reclaim;
// /donor/grants/N is a grant with its milestones, evidence, donation and
// refund; /donor/rounds/N a quadratic-funding round with its estimated
// matches and donations through it.

import { useEffect, useState } from 'preact/hooks'
import { path, Link } from '../router'
import { session } from '../session'
import { listGrants, grantAndRounds, roundAndGrants, type Grant, type Round } from '../donor/api'
import { tokenInfo, chainNow, hasBadge, type Token } from '../donor/chain'
import { donorWords, sessionEnded } from '../donor/errors'
import { useLoad } from '../donor/load'
import { GrantCard, GrantState, Milestones, Progress, grantSummary, grantTitle } from '../donor/parts'
import { DonateForm } from '../donor/donate'
import { Refund } from '../donor/refund'
import { MatchChart, type Preview } from '../donor/chart'
import { amount, date, relative } from '../donor/units'
import { roundGiven } from '../donor/chain'
import '../donor/donor.css'

export function Donor() {
  const p = path.value
  const g = /^\/donor\/grants\/(\d+)$/.exec(p)
  const r = /^\/donor\/rounds\/(\d+)$/.exec(p)
  const ended = !session.value && sessionEnded.value
  useEffect(() => {
    if (session.value) sessionEnded.value = ''
  }, [session.value])
  return (
    <>
      {ended && (
        <p role="alert" class="error">
          {ended}
        </p>
      )}
      {g ? <GrantPage id={Number(g[1])} /> : r ? <RoundPage id={Number(r[1])} /> : <DonorHome />}
    </>
  )
}

function Failed({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <p role="alert" class="error">
      {donorWords(error)}{' '}
      <button class="outline" onClick={retry}>
        Try again
      </button>
    </p>
  )
}

function Loading({ what }: { what: string }) {
  return <p aria-busy="true">Loading {what}…</p>
}

/** The tokens of a set of grants and rounds, and the chain's clock. */
async function context(tokens: string[]) {
  const [now, ...ts] = await Promise.all([chainNow(), ...[...new Set(tokens.map((t) => t.toLowerCase()))].map(tokenInfo)])
  const map = new Map<string, Token>(ts.map((t) => [t.address.toLowerCase(), t]))
  return { now, token: (a: string) => map.get(a.toLowerCase())! }
}

type RoundStatus = 'upcoming' | 'open' | 'closing' | 'closed'

function roundStatus(r: Round, now: Date): RoundStatus {
  if (r.root) return 'closed'
  if (now < new Date(r.start)) return 'upcoming'
  if (now <= new Date(r.end)) return 'open'
  return 'closing'
}

function roundWords(r: Round, now: Date): string {
  const end = new Date(r.end)
  switch (roundStatus(r, now)) {
    case 'upcoming':
      return `Opens ${date(r.start)}.`
    case 'open':
      return `Open for donations until ${date(end)} (${relative(end, now)}).`
    case 'closing':
      return `Closed ${date(end)}; its matching is being committed.`
    case 'closed':
      return `Closed ${date(end)}; matches are paid to the grants.`
  }
}

function DonorHome() {
  const me = session.value?.address
  const d = useLoad(async () => {
    const l = await listGrants()
    const c = await context([...l.grants.map((g) => g.token), ...l.rounds.map((r) => r.token)])
    return { ...l, ...c }
  }, [])
  const badges = useLoad(async () => {
    if (!me || !d.data?.grantsContract) return new Set<number>()
    const mine = d.data.grants.filter((g) => g.donations.some((x) => x.donor.toLowerCase() === me.toLowerCase()))
    const held = await Promise.all(mine.map((g) => hasBadge(d.data!.grantsContract!, BigInt(g.id), me)))
    return new Set(mine.filter((_, i) => held[i]).map((g) => g.id))
  }, [me, d.data])
  return (
    <>
      <h1 tabIndex={-1}>Fund research</h1>
      <p>
        Give to research grants. Your money is held in escrow on the chain and paid out to the researchers only as they publish each promised result, checked by reviewers. If a grant misses its goal or is
        cancelled, you can take your money back.
      </p>
      {d.error && !d.data ? <Failed error={d.error} retry={d.reload} /> : null}
      {!d.data && !d.error && <Loading what="grants" />}
      {d.data && (
        <>
          {me && <YourGiving grants={d.data.grants} token={d.data.token} badges={badges.data} me={me} />}
          {d.data.rounds.length > 0 && (
            <section aria-labelledby="rounds">
              <h2 id="rounds">Matching rounds</h2>
              <p>In a round, a sponsor’s pool is shared among the grants by how many people give to each (quadratic funding): many small donations count more than one large one.</p>
              <ul>
                {d.data.rounds.map((r) => (
                  <li>
                    <Link href={`/donor/rounds/${r.id}`}>Round {r.id}</Link>: pool {amount(r.pool, d.data!.token(r.token))}, {r.grants.length} grants. {roundWords(r, d.data!.now)}
                  </li>
                ))}
              </ul>
            </section>
          )}
          <section aria-labelledby="grants">
            <h2 id="grants">Grants</h2>
            {d.data.grants.length === 0 && <p>No grants yet.</p>}
            <div class="grants">
              {d.data.grants.map((g) => (
                <GrantCard g={g} token={d.data!.token(g.token)} now={d.data!.now} />
              ))}
            </div>
          </section>
        </>
      )}
    </>
  )
}

function YourGiving({ grants, token, badges, me }: { grants: Grant[]; token: (a: string) => Token; badges?: Set<number>; me: string }) {
  const mine = grants.flatMap((g) => g.donations.filter((x) => x.donor.toLowerCase() === me.toLowerCase()).map((x) => ({ g, x })))
  return (
    <section aria-labelledby="giving">
      <h2 id="giving">Your giving</h2>
      {mine.length === 0 ? (
        <p>You have not given to a grant from this account yet.</p>
      ) : (
        <ul class="giving">
          {mine.map(({ g, x }) => (
            <li>
              <Link href={`/donor/grants/${g.id}`}>{grantTitle(g)}</Link>: you gave {amount(x.donated, token(g.token))}.
              {BigInt(x.reclaimable) > 0n && (g.state === 'failed' || g.state === 'cancelled') && <strong> You can reclaim {amount(x.reclaimable, token(g.token))}.</strong>}
              {BigInt(x.refunded) > 0n && <> Reclaimed {amount(x.refunded, token(g.token))}.</>}
              {badges?.has(g.id) && (
                <span class="badge" role="img" aria-label={`Supporter badge for grant ${g.id}`} title="A soulbound supporter badge: it stays with your account and cannot be transferred or sold.">
                  ★ Supporter badge
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      {mine.length > 0 && <p><small>A supporter badge is a token minted to your account on your first donation to a grant. It is soulbound: it cannot be transferred or sold.</small></p>}
    </section>
  )
}

function GrantPage({ id }: { id: number }) {
  const d = useLoad(async () => {
    const l = await grantAndRounds(id)
    if (!l.grant) return { ...l, grant: null, now: new Date(), token: null as Token | null }
    const c = await context([l.grant.token])
    return { ...l, now: c.now, token: c.token(l.grant.token) }
  }, [id])
  const me = session.value?.address
  const badge = useLoad(() => (me && d.data?.grant && d.data.grantsContract ? hasBadge(d.data.grantsContract, BigInt(id), me) : Promise.resolve(false)), [me, d.data])
  if (d.error && !d.data) return <><h1 tabIndex={-1}>Grant {id}</h1><Failed error={d.error} retry={d.reload} /></>
  if (!d.data) return <><h1 tabIndex={-1}>Grant {id}</h1><Loading what="the grant" /></>
  const { grant: g, token, now, rounds } = d.data
  if (!g || !token)
    return (
      <>
        <h1 tabIndex={-1}>No grant {id}</h1>
        <p>
          There is no grant with this number. <Link href="/donor">See all grants</Link>.
        </p>
      </>
    )
  const open = rounds.filter((r) => r.grants.includes(g.id) && roundStatus(r, now) === 'open')
  return (
    <>
      <p>
        <Link href="/donor">← All grants</Link>
      </p>
      <h1 tabIndex={-1}>{grantTitle(g)}</h1>
      <p>{grantSummary(g)}</p>
      <GrantState g={g} />
      <Progress g={g} token={token} now={now} />
      {badge.data && (
        <p class="badge-note">
          <span class="badge">★ Supporter badge</span> You hold this grant’s supporter badge (soulbound: it cannot be transferred).
        </p>
      )}
      <section aria-labelledby="milestones">
        <h2 id="milestones">Milestones</h2>
        <p>
          Each milestone is paid out when the researchers notarize its result (a signed record anchored on the chain) and {g.threshold} of the {g.reviewers.length} reviewers approve it.
        </p>
        <Milestones g={g} token={token} />
      </section>
      {g.state === 'open' && (
        <section aria-labelledby="give">
          <h2 id="give">Give to this grant</h2>
          {open.length > 0 && (
            <p>
              This grant is in {open.map((r, i) => (
                <>
                  {i > 0 && ', '}
                  <Link href={`/donor/rounds/${r.id}`}>matching round {r.id}</Link>
                </>
              ))}: give through the round to have your donation matched.
            </p>
          )}
          {session.value ? <DonateForm grant={g} token={token} grants={d.data.grantsContract} onDone={d.reload} /> : <p>Sign in with your wallet (at the top of the page) to give.</p>}
        </section>
      )}
      {session.value && d.data.grantsContract && <Refund grant={g} token={token} grants={d.data.grantsContract} onDone={d.reload} />}
      <p>
        <small>
          {g.donations.length} donor{g.donations.length === 1 ? '' : 's'}. Paid to <code>{g.beneficiary}</code>.
        </small>
      </p>
    </>
  )
}

function RoundPage({ id }: { id: number }) {
  const d = useLoad(async () => {
    const l = await roundAndGrants(id)
    const c = await context([l.round.token])
    return { ...l, now: c.now, token: c.token(l.round.token) }
  }, [id])
  const [choice, setChoice] = useState<number | null>(null)
  const [preview, setPreview] = useState<Preview>(null)
  const me = session.value?.address
  if (d.error && !d.data) return <><h1 tabIndex={-1}>Round {id}</h1><Failed error={d.error} retry={d.reload} /></>
  if (!d.data) return <><h1 tabIndex={-1}>Round {id}</h1><Loading what="the round" /></>
  const { round: r, token, now, grants } = d.data
  const eligible = grants.filter((g) => r.grants.includes(g.id))
  const chosen = eligible.find((g) => g.id === (choice ?? eligible.find((x) => x.state === 'open')?.id))
  const status = roundStatus(r, now)
  return (
    <>
      <p>
        <Link href="/donor">← All grants</Link>
      </p>
      <h1 tabIndex={-1}>Matching round {r.id}</h1>
      <p>
        {roundWords(r, now)} Pool: {amount(r.pool, token)}; no grant gets more than {r.capBps / 100}% of it.
      </p>
      <MatchChart round={r} token={token} preview={preview} />
      <p>
        <small>
          The estimate is recomputed from the chain’s donations as you look; it changes as people give, and is fixed when the round closes.
        </small>
      </p>
      {status === 'open' && (
        <section aria-labelledby="give">
          <h2 id="give">Give through this round</h2>
          {!session.value ? (
            <p>Sign in with your wallet (at the top of the page) to give.</p>
          ) : (
            <>
              <label for="grant-choice">Grant</label>
              <select
                id="grant-choice"
                value={chosen?.id}
                onChange={(e) => {
                  setChoice(Number((e.target as HTMLSelectElement).value))
                  setPreview(null)
                }}
              >
                {eligible.map((g) => (
                  <option value={g.id} disabled={g.state !== 'open'}>
                    {grantTitle(g)}: {grantSummary(g)}
                    {g.state !== 'open' ? ' (not taking donations)' : ''}
                  </option>
                ))}
              </select>
              {chosen && chosen.state === 'open' && (
                <DonateForm
                  key={chosen.id}
                  grant={chosen}
                  token={token}
                  grants={d.data.grantsContract}
                  round={r}
                  onDone={() => {
                    setPreview(null)
                    d.reload()
                  }}
                  onAmount={async (x) => {
                    if (!x || !me || !d.data?.grantsContract) return setPreview(null)
                    const given = await roundGiven(d.data.grantsContract, BigInt(r.id), BigInt(chosen.id), me).catch(() => 0n)
                    setPreview({ grant: chosen.id, amount: x, given })
                  }}
                />
              )}
            </>
          )}
        </section>
      )}
    </>
  )
}
