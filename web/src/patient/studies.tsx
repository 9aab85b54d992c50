// The patient's studies: each enrollment, its consent now in words, the
// history of what they signed, and giving, changing or revoking consent.

import { useState, useRef, useEffect } from 'preact/hooks'
import { session } from '../session'
import { Link } from '../router'
import { revocationToSign, submitDocument, type Enrollment } from './api'
import { signDocument, patientProblem } from './sign'
import { fail, reload, say } from './state'
import { consentSentences, consentSummary, dateWords, revokeWords, statusOf, type Doc } from './words'

export function consentHref(e: Enrollment) {
  return `/patient/consent/${encodeURIComponent(e.study)}/${encodeURIComponent(e.subject)}`
}

export function Studies({ enrollments, docs }: { enrollments: Enrollment[]; docs: Doc[] }) {
  if (enrollments.length === 0) {
    return <p>You are not enrolled in any study yet. A study’s data steward enrolls you with your wallet’s address; your studies then appear here.</p>
  }
  return (
    <ul class="cards">
      {enrollments.map((e) => (
        <li key={`${e.study}/${e.subject}`}>
          <Study e={e} docs={docs} />
        </li>
      ))}
    </ul>
  )
}

function Study({ e, docs }: { e: Enrollment; docs: Doc[] }) {
  const st = statusOf(docs, e.study, e.subject, new Date())
  const mine = docs.filter((d) => d.study === e.study && d.subject === e.subject)
  const [revoking, setRevoking] = useState(false)
  const id = `study-${e.study}-${e.subject}`.replace(/[^A-Za-z0-9_-]/g, '_')
  return (
    <article aria-labelledby={id} data-state={st.state}>
      <header>
        <h3 id={id}>Study {e.study}</h3>
        <small>Your study number: {e.subject}</small>
      </header>
      <p class={`status status-${st.state.replace(/ /g, '-')}`}>
        <strong>{label[st.state]}.</strong> {st.state === 'in force' ? 'You allow:' : st.words}
      </p>
      {st.state === 'in force' && st.consent?.terms && (
        <ul>
          {consentSentences(st.consent.terms).map((x) => (
            <li>{x}</li>
          ))}
        </ul>
      )}
      {revoking && st.state === 'in force' ? (
        <Revoke
          e={e}
          onCancel={() => {
            setRevoking(false)
            // Back to the button that opened the panel, for keyboard and screen reader users.
            requestAnimationFrame(() => document.getElementById(`${id}-revoke`)?.focus())
          }}
        />
      ) : (
        <div class="actions">
          <Link href={consentHref(e)} class={st.state === 'in force' || st.state === 'not yet valid' ? undefined : 'cta'}>
            {st.state === 'in force' || st.state === 'not yet valid' ? 'Change my consent' : 'Give consent'}
          </Link>
          {(st.state === 'in force' || st.state === 'not yet valid') && (
            <button id={`${id}-revoke`} class="secondary outline" onClick={() => setRevoking(true)}>
              Revoke my consent…
            </button>
          )}
        </div>
      )}
      {mine.length > 0 && (
        <details>
          <summary>What you signed for this study ({mine.length})</summary>
          <ol class="history">
            {mine.map((d) => (
              <li>
                <time dateTime={d.accepted}>{dateWords(d.accepted)}</time>:{' '}
                {d.kind === 'consent' ? `consent. ${d.terms ? consentSummary(d.terms) : ''}` : 'revocation of your consent.'}{' '}
                <small class="code" title="The signed document's EIP-712 hash">
                  {d.hash.slice(0, 10)}…
                </small>
              </li>
            ))}
          </ol>
        </details>
      )}
    </article>
  )
}

const label: Record<string, string> = {
  none: 'No consent yet',
  'in force': 'Consent in force',
  'not yet valid': 'Consent not yet valid',
  expired: 'Consent expired',
  revoked: 'Consent revoked',
}

function Revoke({ e, onCancel }: { e: Enrollment; onCancel: () => void }) {
  const [busy, setBusy] = useState(false)
  const head = useRef<HTMLHeadingElement>(null)
  useEffect(() => head.current?.focus(), [])
  const id = `revoke-${e.study}-${e.subject}`.replace(/[^A-Za-z0-9_-]/g, '_')
  async function revoke() {
    const s = session.value
    if (!s) return
    setBusy(true)
    try {
      const td = await revocationToSign(e.study, e.subject)
      const sig = await signDocument(s.address, td)
      await submitDocument(td, sig)
      say(`Your consent for study ${e.study} is revoked. Future extracts leave you out, and holders of earlier extracts have been notified.`)
      await reload(s.address)
    } catch (x) {
      fail(patientProblem(x, 'revoke'))
      // A consent revoked elsewhere in the meantime: show where it stands.
      if (/no longer in force/.test(patientProblem(x, 'revoke'))) await reload(s.address)
    } finally {
      setBusy(false)
    }
  }
  return (
    <section class="revoke" aria-labelledby={id}>
      <h4 id={id} tabIndex={-1} ref={head}>
        Revoke your consent for study {e.study}?
      </h4>
      <p>Revoking will:</p>
      <ul>
        {revokeWords.will.map((x) => (
          <li>{x}</li>
        ))}
      </ul>
      <p>Revoking will not:</p>
      <ul>
        {revokeWords.willNot.map((x) => (
          <li>{x}</li>
        ))}
      </ul>
      <div class="actions">
        <button class="danger" aria-busy={busy} disabled={busy} onClick={revoke}>
          {busy ? 'Waiting for your wallet…' : 'Revoke my consent'}
        </button>
        <button class="secondary" disabled={busy} onClick={onCancel}>
          Keep my consent
        </button>
      </div>
    </section>
  )
}
