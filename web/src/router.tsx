// Routes are paths (/, /patient, /donor, …); the server answers every one
// of them with index.html. Links are ordinary <a href>, so they work by
// keyboard, open in a new tab and read well to screen readers.

import { signal } from '@preact/signals'
import type { ComponentChildren, JSX } from 'preact'
import { useEffect, useState } from 'preact/hooks'

export const path = signal(location.pathname)

export function navigate(to: string) {
  if (to === location.pathname + location.search) return
  history.pushState(null, '', to)
  path.value = location.pathname
  window.scrollTo(0, 0)
  // Move focus to the new page's heading, as a page load would for a screen reader.
  queueMicrotask(() => document.querySelector<HTMLElement>('main h1')?.focus())
}

window.addEventListener('popstate', () => (path.value = location.pathname))

/** A page whose code is fetched when it is first shown. */
export function lazyPage(load: () => Promise<() => JSX.Element>): () => JSX.Element {
  let loaded: (() => JSX.Element) | null = null
  return function Lazy() {
    const [, ready] = useState(0)
    useEffect(() => {
      if (!loaded) load().then((p) => ((loaded = p), ready(1)))
    }, [])
    const P = loaded
    return P ? <P /> : <p aria-busy="true">Loading…</p>
  }
}

/** A link; reload makes it an ordinary page load (a page with its own Content-Security-Policy). */
export function Link({ reload, ...props }: { href: string; children: ComponentChildren; class?: string; 'aria-current'?: 'page'; reload?: boolean }) {
  return (
    <a
      {...props}
      onClick={(e) => {
        if (reload || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return
        e.preventDefault()
        navigate(props.href)
      }}
    />
  )
}
