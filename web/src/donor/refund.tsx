// Reclaim a donation from a grant that missed its goal or was cancelled:
// the wallet sends refund(grantId) to the Grants contract.

import { useState } from 'preact/hooks'
import { encodeFunctionData } from 'viem'
import { session } from '../session'
import type { Grant } from './api'
import { ethBalance, grantsAbi, reader, type Token } from './chain'
import { DonorError, donorWords } from './errors'
import { donorWallet, send } from './wallet'
import { amount, date } from './units'

export function Refund({ grant, token, grants, onDone }: { grant: Grant; token: Token; grants: string; onDone: () => void }) {
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState('')
  const [done, setDone] = useState('')
  const me = session.value?.address.toLowerCase()
  const mine = grant.donations.find((d) => d.donor.toLowerCase() === me)
  if (!mine) return null
  const refundable = grant.state === 'failed' || grant.state === 'cancelled'
  const reclaimable = BigInt(mine.reclaimable)

  async function reclaim() {
    setBusy(true)
    setProblem('')
    try {
      const r = await donorWallet()
      const data = encodeFunctionData({ abi: grantsAbi, functionName: 'refund', args: [BigInt(grant.id)] })
      const c = await reader()
      // The chain is asked first, so a refund it would refuse is explained, not sent.
      const gas = await c.estimateGas({ account: r.address, to: grants as `0x${string}`, data })
      if ((await ethBalance(r.address)) === 0n) throw new DonorError('Your account has no ETH to pay the network fee for the refund. Add a little ETH to it, then try again.')
      const res = await send(r, { to: grants as `0x${string}`, data, gas: `0x${((gas * 12n) / 10n).toString(16)}` })
      if (!res.ok) throw new DonorError('The refund failed on the chain. Nothing changed; try again.')
      setDone(`${amount(reclaimable, token)} is back in your account.`)
      onDone()
    } catch (e) {
      setProblem(donorWords(e, token))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section aria-labelledby="yours">
      <h2 id="yours">Your donation</h2>
      <p>
        You gave {amount(mine.donated, token)} to this grant.
        {BigInt(mine.refunded) > 0n && <> You have reclaimed {amount(mine.refunded, token)}.</>}
      </p>
      {refundable && reclaimable > 0n && (
        <>
          <p>
            {grant.state === 'failed'
              ? `The grant missed its goal by its deadline (${date(grant.deadline)}), so you can reclaim all of it.`
              : 'The grant was cancelled, so you can reclaim your share of what was not paid out.'}
          </p>
          <button onClick={reclaim} disabled={busy} aria-busy={busy}>
            Reclaim {amount(reclaimable, token)}
          </button>
        </>
      )}
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
    </section>
  )
}
