// Routes are paths (/, /patient, /donor, …); the server answers every one
// of them with index.html. Links are ordinary <a href>, so they work by
// keyboard, open in a new tab and read well to screen readers.

import { signal } from '@preact/signals'
import type { ComponentChildren } from 'preact'

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

export function Link(props: { href: string; children: ComponentChildren; class?: string; 'aria-current'?: 'page' }) {
  return (
    <a
      {...props}
      onClick={(e) => {
        if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return
        e.preventDefault()
        navigate(props.href)
      }}
    />
  )
}
