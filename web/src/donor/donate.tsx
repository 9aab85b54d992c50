// Donate: without gas (the donor signs an EIP-2612 permit and an EIP-712
// donation; the server relays them) when the server offers it, or with
// the wallet sending the approval and the donation itself.

import { useState, useEffect } from 'preact/hooks'
import { session } from '../session'
import { ApiError } from '../api'
import { desciChain } from '../wallet'
import { short } from '../components/wallet'
import type { Grant, Round } from './api'
import { gasless, prepareDonation, donationToSign, relayDonation } from './api'
import { allowance, ethBalance, roundGiven, tokenBalance, type Token } from './chain'
import { DonorError, donorWords, noEth } from './errors'
import { donorWallet, send, signTyped } from './wallet'
import { amount, approx, parse } from './units'
import { withDonation, type Line } from './qf'
import { useLoad } from './load'

async function devHint(address: string, symbol: string): Promise<string> {
  const c = await desciChain()
  return c.id === 1337 ? ` On this development chain, get test ${symbol} with: desci grants faucet ${address} --amount 100` : ''
}

/** Fails with words if the donor cannot pay x: the next step included. */
async function checkBalance(address: string, token: Token, x: bigint) {
  const bal = await tokenBalance(token.address, address)
  if (bal === 0n) throw new DonorError(`You have 0 ${token.symbol}, so there is nothing to give yet.${await devHint(address, token.symbol)}`)
  if (x > bal)
    throw new DonorError(
      `You have ${amount(bal, token)}, less than the ${amount(x, token)} you entered. Give at most ${amount(bal, token)}.${await devHint(address, token.symbol)}`,
    )
}

export type Estimate = { line: Line[]; pool: bigint; cap: bigint }

export function DonateForm(props: { grant: Grant; token: Token; grants: string | null; round?: Round; onDone: () => void; onAmount?: (x: bigint | null) => void }) {
  const { grant, token, round } = props
  const [text, setText] = useState('')
  const [busy, setBusy] = useState(false)
  const [step, setStep] = useState('')
  const [problem, setProblem] = useState('')
  const [done, setDone] = useState('')
  const relay = useLoad(() => gasless().catch(() => false), [])
  const me = session.value?.address
  const given = useLoad(
    () => (round && me && props.grants ? roundGiven(props.grants, BigInt(round.id), BigInt(grant.id), me) : Promise.resolve(0n)),
    [round?.id, grant.id, me],
  )
  let x: bigint | null = null
  try {
    x = text.trim() ? parse(text, token) : null
  } catch {
    x = null
  }
  useEffect(() => props.onAmount?.(x), [x?.toString()])

  const room = BigInt(grant.goal) - BigInt(grant.raised)
  let estimate = ''
  if (round && x && given.data !== undefined) {
    const lines = round.matching.grants.map((g) => ({ grant: BigInt(g.grant), raised: BigInt(g.raised), score: BigInt(g.score) }))
    const e = withDonation(BigInt(round.matching.pool), BigInt(round.matching.cap), lines, BigInt(grant.id), given.data, x)
    estimate = `Your donation of ${amount(x, token)} adds about ${approx(e.added, token)} of matching from the round’s pool.`
  }

  async function donate(mode: 'gasless' | 'wallet') {
    setProblem('')
    setDone('')
    setBusy(true)
    try {
      const x = parse(text, token)
      const r = await donorWallet()
      await checkBalance(r.address, token, x)
      const roundId = round?.id
      if (mode === 'gasless') {
        setStep('Preparing what you will sign…')
        const { permit, donation } = await donationToSign(grant.id, x, roundId)
        setStep(`Step 1 of 2: in your wallet, sign the permit that lets the grant take ${amount(x, token)}. It costs nothing.`)
        const ps = await signTyped(r, permit)
        setStep(`Step 2 of 2: in your wallet, sign the donation of ${amount(x, token)} to ${`grant ${grant.id}`}. It costs nothing.`)
        const ds = await signTyped(r, donation)
        setStep('Sending your signed donation; the server pays the network fee…')
        const res = await relayDonation(permit, ps, donation, ds)
        if (!res.success) throw new DonorError(`The donation failed on the chain, and nothing was taken: ${donorWords(new ApiError(res.revertReason ?? 'no reason given', 'REVERTED'), token)}`)
      } else {
        if ((await ethBalance(r.address)) === 0n) {
          throw new DonorError(relay.data ? noEth : 'Your account has no ETH to pay the network fee. Add a little ETH to this account, then try again.')
        }
        setStep('Preparing the transactions…')
        const [approve, give] = await prepareDonation(grant.id, x, roundId)
        const spender = give.to
        const needsApproval = (await allowance(token.address, r.address, spender)) < x
        if (needsApproval) {
          setStep(`Step 1 of 2: in your wallet, approve the grants contract to take ${amount(x, token)}.`)
          const a = await send(r, approve)
          if (!a.ok) throw new DonorError('The approval failed on the chain. Nothing was taken; try again.')
        }
        setStep(`${needsApproval ? 'Step 2 of 2' : 'One step'}: in your wallet, confirm the donation of ${amount(x, token)}.`)
        const d = await send(r, give)
        if (!d.ok) throw new DonorError('The donation failed on the chain. Nothing was taken; the approval stays and is used next time.')
      }
      const kept = x > room ? ` The grant needed only ${amount(room, token)}, so it took that and the rest stayed with you.` : ''
      setDone(
        `Thank you: you gave ${amount(x > room ? room : x, token)} to grant ${grant.id}${round ? ` through round ${round.id}` : ''}.${kept} Your supporter badge for this grant is in your account ${short(r.address)}.`,
      )
      setText('')
      props.onDone()
    } catch (e) {
      setProblem(donorWords(e, token))
    } finally {
      setBusy(false)
      setStep('')
    }
  }

  const id = `amount-${grant.id}-${round?.id ?? 0}`
  return (
    <form
      class="donate"
      onSubmit={(e) => {
        e.preventDefault()
        donate(relay.data ? 'gasless' : 'wallet')
      }}
      aria-describedby={`${id}-help`}
    >
      <label for={id}>Amount to give, in {token.symbol}</label>
      <input
        id={id}
        name="amount"
        inputMode="decimal"
        autocomplete="off"
        placeholder="25"
        value={text}
        onInput={(e) => {
          setText((e.target as HTMLInputElement).value)
          setProblem('')
        }}
        aria-invalid={problem ? true : undefined}
        aria-describedby={`${id}-help ${id}-estimate`}
        disabled={busy}
      />
      <small id={`${id}-help`}>
        Still needed: {amount(room > 0n ? room : 0n, token)}. Your donation stays in escrow and is paid out only when the researchers publish each promised result; you can reclaim it if the goal is missed or the grant is cancelled.
      </small>
      <p id={`${id}-estimate`} class="estimate" aria-live="polite">
        {estimate}
      </p>
      <div role="group">
        {relay.data && (
          <button type="submit" disabled={busy} aria-busy={busy}>
            Donate without gas
          </button>
        )}
        <button type={relay.data ? 'button' : 'submit'} class={relay.data ? 'secondary' : undefined} disabled={busy} aria-busy={busy && !relay.data} onClick={relay.data ? () => donate('wallet') : undefined}>
          {relay.data ? 'Pay the network fee myself' : 'Donate'}
        </button>
      </div>
      <p aria-live="polite" class="step">
        {step}
      </p>
      {problem && (
        <p role="alert" class="error">
          {problem}
        </p>
      )}
      {done && (
        <p role="status" class="done">
          {done}
        </p>
      )}
    </form>
  )
}
