// "Your donation of X adds about Y of matching": the round's capped
// quadratic funding (grants/qf.go, doc/quadratic-funding.md) recomputed in
// the browser from what the round query gives (each grant's raised and
// score, the pool and the cap) with one more donation. Each grant's
// Σ√c is recovered from its score, (Σ√c)² − Σc, so the figures can differ
// from the server's by rounding: the page says "about".

export type Line = { grant: bigint; raised: bigint; score: bigint }

const shift = 64n // √c in units of 2^-32, as grants/qf.go

export function isqrt(n: bigint): bigint {
  if (n < 2n) return n
  let x = BigInt(1) << BigInt(Math.ceil(n.toString(2).length / 2))
  for (;;) {
    const y = (x + n / x) >> 1n
    if (y >= x) return x
    x = y
  }
}

/** The matches of a round with these lines (ComputeMatching's distribution). */
export function distribute(pool: bigint, cap: bigint, lines: Line[]): bigint[] {
  const match = lines.map(() => 0n)
  let remaining = pool
  let active = lines.map((_, i) => i).filter((i) => lines[i].score > 0n)
  while (active.length) {
    const total = active.reduce((s, i) => s + lines[i].score, 0n)
    const shares = active.map((i) => (remaining * lines[i].score) / total)
    if (!shares.some((s) => s > cap)) {
      active.forEach((i, k) => (match[i] = shares[k]))
      break
    }
    const next: number[] = []
    active.forEach((i, k) => {
      if (shares[k] > cap) {
        match[i] = cap
        remaining -= cap
      } else next.push(i)
    })
    active = next
  }
  return match
}

/**
 * How the round's matching changes if donor, who has already given
 * `given` to `grant` through the round, gives `x` more: every grant's
 * match before and after (a donation to one grant moves the others'
 * shares too).
 */
export function withDonation(pool: bigint, cap: bigint, lines: Line[], grant: bigint, given: bigint, x: bigint) {
  const before = distribute(pool, cap, lines)
  const after = distribute(
    pool,
    cap,
    lines.map((l) => {
      if (l.grant !== grant) return l
      const sum = isqrt((l.score + l.raised) << shift) - isqrt(given << shift) + isqrt((given + x) << shift)
      const raised = l.raised + x
      const score = ((sum * sum) >> shift) - raised
      return { grant: l.grant, raised, score: score > 0n ? score : 0n }
    }),
  )
  const i = lines.findIndex((l) => l.grant === grant)
  return { before, after, added: i < 0 ? 0n : after[i] - before[i] }
}
