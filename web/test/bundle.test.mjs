// The verify page's bundle reader (src/verify/bundle.ts) on doc/bundle.md's
// test vector, and on that vector changed the ways a stranger would.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { readBundle } from '../.test-build/verify/bundle.js'
import { checkOffline } from '../.test-build/verify/check.js'

const vector = readFileSync(new URL('../../notary/testdata/bundle-example.desci.car', import.meta.url))

test('the test vector reads: manifest, receipt, chain, content', async () => {
  const b = await readBundle(new Blob([vector]))
  assert.equal(b.manifest, 'bafyreifrdyu6seoubv2walpphy3ilo47o3dgojsa5ydwb3urbzasuijxs4')
  assert.equal(b.chainId, 1337)
  assert.equal(b.notary.toLowerCase(), '0x5fbdb2315678afecb367f032d93f642f64180aa3')
  assert.deepEqual(b.rpc, ['http://127.0.0.1:8545'])
  assert.equal(b.content, true)
  assert.equal(b.blocks.size, 6)
  const { checks } = await checkOffline(b.receipt)
  assert.deepEqual(checks.map((c) => c.name), ['receipt', 'manifest signature', 'proof'])
})

test('hostile bundles are refused with a reason', async () => {
  const flip = Buffer.from(vector)
  flip[flip.length - 3] ^= 1
  const cases = [
    ['empty', Buffer.alloc(0), /not a verification bundle|cut short/],
    ['garbage', Buffer.from('hello, I am not a CAR'), /not a verification bundle|cut short/],
    ['cut short', vector.subarray(0, vector.length - 100), /cut short/],
    ['a changed byte', flip, /does not match its CID|cut short|declares/],
  ]
  for (const [name, bytes, want] of cases) {
    await assert.rejects(readBundle(new Blob([bytes])), want, name)
  }
})

test('a bundle larger than the page holds in memory is refused before it is read', async () => {
  await assert.rejects(readBundle(new Blob([vector]), vector.length - 1), /more than this page checks in memory/)
})
