// Times the verify page hashing FILE in its worker: from the click on
// Check to the content check's answer (the file is not the publication,
// so the answer is "content changed"; the time is all hashing).
import { fixture, origin, launch } from '../web/e2e/harness.mjs'
import { statSync } from 'node:fs'

const [file, runs = '3'] = process.argv.slice(2)
const mb = statSync(file).size / 1e6
const b = await launch()
for (let i = 1; i <= Number(runs); i++) {
  const { page, context } = await b.open({})
  await page.goto(`${origin}/verify?cid=${fixture.method.cid}`)
  await page.getByText(`Receipt for ${fixture.method.cid}`).waitFor()
  await page.getByLabel('Files', { exact: true }).setInputFiles(file)
  const t0 = Date.now()
  await page.getByRole('button', { name: 'Check', exact: true }).click()
  await page.getByRole('alert').filter({ hasText: /content changed/ }).waitFor({ timeout: 600_000 })
  const s = (Date.now() - t0) / 1000
  console.log(`run ${i}: the verify page hashed ${mb.toFixed(0)} MB in ${s.toFixed(2)} s: ${(mb / s).toFixed(0)} MB/s`)
  await context.close()
}
await b.browser.close()
