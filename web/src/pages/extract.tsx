// The researchers' extract request: a de-identified, k-anonymous extract
// of a sealed dataset, filtered by the patients' consents. The page says
// what the request was for in plain words (GA4GH DUO), then what came of
// it: the rows delivered and those withheld because their consents do
// not allow this use, and the re-identification risk as a chart with a
// table beside it, before the researcher downloads anything.

import { signal, useSignal } from '@preact/signals'
import { gql } from '../api'
import { RoleGate } from '../components/rolegate'
import { Link } from '../router'

// The purposes the server's policy reads (policies.Purposes), with the
// DUO term each corresponds to, in a sentence a requester can check.
const uses: { value: string; duo: string; label: string; words: string }[] = [
  { value: 'research', duo: 'GRU', label: 'General research use', words: 'Any research question. Only patients who allowed general research use are included.' },
  { value: 'hmb', duo: 'HMB', label: 'Health, medical or biomedical research', words: 'Research on health or disease. Patients who allowed only one disease are left out.' },
  { value: 'disease', duo: 'DS', label: 'Research on specific diseases', words: 'Research on the diseases you name. Only patients whose consent covers every one of them are included.' },
  { value: 'poa', duo: 'POA', label: 'Population origins or ancestry', words: 'Research on where populations come from. Only patients who allowed this are included.' },
  { value: 'methods', duo: 'NMDS', label: 'Methods development', words: 'Building software, algorithms or statistical methods. Patients who said no to methods development are left out.' },
]

const modifiers: { name: string; duo: string; label: string }[] = [
  { name: 'nonprofit', duo: 'NPU', label: 'Done by a not-for-profit organisation' },
  { name: 'commercial', duo: 'NCU', label: 'Commercial use (selling a product or service built on it)' },
  { name: 'publish', duo: 'PUB', label: 'Results will be published' },
  { name: 'returnResults', duo: 'RTN', label: 'Results will be returned to the data’s source' },
  { name: 'genetic', duo: 'GSO', label: 'Genetic studies' },
]

type Risk = {
  rows: number
  kAchieved: number
  rowsSuppressed: number
  equivalenceClasses: number
  prosecutorRiskHighest: number
  prosecutorRiskAverage: number
  journalistRiskHighest: number
  journalistRiskAverage: number
  marketerRisk: number
  recordsAtHighestRisk: number
}

type Grant = {
  cid: string
  ticket: string
  downloadUrl: string
  expires: string
  rows: number
  rowsWithheld: number
  subjectsWithheld: number
  withheld: { reason: string; rows: number }[]
  risk: Risk
  manifest: { extract: { riskDocument: { class_sizes?: Record<string, number>; quasi_identifiers?: string[] } | null } | null }
}

const problem = signal('')
const grant = signal<Grant | null>(null)
const format = signal('csv')

function known(): { cid: string; title: string }[] {
  try {
    return JSON.parse(localStorage.getItem('desci.datasets') ?? '[]')
  } catch {
    return []
  }
}

const pct = (x: number) => `${(100 * x).toFixed(x > 0 && x < 0.001 ? 3 : 1)}%`
const plural = (n: number, one: string, many = one + 's') => `${n} ${n === 1 ? one : many}`

async function request(e: Event) {
  e.preventDefault()
  problem.value = ''
  grant.value = null
  const f = new FormData(e.currentTarget as HTMLFormElement)
  const s = (k: string) => String(f.get(k) ?? '').trim() || null
  const list = (k: string) =>
    String(f.get(k) ?? '')
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean)
  const v: Record<string, unknown> = {
    dataset: s('dataset'),
    study: s('study'),
    purpose: s('purpose'),
    use: s('use'),
    disease: s('use') === 'disease' ? s('disease') : null,
    k: Number(f.get('k') || 5),
    format: s('format'),
    irb: s('irb'),
    institution: s('institution'),
    project: s('project'),
    region: s('region'),
    columns: list('columns').length ? list('columns') : null,
    collaborators: list('collaborators').length ? list('collaborators') : null,
    methodsDevelopment: s('use') === 'methods',
  }
  for (const m of modifiers) v[m.name] = f.get(m.name) === 'on'
  format.value = String(v.format)
  try {
    const d = await gql<{ requestExtract: Grant }>(
      `mutation($dataset: String!, $study: String, $purpose: String!, $use: String!, $disease: String, $k: Int, $format: String, $irb: String, $institution: String, $project: String, $region: String, $columns: [String!], $collaborators: [String!], $nonprofit: Boolean, $commercial: Boolean, $publish: Boolean, $returnResults: Boolean, $genetic: Boolean, $methodsDevelopment: Boolean) {
        requestExtract(dataset: $dataset, study: $study, purpose: $purpose, use: $use, disease: $disease, k: $k, format: $format, irb: $irb, institution: $institution, project: $project, region: $region, columns: $columns, collaborators: $collaborators, nonprofit: $nonprofit, commercial: $commercial, publish: $publish, returnResults: $returnResults, genetic: $genetic, methodsDevelopment: $methodsDevelopment) {
          cid ticket downloadUrl expires rows rowsWithheld subjectsWithheld withheld { reason rows }
          risk { rows kAchieved rowsSuppressed equivalenceClasses prosecutorRiskHighest prosecutorRiskAverage journalistRiskHighest journalistRiskAverage marketerRisk recordsAtHighestRisk }
          manifest { extract { riskDocument } }
        }
      }`,
      v,
    )
    grant.value = d.requestExtract
    queueMicrotask(() => document.getElementById('outcome')?.focus())
  } catch (err) {
    problem.value = `${(err as Error).message.replace(/^(datasets|policies): /, '')}. The request is recorded in the access log, as every request is.`
  }
}

async function download(g: Grant) {
  problem.value = ''
  try {
    const res = await fetch(g.downloadUrl, { headers: { Authorization: `Bearer ${g.ticket}` } })
    if (!res.ok) throw new Error(`the server answered ${res.status}: ${(await res.text()).trim() || res.statusText}`)
    const blob = await res.blob()
    const a = document.createElement('a')
    a.href = URL.createObjectURL(blob)
    a.download = `${g.cid}.${format.value === 'arrow' ? 'arrow' : format.value}`
    a.click()
    setTimeout(() => URL.revokeObjectURL(a.href), 1000)
  } catch (e) {
    problem.value = `The download failed: ${(e as Error).message}. Your ticket works until ${g.expires}; try again.`
  }
}

/** Equivalence-class sizes as bars (how many groups have each size), with the same numbers as a table. */
function ClassChart({ sizes, k }: { sizes: Record<string, number>; k: number }) {
  const bars = Object.entries(sizes)
    .map(([s, n]) => ({ size: Number(s), classes: n }))
    .sort((a, b) => a.size - b.size)
  if (bars.length === 0) return <p>No rows were delivered, so there are no groups to show.</p>
  const top = Math.max(...bars.map((b) => b.classes))
  const w = 40
  const gap = 12
  const h = 160
  // A fixed drawing size, so one bar is not drawn a page tall.
  const width = Math.max(420, bars.length * (w + gap) + gap + 30)
  const left = (width - bars.length * (w + gap) + gap) / 2
  return (
    <figure>
      <svg role="img" aria-labelledby="chart-title chart-desc" viewBox={`0 0 ${width} ${h + 50}`} class="bars">
        <title id="chart-title">Equivalence-class sizes</title>
        <desc id="chart-desc">
          {bars.map((b) => `${plural(b.classes, 'group')} of ${b.size} rows`).join(', ')}; the smallest group has {k} rows.
        </desc>
        <line x1="10" y1={h + 10} x2={width - 10} y2={h + 10} />
        {bars.map((b, i) => {
          const bh = Math.max(2, (h * b.classes) / top)
          const x = left + i * (w + gap)
          return (
            <g>
              <rect x={x} y={h + 10 - bh} width={w} height={bh} />
              <text x={x + w / 2} y={h + 8 - bh} text-anchor="middle">
                {b.classes}
              </text>
              <text x={x + w / 2} y={h + 26} text-anchor="middle">
                {b.size}
              </text>
            </g>
          )
        })}
        <text x={width / 2} y={h + 44} text-anchor="middle">
          rows per group (bar height: how many groups)
        </text>
      </svg>
      <figcaption>Every delivered row looks the same as at least {k - 1} others on the columns that could identify someone.</figcaption>
      <table>
        <caption>Equivalence-class sizes, as a table</caption>
        <thead>
          <tr>
            <th scope="col">Rows in a group</th>
            <th scope="col">Groups of that size</th>
            <th scope="col">Rows in such groups</th>
          </tr>
        </thead>
        <tbody>
          {bars.map((b) => (
            <tr>
              <td>{b.size}</td>
              <td>{b.classes}</td>
              <td>{b.size * b.classes}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  )
}

function Outcome({ g }: { g: Grant }) {
  const r = g.risk
  const sizes = g.manifest.extract?.riskDocument?.class_sizes ?? {}
  const qi = g.manifest.extract?.riskDocument?.quasi_identifiers ?? []
  return (
    <section aria-labelledby="outcome">
      <h2 id="outcome" tabIndex={-1}>
        Your extract is ready
      </h2>
      <p role="status">
        {plural(g.rows, 'row')} delivered.{' '}
        {g.rowsWithheld > 0
          ? `${plural(g.rowsWithheld, 'row')} of ${plural(g.subjectsWithheld, 'patient')} withheld: their consents do not allow this use.`
          : 'No rows were withheld: every patient’s consent allows this use.'}
      </p>
      {g.withheld.length > 0 && (
        <ul aria-label="Why rows were withheld">
          {g.withheld.map((w) => (
            <li>
              {plural(w.rows, 'row')}: {w.reason}
            </li>
          ))}
        </ul>
      )}
      <p>
        Names, contact details and exact places and dates were removed or coarsened (HIPAA Safe Harbor); patients are pseudonymized. Each patient whose rows were looked at sees this request in their own access log, whether their rows were delivered or withheld.
      </p>
      <h3>Re-identification risk</h3>
      <p>
        Rows are grouped by the columns that could identify someone{qi.length ? ` (${qi.join(', ')})` : ''}: {plural(r.equivalenceClasses, 'group')}, the smallest of {r.kAchieved} rows (k = {r.kAchieved}).{' '}
        {r.rowsSuppressed > 0 ? `${plural(r.rowsSuppressed, 'row')} in groups too small were suppressed (left out).` : 'No rows had to be suppressed to reach k.'}
      </p>
      <ClassChart sizes={sizes} k={r.kAchieved} />
      <dl>
        <dt>Prosecutor risk: {pct(r.prosecutorRiskHighest)} at most, {pct(r.prosecutorRiskAverage)} on average</dt>
        <dd>The chance that someone who knows a patient is in this extract picks out that patient's row.</dd>
        <dt>Journalist risk: {pct(r.journalistRiskHighest)} at most, {pct(r.journalistRiskAverage)} on average</dt>
        <dd>The same chance for someone who does not know whether the patient is in it (without a wider population to compare with, it equals the prosecutor risk).</dd>
        <dt>Marketer risk: {pct(r.marketerRisk)}</dt>
        <dd>The share of all rows someone matching everyone at once would re-identify, on average.</dd>
      </dl>
      <p>
        {plural(r.recordsAtHighestRisk, 'row')} carry the highest risk. The extract is notarized as <code>{g.cid}</code>; your download ticket works until {g.expires}.
      </p>
      <button onClick={() => download(g)}>Download the extract</button>
    </section>
  )
}

function RequestForm() {
  const use = useSignal('hmb')
  const params = new URLSearchParams(location.search)
  const ds = known()
  return (
    <form onSubmit={request}>
      <label>
        Dataset (its CID)
        <input name="dataset" required list="datasets" defaultValue={params.get('dataset') ?? ''} autoComplete="off" />
        <datalist id="datasets">
          {ds.map((d) => (
            <option value={d.cid}>{d.title}</option>
          ))}
        </datalist>
      </label>
      <label>
        Study, whose patients' consents apply (leave empty when it is the dataset itself)
        <input name="study" defaultValue={params.get('study') ?? ''} />
      </label>
      <label>
        What is the extract for? (in your words; it is recorded and shown to the patients)
        <input name="purpose" required maxLength={500} />
      </label>
      <fieldset>
        <legend>Use, as patients' consents name it (GA4GH DUO)</legend>
        {uses.map((u) => (
          <label>
            <input type="radio" name="use" value={u.value} checked={use.value === u.value} onChange={() => (use.value = u.value)} aria-describedby={`use-${u.value}`} />
            {u.label} ({u.duo})
            <br />
            <small id={`use-${u.value}`}>{u.words}</small>
          </label>
        ))}
      </fieldset>
      {use.value === 'disease' && (
        <label>
          Diseases (MONDO ids, separated by commas)
          <input name="disease" required placeholder="MONDO:0005148" />
        </label>
      )}
      <fieldset>
        <legend>About your project (consents may require these)</legend>
        {modifiers.map((m) => (
          <label>
            <input type="checkbox" name={m.name} /> {m.label} ({m.duo})
          </label>
        ))}
      </fieldset>
      <details>
        <summary>More about the request: ethics approval, institution, columns</summary>
        <label>
          Ethics approval (IRB) id
          <input name="irb" />
        </label>
        <label>
          Institution
          <input name="institution" />
        </label>
        <label>
          Project
          <input name="project" />
        </label>
        <label>
          Region (ISO 3166 code)
          <input name="region" />
        </label>
        <label>
          Collaborators' addresses, separated by commas
          <input name="collaborators" />
        </label>
        <label>
          Columns, separated by commas (empty: every column Safe Harbor keeps)
          <input name="columns" />
        </label>
      </details>
      <div class="grid">
        <label>
          k: each row looks like at least k − 1 others
          <input name="k" type="number" min={1} max={1000} defaultValue="5" required />
        </label>
        <label>
          Format
          <select name="format">
            <option value="csv">CSV</option>
            <option value="parquet">Parquet</option>
            <option value="arrow">Arrow IPC</option>
          </select>
        </label>
      </div>
      <button type="submit">Request the extract</button>
    </form>
  )
}

export function Extract() {
  return (
    <>
      <h1 tabIndex={-1}>Request an extract</h1>
      <p>
        An extract is a de-identified copy of a sealed dataset holding only the rows of patients whose consent allows your use. Data stewards add datasets on the <Link href="/steward">datasets page</Link>.
      </p>
      <RoleGate roles={['researcher', 'steward']} doing="request an extract">
        <RequestForm />
      </RoleGate>
      {problem.value && (
        <p role="alert" class="error">
          {problem.value}
        </p>
      )}
      {grant.value && <Outcome g={grant.value} />}
    </>
  )
}
