// The donor's arithmetic (src/donor/qf.ts, units.ts), checked with node's
// own test runner (`npm test`). The match vectors are grants/qf.go's
// ComputeMatching on the demo's open round (pool 500 tUSD, cap 80%).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import * as qf from '../.test-build/donor/qf.js'
import * as u from '../.test-build/donor/units.js'

const tUSD = { decimals: 6, symbol: 'tUSD' }
const M = 1_000_000n
// Grant 5: 20 and 5 tUSD from two donors; grant 6: 30 from one.
const lines = [
  { grant: 5n, raised: 25n * M, score: 19_999_999n },
  { grant: 6n, raised: 30n * M, score: 0n },
]
const pool = 500n * M
const cap = 400n * M

test('isqrt is the floor of the square root', () => {
  for (const n of [0n, 1n, 2n, 3n, 4n, 15n, 16n, 17n, 10n ** 40n, 10n ** 40n - 1n, (1n << 127n) + 12345n]) {
    const r = qf.isqrt(n)
    assert.ok(r * r <= n && (r + 1n) * (r + 1n) > n, `isqrt(${n}) = ${r}`)
  }
})

test('the round as it is: the matched grant is capped, the unmatched one gets nothing (as grants/qf.go)', () => {
  assert.deepEqual(qf.distribute(pool, cap, lines), [400n * M, 0n])
})

test('a new donor to the unmatched grant: the estimate is grants/qf.go’s matching after the donation', () => {
  const e = qf.withDonation(pool, cap, lines, 6n, 0n, 10n * M)
  const want = [183_012_696n, 316_987_303n]
  e.after.forEach((v, i) => assert.ok(v - want[i] <= 2n && want[i] - v <= 2n, `grant ${lines[i].grant}: ${v}, qf.go ${want[i]}`))
  assert.equal(e.added, e.after[1])
})

test('a donor giving again counts once: √(c0 + x), not √c0 + √x', () => {
  // Donor 2 (5 tUSD to grant 5) gives 7 more; qf.go: score 30,983,866, still capped.
  const e = qf.withDonation(pool, cap, lines, 5n, 5n * M, 7n * M)
  assert.deepEqual(e.after, [400n * M, 0n])
  assert.equal(e.added, 0n)
})

test('amounts read in token units with the symbol', () => {
  assert.equal(u.amount(1_234_567_890n, tUSD), '1,234.56789 tUSD')
  assert.equal(u.amount('0', tUSD), '0 tUSD')
  assert.equal(u.approx(316_987_303n, tUSD), '316.99 tUSD')
  assert.equal(u.approx(183_012_696n, tUSD), '183.01 tUSD')
})

test('what a donor types is parsed, or refused in words', () => {
  assert.equal(u.parse('12.50', tUSD), 12_500_000n)
  assert.equal(u.parse(' 1,000 tUSD ', tUSD), 1_000n * M)
  assert.equal(u.parse('.5', tUSD), 500_000n)
  for (const [text, words] of [
    ['', /Enter how much/],
    ['0', /above zero/],
    ['12.3456789', /6 decimal places/],
    ['ten', /is not an amount/],
    ['1e6', /is not an amount/],
    ['-5', /is not an amount/],
    ['.', /is not an amount/],
  ]) {
    assert.throws(() => u.parse(text, tUSD), (e) => e instanceof u.AmountError && words.test(e.message), text)
  }
})
