import { useEffect, useState, useCallback } from 'preact/hooks'

export type Loaded<T> = { data?: T; error?: unknown; loading: boolean; reload: () => void }

/** Runs load when deps change (and on reload()), keeping the last data while reloading. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [state, set] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true })
  const [n, bump] = useState(0)
  useEffect(() => {
    let live = true
    set((s) => ({ ...s, loading: true }))
    load().then(
      (data) => live && set({ data, loading: false }),
      (error) => live && set((s) => ({ data: s.data, error, loading: false })),
    )
    return () => {
      live = false
    }
  }, [...deps, n])
  const reload = useCallback(() => bump((x) => x + 1), [])
  return { ...state, reload }
}
