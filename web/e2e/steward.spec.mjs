// A data steward adds a sealed dataset with its data dictionary: a bad
// dictionary row and a value that does not parse are named before
// anything is sent; fixed, the dataset is added. A researcher then
// requests an extract of it for the demo's study: the page says how many
// rows were delivered and how many withheld by consent, shows the risk
// report as a chart with a table, and the extract downloads with its
// ticket. A wallet without the role is told how to get it.
import assert from 'node:assert/strict'
import { writeFileSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fixture, origin, launch, step, done, checkA11y, shoot } from './harness.mjs'

const b = await launch()
const scratch = mkdtempSync(join(tmpdir(), 'desci-steward-'))

// The demo's subjects (S0000-S0009, study demo-diabetes, consents for HMB;
// one revoked), 5 to 14 visits each (so groups differ in size), and a
// copy with a line whose age is not a number.
let csv = 'subject_id,name,zip,age,sex,hba1c\n'
for (let v = 0; v < 14; v++) for (let i = 0; i < 10; i++) if (v < 5 + i) csv += `S${String(i).padStart(4, '0')},Patient ${i},${10000 + i * 37},${30 + 10 * (i % 3)},${'FM'[i % 2]},${(5.2 + ((i * 7 + v * 3) % 40) / 10).toFixed(1)}\n`
const good = join(scratch, 'visits.csv')
writeFileSync(good, csv)
const badData = join(scratch, 'visits-bad.csv')
writeFileSync(badData, csv.replace('S0003,Patient 3,10111,30,', 'S0003,Patient 3,10111,thirty,'))
const dictionary = (sexType) => `version: 1
columns:
  - {name: subject_id, type: string, role: subject}
  - {name: name, type: string, role: name}
  - {name: zip, type: string, role: zip}
  - {name: age, type: int, role: quasi-identifier, hierarchy: {bands: [10, 20, 40]}}
  - {name: sex, type: ${sexType}, role: quasi-identifier, hierarchy: {map: [{F: F, M: M}]}}
  - {name: hba1c, type: float, role: sensitive}
`
const badDict = join(scratch, 'visits.yaml')
writeFileSync(badDict, dictionary('text'))

async function signIn(page, path) {
  await page.goto(origin + path)
  await page.getByRole('button', { name: /sign in/i }).click()
  await page.locator('summary', { hasText: /signed in as/i }).waitFor()
}

await step('a wallet without the steward role is told how to get it', async () => {
  const { page } = await b.open({ key: fixture.keys['donor'] })
  await signIn(page, '/steward')
  await page.getByText(/has no steward role/).waitFor()
})

const { page, checkClean } = await b.open({ key: fixture.keys['researcher'] })
let cid = ''

await step('a bad dictionary row and a bad value are named before anything is sent', async () => {
  await signIn(page, '/steward')
  await page.getByLabel('Title').fill('Diabetes visits, from the web')
  await page.getByLabel(/Keywords/).fill('diabetes, synthetic')
  await page.getByLabel(/^Data file/).setInputFiles(badData)
  await page.getByLabel('Data dictionary file (YAML or JSON)').setInputFiles(badDict)
  const row = page.locator('tr[data-row="5"]')
  await row.getByText(/unknown type “text”/).waitFor()
  const problems = page.getByRole('list', { name: 'Problems' })
  await problems.getByText(/dictionary row 5 \(sex\): unknown type “text”/).waitFor()
  await page.locator('tr[data-row="4"]').getByText(/line 5, column age: “thirty” is not an integer/).waitFor()
  await problems.getByText(/visits-bad\.csv line 5, column age: “thirty” is not an integer/).waitFor()
  const sent = []
  page.on('request', (r) => r.method() === 'POST' && r.url().endsWith('/graphql') && sent.push(r.postData() ?? ''))
  await page.getByRole('button', { name: 'Add the sealed dataset' }).click()
  await page.getByRole('alert').filter({ hasText: /Nothing was sent/ }).waitFor()
  assert.ok(!sent.some((p) => p.includes('addDataset')), 'the dataset was uploaded despite its problems')
  await checkA11y(page, 'steward page with problems')
  await shoot(page, 'steward-problems')
})

await step('a bad value past what the browser reads is named by the server, and nothing is stored', async () => {
  // The browser checks the first 16 MiB; the server checks every row.
  const big = join(scratch, 'visits-big.csv')
  const body = csv.slice(csv.indexOf('\n') + 1)
  const copies = Math.ceil((17 << 20) / body.length)
  writeFileSync(big, csv + body.repeat(copies) + 'S0003,Patient 3,10111,thirty,F,5.5\n')
  const rows = csv.split('\n').length - 2
  const line = 2 + rows * (copies + 1)
  await page.getByLabel(/^Data dictionary \(edit it here/).fill(dictionary('string'))
  await page.getByLabel(/^Data file/).setInputFiles(big)
  await page.getByRole('button', { name: 'Check the dictionary' }).click()
  await page.getByRole('status').filter({ hasText: /rows are fine and match the data\. \d+ rows of visits-big\.csv checked \(the first 16 MiB; the server checks the rest\)/ }).waitFor()
  await page.getByRole('button', { name: 'Add the sealed dataset' }).click()
  await page
    .getByRole('alert')
    .filter({ hasText: `The server refused the dataset (line ${line}, column age): visits-big.csv:${line}: column age: "thirty" is not an integer. Nothing was stored.` })
    .waitFor({ timeout: 60_000 })
  await page.locator('tr[data-row="4"]').getByText(`the server: visits-big.csv:${line}: column age: "thirty" is not an integer`).waitFor()
  await shoot(page, 'steward-server-refused')
})

await step('fixed, the dataset is added, sealed', async () => {
  const box = page.getByLabel(/^Data dictionary \(edit it here/)
  await box.fill(dictionary('string'))
  await page.getByLabel(/^Data file/).setInputFiles(good)
  await page.getByRole('button', { name: 'Check the dictionary' }).click()
  await page.getByRole('status').filter({ hasText: /rows are fine and match the data\. 95 rows of visits\.csv checked/ }).waitFor()
  await page.getByRole('button', { name: 'Add the sealed dataset' }).click()
  const text = await page.getByRole('status').filter({ hasText: /^Added / }).textContent()
  cid = text.match(/Added (\S+):/)[1]
  await page.getByText(/visits\.csv, \d+ bytes, sealed/).waitFor()
  await checkA11y(page, 'steward page, added')
  await shoot(page, 'steward-added')
  checkClean()
})

await step('a researcher requests an extract: the consent outcome and the risk chart, in words', async () => {
  await page.getByRole('link', { name: 'Request an extract of it' }).click()
  await page.getByRole('heading', { name: 'Request an extract' }).waitFor()
  assert.equal(await page.getByLabel('Dataset (its CID)').inputValue(), cid)
  await page.getByLabel(/^Study/).fill(fixture.dataset.study)
  await page.getByLabel(/What is the extract for/).fill('HbA1c by age and sex in type 2 diabetes')
  await page.getByLabel(/Health, medical or biomedical research/).check()
  await page.getByLabel(/not-for-profit/).check()
  await page.getByLabel(/^k:/).fill('2')
  await page.getByLabel('Format').selectOption('csv')
  await page.getByRole('button', { name: 'Request the extract' }).click()
  const outcome = await page.getByRole('status').filter({ hasText: /rows? delivered/ }).textContent()
  const m = outcome.match(/(\d+) rows? delivered\. (\d+) rows? of (\d+) patients? withheld: their consents do not allow this use\./)
  assert.ok(m, `outcome: ${outcome}`)
  assert.ok(Number(m[2]) >= 10 && Number(m[3]) >= 1, `outcome: ${outcome}`)
  await page.getByRole('list', { name: 'Why rows were withheld' }).waitFor()
  await page.getByRole('img', { name: 'Equivalence-class sizes' }).waitFor()
  await page.getByRole('table', { name: /Equivalence-class sizes, as a table/ }).waitFor()
  for (const r of ['Prosecutor risk', 'Journalist risk', 'Marketer risk']) await page.getByText(new RegExp(`${r}: [\\d.]+%`)).waitFor()
  await checkA11y(page, 'extract outcome')
  await shoot(page, 'extract')
})

await step('the extract downloads with its ticket', async () => {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the extract' }).click()])
  const file = join(scratch, 'extract.csv')
  await dl.saveAs(file)
  const lines = readFileSync(file, 'utf8').trim().split('\n')
  const delivered = Number((await page.getByRole('status').filter({ hasText: /rows? delivered/ }).textContent()).match(/(\d+) rows? delivered/)[1])
  assert.equal(lines.length - 1, delivered, 'rows in the file')
  const header = lines[0].split(',')
  assert.ok(!header.includes('name') && !/Patient \d/.test(lines.join('\n')), `names in the extract: ${lines[0]}`)
  const zip = header.indexOf('zip')
  assert.ok(zip < 0 || lines.slice(1).every((l) => l.split(',')[zip].length <= 3), 'full ZIP codes in the extract')
  checkClean()
})

await step('a wallet without a role is told how to get one on the extract page', async () => {
  const { page } = await b.open({ key: fixture.keys['donor'] })
  await signIn(page, '/extract')
  await page.getByText(/has neither the researcher nor the steward role/).waitFor()
})

await done()
