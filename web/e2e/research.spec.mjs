// A researcher publishes from the web: files with the manifest's fields,
// uploaded with progress; the publication moves from queued to anchored;
// its receipt downloads and verifies on the verify page with the same file;
// a correction and a new version are appended. A wallet without the
// researcher role is told so.
import assert from 'node:assert/strict'
import { writeFileSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fixture, origin, launch, step, done, checkA11y, shoot } from './harness.mjs'

const b = await launch()
const scratch = mkdtempSync(join(tmpdir(), 'desci-research-'))
const file = join(scratch, 'effect-sizes.csv')
writeFileSync(file, `arm,effect\nA,0.41\nB,0.17\n# ${Date.now()}\n`)

async function signIn(page) {
  await page.goto(origin + '/research')
  await page.getByRole('button', { name: /sign in/i }).click()
  await page.locator('summary', { hasText: /signed in as/i }).waitFor()
}

await step('a wallet without the researcher role is told how to get it', async () => {
  const { page } = await b.open({ key: fixture.keys['donor'] })
  await signIn(page)
  await page.getByText(/has no researcher role/).waitFor()
})

const { page, checkClean } = await b.open({ key: fixture.keys['researcher'] })
let cid = ''

await step('publish a result with authors, licence and keywords', async () => {
  await signIn(page)
  await page.getByLabel('What is it?').selectOption('result')
  await page.getByLabel('Title').fill('Effect sizes by arm')
  await page.getByLabel('Description').fill('Per-arm effect sizes, from the web.')
  await page.getByLabel(/Authors/).fill('Ada Lovelace 0000-0002-1825-0097\nGrace Hopper')
  await page.getByLabel(/Licence/).fill('CC-BY-4.0')
  await page.getByLabel(/Keywords/).fill('trial, effect')
  await page.getByLabel(/^Files/).setInputFiles(file)
  await page.getByRole('button', { name: 'Publish', exact: true }).click()
  const text = await page.getByRole('status').filter({ hasText: /^Published / }).textContent()
  cid = text.match(/Published (\S+)\./)[1]
  await checkA11y(page, 'research page')
  await shoot(page, 'research')
  checkClean()
})

await step('it moves from queued to anchored', async () => {
  await page.getByText(/Anchored in block/).first().waitFor({ timeout: 60_000 })
})

let receiptFile = ''
await step('its receipt downloads and verifies with the same file on the verify page', async () => {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download receipt' }).first().click()])
  receiptFile = join(scratch, 'receipt.json')
  await dl.saveAs(receiptFile)
  assert.equal(JSON.parse(readFileSync(receiptFile, 'utf8')).cid, cid)
  const bundle = await page.getByRole('button', { name: 'Download bundle' }).first().getAttribute('href')
  const res = await fetch(origin + bundle)
  assert.equal(res.status, 200, `GET ${bundle}`)
  assert.equal(res.headers.get('content-type'), 'application/vnd.ipld.car; version=1')
  const v = await b.open({})
  await v.page.goto(origin + '/verify')
  await v.page.getByLabel('Receipt file').setInputFiles(receiptFile)
  await v.page.getByLabel('Files', { exact: true }).setInputFiles(file)
  await v.page.getByRole('button', { name: 'Check', exact: true }).click()
  await v.page.getByText('Verified.').waitFor()
})

await step('a correction is appended, the original unchanged', async () => {
  await page.getByRole('button', { name: 'Correct' }).first().click()
  await page.getByLabel(/What was wrong/).fill('arm B effect is 0.18')
  await page.getByRole('button', { name: 'Publish the correction' }).click()
  await page.getByText(/Corrected: arm B effect is 0.18/).waitFor()
})

await step('a new version supersedes it', async () => {
  const v2 = join(scratch, 'effect-sizes-v2.csv')
  writeFileSync(v2, 'arm,effect\nA,0.41\nB,0.18\n')
  await page.getByRole('button', { name: 'New version' }).first().click()
  const form = page.locator('article form').last()
  await form.getByLabel('Title').fill('Effect sizes by arm, v2')
  await form.getByLabel(/^Files/).setInputFiles(v2)
  await form.getByRole('button', { name: 'Publish the new version' }).click()
  await page.getByRole('status').filter({ hasText: /^Published / }).waitFor()
  const r = await fetch(`${origin}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `{ manifest(cid: "${cid}") { versions { cid title } } }` }) })
  const versions = (await r.json()).data.manifest.versions
  assert.ok(versions.some((v) => v.title === 'Effect sizes by arm, v2'), `versions: ${JSON.stringify(versions)}`)
})

await step('a large file goes resumably: a dropped connection resumes from what the server holds', async () => {
  const big = join(scratch, 'scan.bin')
  const bytes = Buffer.alloc(9 << 20)
  for (let i = 0; i + 4 <= bytes.length; i += 4096) bytes.writeUInt32LE(i, i)
  writeFileSync(big, bytes)
  let patches = 0
  await page.route('**/uploads/*', (route) => (route.request().method() === 'PATCH' && patches++ === 0 ? route.abort('connectionreset') : route.continue()))
  await page.goto(origin + '/research')
  await page.getByLabel('Title').fill('A large scan')
  await page.getByLabel(/^Files/).setInputFiles(big)
  await page.getByRole('button', { name: 'Publish', exact: true }).click()
  const text = await page.getByRole('status').filter({ hasText: /^Published / }).textContent({ timeout: 60_000 })
  await page.unroute('**/uploads/*')
  assert.ok(patches >= 3, `${patches} PATCHes: one dropped, then 8 MiB and 1 MiB`)
  const big_cid = text.match(/Published (\S+)\./)[1]
  const r = await fetch(`${origin}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `{ manifest(cid: "${big_cid}") { content { files { path size } } } }` }) })
  const files = (await r.json()).data.manifest.content.files
  assert.deepEqual(files, [{ path: 'scan.bin', size: 9 << 20 }])
})

await done()
