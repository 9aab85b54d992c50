// A reader opens the public page of a research object (web/landing): it
// works without JavaScript, loads nothing from elsewhere, is accessible at
// phone width, its BibTeX is the one /m/CID/cite.bib serves, and its JSON-LD
// is a schema.org Dataset using only the vocabulary's Dataset properties.
import assert from 'node:assert/strict'
import { fixture, origin, launch, step, done, checkA11y, shoot } from './harness.mjs'

async function manifests(kind) {
  const r = await fetch(origin + '/graphql', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ query: `{ manifests(first: 20, kind: "${kind}") { nodes { cid title } } }` }),
  })
  return (await r.json()).data.manifests.nodes
}

// The schema.org properties a Dataset has (its own and those of
// CreativeWork and Thing it inherits) that the page uses.
const datasetProperties = new Set([
  '@context', '@type', '@id', 'url', 'name', 'description', 'identifier', 'creator', 'dateCreated', 'datePublished',
  'license', 'keywords', 'isBasedOn', 'version', 'distribution', 'publisher',
])

const b = await launch()
const datasets = await manifests('dataset')
assert.ok(datasets.length > 0, 'the demo published no dataset')
const dataset = datasets[datasets.length - 1]

await step('the public page reads without JavaScript', async () => {
  const context = await b.browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } })
  const page = await context.newPage()
  const res = await page.goto(`${origin}/m/${dataset.cid}`)
  assert.equal(res.status(), 200)
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), dataset.title)
  await page.getByRole('heading', { name: 'Cite this' }).waitFor()
  await context.close()
})

const { page, checkClean } = await b.open({ key: fixture.keys[Object.keys(fixture.keys)[0]] })

await step('the page is accessible, loads nothing from elsewhere and breaks no CSP', async () => {
  await page.goto(`${origin}/m/${dataset.cid}`)
  await page.getByRole('heading', { level: 1 }).waitFor()
  await checkA11y(page, 'public page of a dataset')
  await shoot(page, 'public-page')
  checkClean()
})

await step('the BibTeX on the page is the one /m/CID/cite.bib serves', async () => {
  const shown = await page.locator('#bibtex').inputValue()
  const served = await (await fetch(`${origin}/m/${dataset.cid}/cite.bib`)).text()
  assert.equal(shown, served)
  assert.match(shown, new RegExp(`^@misc\\{desci-${dataset.cid},`))
})

await step('the JSON-LD is a schema.org Dataset', async () => {
  const doc = JSON.parse(await page.locator('script[type="application/ld+json"]').textContent())
  assert.equal(doc['@context'], 'https://schema.org')
  assert.equal(doc['@type'], 'Dataset')
  assert.equal(doc.name, dataset.title)
  assert.ok(doc.description, 'a Dataset needs a description')
  for (const k of Object.keys(doc)) assert.ok(datasetProperties.has(k), `${k} is not a Dataset property`)
  for (const d of doc.distribution ?? []) {
    assert.equal(d['@type'], 'DataDownload')
    assert.ok(d.contentUrl.startsWith(origin + '/m/'), d.contentUrl)
  }
})

await step('the result the demo released a grant on shows the grant citing it', async () => {
  assert.ok(fixture.result, 'the fixture names no result')
  await page.goto(`${origin}/m/${fixture.result}`)
  await page.getByRole('heading', { name: 'Grants citing it' }).waitFor()
  const grants = await page.locator('section[aria-labelledby="grants"] li').allTextContents()
  assert.ok(grants.some((g) => /released on it in block \d+, approved by/.test(g)), grants.join('\n'))
  await shoot(page, 'public-page-result')
  await checkA11y(page, 'public page of a result')
  checkClean()
})

await done()
