// A reviewer checks a publication in the browser, trusting no server:
// the receipt (loaded from the server or a file), their own file hashed in
// a worker, the chain asked through an endpoint they pick. No file byte is
// sent anywhere; each failure names the check and what differs.
import assert from 'node:assert/strict'
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createServer } from 'node:http'
import { fixture, origin, launch, step, done, checkA11y, shoot, metric } from './harness.mjs'

const b = await launch()
const { page, context, checkClean } = await b.open({})
const m = fixture.method
const secret = readFileSync(m.file)
const sent = []
context.on('request', (r) => {
  const body = r.postDataBuffer()
  if (body) sent.push(body)
})
const scratch = mkdtempSync(join(tmpdir(), 'desci-verify-'))

async function check() {
  await page.getByRole('button', { name: 'Check', exact: true }).click()
  await page.locator('#result-h').waitFor()
  await page.getByRole('button', { name: 'Check', exact: true }).and(page.locator(':not([aria-busy="true"])')).waitFor()
}

await step('the method verifies: receipt from the server, file hashed here, chain through the server endpoint', async () => {
  await page.goto(`${origin}/verify?cid=${m.cid}`)
  await page.getByText(`Receipt for ${m.cid}`).waitFor()
  await page.getByLabel('Files', { exact: true }).setInputFiles(m.file)
  await check()
  await page.getByText('Verified.').waitFor()
  for (const name of ['Receipt', 'Signature', 'Merkle proof', 'Content', 'Chain and contract', 'Anchoring', 'Block']) {
    await page.locator('li', { hasText: name }).first().waitFor()
  }
  await checkA11y(page, 'verify page')
  await shoot(page, 'verify')
  checkClean()
})

await step('no request carried the file', async () => {
  const needle = secret.subarray(0, Math.min(64, secret.length))
  assert.ok(sent.length > 0, 'no requests recorded')
  assert.equal(sent.filter((body) => body.includes(needle)).length, 0, 'a request carried the file bytes')
})

await step('a changed file fails "content changed" and is named', async () => {
  const changed = join(scratch, 'analysis.py')
  writeFileSync(changed, Buffer.concat([secret, Buffer.from('# one more line\n')]))
  await page.getByLabel('Files', { exact: true }).setInputFiles(changed)
  await check()
  await page.getByRole('alert').filter({ hasText: /Failed: content changed/ }).filter({ hasText: 'analysis.py' }).waitFor()
})

await step('a receipt for another manifest fails "receipt"', async () => {
  const r = JSON.parse(readFileSync(m.receipt, 'utf8'))
  r.cid = 'bafyreih2x6dksa24gq63cbnt6cmunusljufom76qfkmwqptaxxddbubske'
  const f = join(scratch, 'other.receipt.json')
  writeFileSync(f, JSON.stringify(r))
  await page.getByLabel('Receipt file').setInputFiles(f)
  await page.getByLabel('Files', { exact: true }).setInputFiles(m.file)
  await check()
  await page.getByRole('alert').filter({ hasText: /Failed: receipt/ }).waitFor()
})

await step('an endpoint that does not answer is "could not check", not false', async () => {
  await page.getByLabel('Receipt file').setInputFiles(m.receipt)
  await page.getByLabel('another endpoint').check()
  await page.getByLabel('JSON-RPC URL').fill('http://127.0.0.1:1')
  await check()
  await page.getByRole('alert').filter({ hasText: /Could not check/ }).waitFor()
})

await step('the chain asked directly at an endpoint of its own (not through this server)', async () => {
  // Public JSON-RPC endpoints answer browsers (CORS); the dev chain's own
  // port does not, so it is put behind one here, as a provider would.
  const rpc = createServer(async (req, res) => {
    res.setHeader('Access-Control-Allow-Origin', '*')
    res.setHeader('Access-Control-Allow-Headers', 'content-type')
    if (req.method === 'OPTIONS') return res.end()
    const body = []
    for await (const c of req) body.push(c)
    const up = await fetch(fixture.rpc, { method: 'POST', headers: { 'content-type': 'application/json' }, body: Buffer.concat(body) })
    res.setHeader('content-type', 'application/json')
    res.end(Buffer.from(await up.arrayBuffer()))
  })
  await new Promise((ok) => rpc.listen(0, '127.0.0.1', ok))
  await page.getByLabel('JSON-RPC URL').fill(`http://127.0.0.1:${rpc.address().port}`)
  await check()
  await page.getByText('Verified.').waitFor()
  rpc.close()
})

await step('a verification bundle from the public page verifies alone: content by its hashes, chain by the endpoint picked', async () => {
  const res = await fetch(`${origin}/m/${m.cid}/bundle.desci.car`)
  assert.equal(res.status, 200)
  const f = join(scratch, 'method.desci.car')
  writeFileSync(f, Buffer.from(await res.arrayBuffer()))
  await page.goto(`${origin}/verify`)
  await page.getByLabel('Receipt file').setInputFiles(f)
  await page.getByText(`Receipt for ${m.cid}`).waitFor()
  await page.getByLabel(/this server's endpoint/).check()
  await check()
  await page.getByText('Verified.').waitFor()
  await page.locator('li', { hasText: 'The bundle carries the content' }).waitFor()
  await page.getByLabel('Files', { exact: true }).setInputFiles(m.file)
  await check()
  await page.getByText('Verified.').waitFor()
  await page.locator('li', { hasText: 'Your files give' }).waitFor()
  await shoot(page, 'verify-bundle')
})

await step('a changed bundle is refused, naming the block', async () => {
  const good = readFileSync(join(scratch, 'method.desci.car'))
  const bad = Buffer.from(good)
  bad[bad.length - 5] ^= 0x20
  const f = join(scratch, 'changed.desci.car')
  writeFileSync(f, bad)
  await page.getByLabel('Receipt file').setInputFiles(f)
  await page.getByRole('alert').filter({ hasText: /does not match its CID|cut short|declares/ }).waitFor()
})

await step('hashing speed in the browser (64 MiB, reported)', async () => {
  await page.getByLabel('Receipt file').setInputFiles(m.receipt)
  const big = join(scratch, 'big.bin')
  const chunk = Buffer.alloc(1 << 20)
  for (let i = 0; i < chunk.length; i++) chunk[i] = (i * 2654435761) >>> 24
  writeFileSync(big, Buffer.concat(Array.from({ length: 64 }, () => chunk)))
  await page.getByLabel('Files', { exact: true }).setInputFiles(big)
  const t0 = Date.now()
  await check()
  const s = (Date.now() - t0) / 1000
  metric('verify page: hash 64 MiB in a worker', Math.round(64 * 1.048576 / s), 'MB/s')
})

await done()
