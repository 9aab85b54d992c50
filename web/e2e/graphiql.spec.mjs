// GraphiQL at /graphiql: bundled from npm, it runs a query against this
// origin's /graphql and loads nothing from anywhere else, under its CSP.
import assert from 'node:assert/strict'
import { origin, launch, step, done, metric, shoot } from './harness.mjs'

const b = await launch()
const { page, requests, checkClean } = await b.open({ viewport: { width: 1280, height: 800 } })
const scripts = []
page.on('requestfinished', (r) => {
  if (r.resourceType() === 'script') scripts.push(r)
})

await step('GraphiQL loads from this origin only and runs a query', async () => {
  await page.goto(origin + '/graphiql')
  await page.locator('.graphiql-execute-button').waitFor()
  let bytes = 0
  for (const r of scripts) bytes += (await r.sizes()).responseBodySize
  metric('first load /graphiql (GraphiQL, not under the app budget): JavaScript transferred', bytes, 'bytes')
  await page.locator('.graphiql-execute-button').click()
  await page.locator('.result-window').getByText('"data"').waitFor()
  assert.doesNotMatch(await page.locator('.result-window').innerText(), /"errors"/)
  assert.ok(requests.some((u) => u === origin + '/graphql'), 'no request to /graphql')
  await shoot(page, 'graphiql')
  checkClean()
})

await done()
