// The access log as a timeline in plain words, newest first, and the
// notices above it: new uses since the last visit on this device, and
// extracts holding the patient's rows whose consent they revoked since.

import type { Access, Doc, Event } from './words'
import { timeline, timeWords } from './words'

const badge: Record<Event['kind'], string> = { released: 'Shared', downloaded: 'Downloaded', withheld: 'Left out' }

export function Timeline({ log, docs }: { log: Access[]; docs: Doc[] }) {
  const events = timeline(log, docs)
  if (events.length === 0) {
    return <p>Nobody has asked for data that includes yours yet. Every request that touches your rows will appear here, allowed or not.</p>
  }
  return (
    <ol class="timeline">
      {events.map((e) => (
        <li key={e.seq} data-kind={e.kind} data-affected={e.affected ? 'yes' : undefined}>
          <article aria-labelledby={`ev-${e.seq}`}>
            <p class="when">
              <span class={`badge badge-${e.kind}`}>{badge[e.kind]}</span> <time dateTime={e.time}>{timeWords(e.time)}</time>
            </p>
            <h3 id={`ev-${e.seq}`}>{e.title}</h3>
            <p>{e.detail}</p>
            {e.consent && <p class="under">{e.consent}</p>}
            {e.affected && (
              <p class="affected">
                <strong>Affected by your revocation.</strong> {e.affected}
              </p>
            )}
            {e.extract && (
              <p>
                <small>
                  Extract <span class="code">{e.extract}</span>
                </small>
              </p>
            )}
          </article>
        </li>
      ))}
    </ol>
  )
}

/** The notices for the top of the page, in sentences; empty when there is nothing new. */
export function notices(log: Access[], docs: Doc[], seen: number): string[] {
  const out: string[] = []
  const events = timeline(log, docs)
  const fresh = events.filter((e) => e.seq > seen)
  const shared = fresh.filter((e) => e.kind === 'released').length
  const withheld = fresh.filter((e) => e.kind === 'withheld').length
  const downloads = fresh.filter((e) => e.kind === 'downloaded').length
  const parts: string[] = []
  if (shared) parts.push(`${shared} ${shared === 1 ? 'extract' : 'extracts'} now ${shared === 1 ? 'holds' : 'hold'} your de-identified data`)
  if (downloads) parts.push(`${downloads} ${downloads === 1 ? 'download' : 'downloads'} of such extracts`)
  if (withheld) parts.push(`${withheld} ${withheld === 1 ? 'request' : 'requests'} left your data out`)
  if (parts.length) out.push(`New since your last visit: ${parts.join('; ')}.`)
  const affected = events.filter((e) => e.affected && e.kind === 'released').length
  if (affected) {
    out.push(
      `${affected} ${affected === 1 ? 'extract holding your data was' : 'extracts holding your data were'} made under a consent you have since revoked. The holders were notified and can get no new downloads; they keep what they already have.`,
    )
  }
  return out
}
