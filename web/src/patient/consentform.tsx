// The consent form: each choice in one sentence, the whole consent in
// short as it is filled in, then signed in the patient's wallet.

import { useEffect, useState } from 'preact/hooks'
import { session } from '../session'
import { Link, navigate } from '../router'
import { consentToSign, submitDocument } from './api'
import { check, defaultChoices, preview, toArgs, type Choices } from './form'
import { signDocument, patientProblem } from './sign'
import { fail, reload, say, result, problem } from './state'
import { consentSentences, DISEASES, MODIFIERS, modifierWords, USES, useWords, type Modifier } from './words'

// The details a modifier needs, shown when it is chosen.
const detail: Partial<Record<Modifier, { field: keyof Choices; label: string; type: 'text' | 'date' | 'textarea'; hint?: string }>> = {
  COL: { field: 'investigators', label: 'The researchers’ Ethereum addresses', type: 'textarea', hint: 'One or more, separated by commas or new lines.' },
  US: { field: 'investigators', label: 'The researchers’ Ethereum addresses', type: 'textarea', hint: 'One or more, separated by commas or new lines.' },
  GS: { field: 'region', label: 'Country or region', type: 'text', hint: 'A two-letter country code (DE, FR) or a region: EU, EEA, Europe, …' },
  PS: { field: 'project', label: 'Project', type: 'text' },
  IS: { field: 'institution', label: 'Institution', type: 'text' },
  TS: { field: 'timeLimit', label: 'Use stops on', type: 'date' },
  MOR: { field: 'moratorium', label: 'No publication before', type: 'date' },
}

// The conditions most consents use; the rest are one click further.
const COMMON: Modifier[] = ['NPU', 'NCU', 'IRB', 'PUB', 'GS', 'TS']

export function ConsentForm({ study, subject }: { study: string; subject: string }) {
  const [c, setC] = useState<Choices>(() => defaultChoices(new Date()))
  const [bad, setBad] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)
  useEffect(() => {
    result.value = ''
    problem.value = ''
  }, [])
  const set = (k: keyof Choices, v: unknown) => setC({ ...c, [k]: v })
  const toggle = (m: Modifier, on: boolean) => setC({ ...c, modifiers: on ? [...c.modifiers, m] : c.modifiers.filter((x) => x !== m) })
  const toggleDisease = (d: string, on: boolean) => setC({ ...c, diseases: on ? [...c.diseases, d] : c.diseases.filter((x) => x !== d) })
  const err = (k: string) =>
    bad[k] ? (
      <small id={`err-${k}`} class="field-error">
        {bad[k]}
      </small>
    ) : null
  const invalid = (k: string) => (bad[k] ? { 'aria-invalid': true as const, 'aria-describedby': `err-${k}` } : {})

  const condition = (m: Modifier) => {
    const d = detail[m]
    const on = c.modifiers.includes(m)
    return (
      <div class="condition">
        <label>
          <input type="checkbox" name="modifiers" value={m} checked={on} onChange={(e) => toggle(m, e.currentTarget.checked)} /> {modifierWords[m]}{' '}
          <small class="code">DUO {m}</small>
        </label>
        {on && d && (m !== 'US' || !c.modifiers.includes('COL')) && (
          <label class="detail">
            {d.label}
            {d.type === 'textarea' ? (
              <textarea name={d.field} rows={2} value={c[d.field] as string} onInput={(e) => set(d.field, e.currentTarget.value)} {...invalid(d.field)} />
            ) : d.type === 'date' ? (
              <input name={d.field} type="date" value={c[d.field] as string} onInput={(e) => set(d.field, e.currentTarget.value)} {...invalid(d.field)} />
            ) : (
              <input name={d.field} type="text" value={c[d.field] as string} onInput={(e) => set(d.field, e.currentTarget.value)} {...invalid(d.field)} />
            )}
            {d.hint && !bad[d.field] && <small>{d.hint}</small>}
            {err(d.field)}
          </label>
        )}
      </div>
    )
  }

  async function submit(e: Event) {
    e.preventDefault()
    const s = session.value
    if (!s) return
    const problems = check(c, new Date())
    setBad(problems)
    const first = Object.keys(problems)[0]
    if (first) {
      fail('Some answers need a change before you sign: see the marked fields.')
      document.querySelector<HTMLElement>(`[name="${first}"]`)?.focus()
      return
    }
    setBusy(true)
    try {
      const td = await consentToSign(toArgs(study, subject, c))
      const sig = await signDocument(s.address, td)
      await submitDocument(td, sig)
      navigate('/patient')
      say(`Your consent for study ${study} is signed and recorded. It is in force now; you can revoke it at any time.`)
      await reload(s.address)
    } catch (x) {
      fail(patientProblem(x, 'consent'))
    } finally {
      setBusy(false)
    }
  }

  const summary = consentSentences(preview(study, subject, c))
  return (
    <form onSubmit={submit} noValidate aria-labelledby="consent-title">
      <h2 id="consent-title">
        Consent for study {study}
      </h2>
      <p>
        Your study number is <strong>{subject}</strong>. Your name, contact details and exact address never leave the study: researchers receive
        de-identified rows only, and only for uses your consent allows. You sign this in your wallet; it costs nothing.
      </p>

      <fieldset>
        <legend>What kind of research may use your data?</legend>
        {USES.map((u) => (
          <label>
            <input type="radio" name="use" value={u} checked={c.use === u} onChange={() => set('use', u)} /> {useWords[u]}{' '}
            <small class="code">DUO {u}</small>
          </label>
        ))}
      </fieldset>

      {c.use === 'DS' && (
        <fieldset {...invalid('diseases')}>
          <legend>Which diseases?</legend>
          {Object.entries(DISEASES).map(([id, name]) => (
            <label>
              <input type="checkbox" name="diseases" value={id} checked={c.diseases.includes(id)} onChange={(e) => toggleDisease(id, e.currentTarget.checked)} />{' '}
              Research on {name} <small class="code">{id}</small>
            </label>
          ))}
          {err('diseases')}
        </fieldset>
      )}

      <fieldset {...invalid('modifiers')}>
        <legend>Conditions (choose any, or none)</legend>
        {COMMON.map(condition)}
        <details open={MODIFIERS.some((m) => !COMMON.includes(m) && c.modifiers.includes(m))}>
          <summary>More conditions</summary>
          {MODIFIERS.filter((m) => !COMMON.includes(m)).map(condition)}
        </details>
        {err('modifiers')}
      </fieldset>

      <label>
        Your consent ends on
        <input name="validUntil" type="date" value={c.validUntil} onInput={(e) => set('validUntil', e.currentTarget.value)} {...invalid('validUntil')} />
        {!bad.validUntil && <small>You can revoke it sooner at any time.</small>}
        {err('validUntil')}
      </label>

      <section aria-labelledby="summary-title" class="summary">
        <h3 id="summary-title">In short, you allow</h3>
        <ul>
          {summary.map((x) => (
            <li>{x}</li>
          ))}
        </ul>
      </section>

      <div class="actions">
        <button type="submit" aria-busy={busy} disabled={busy}>
          {busy ? 'Waiting for your wallet…' : 'Sign my consent in my wallet'}
        </button>
        <Link href="/patient" class="secondary">
          Cancel
        </Link>
      </div>
    </form>
  )
}
