// What the reviewer gave: files picked, a folder picked, or dropped (a
// dropped folder keeps its empty sub-folders, which a picker cannot).
// Paths are relative to the folder, as in the manifest.

export type Picked = { path: string; file: File } | { path: string; dir: true }

/** Files from <input type=file webkitdirectory>: their paths start with the folder's name, which is dropped. */
export function fromInput(list: FileList, folder: boolean): Picked[] {
  return [...list].map((f) => {
    const rel = (f as File & { webkitRelativePath?: string }).webkitRelativePath
    return { path: folder && rel ? rel.split('/').slice(1).join('/') : f.name, file: f }
  })
}

async function entries(d: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = d.createReader()
  const out: FileSystemEntry[] = []
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((ok, fail) => reader.readEntries(ok, fail))
    if (!batch.length) return out
    out.push(...batch)
  }
}

async function walk(e: FileSystemEntry, prefix: string, out: Picked[]) {
  const path = prefix ? `${prefix}/${e.name}` : e.name
  if (e.isFile) {
    out.push({ path, file: await new Promise<File>((ok, fail) => (e as FileSystemFileEntry).file(ok, fail)) })
    return
  }
  out.push({ path, dir: true })
  for (const c of await entries(e as FileSystemDirectoryEntry)) await walk(c, path, out)
}

/** Entries from a drop: one folder gives its contents; files give themselves. */
export async function fromDrop(dt: DataTransfer): Promise<Picked[]> {
  const roots = [...dt.items].map((i) => i.webkitGetAsEntry()).filter((e): e is FileSystemEntry => e !== null)
  const out: Picked[] = []
  if (roots.length === 1 && roots[0].isDirectory) {
    for (const c of await entries(roots[0] as FileSystemDirectoryEntry)) await walk(c, '', out)
    return out
  }
  for (const r of roots) await walk(r, '', out)
  return out
}

/** Hidden entries (a name starting with a dot) are left out, as desci leaves them out, unless the manifest lists one. */
export function withoutHidden(ps: Picked[], manifestPaths: string[]): { kept: Picked[]; hidden: string[] } {
  const hiddenIn = (p: string) => p.split('/').some((s) => s.startsWith('.'))
  if (manifestPaths.some(hiddenIn)) return { kept: ps, hidden: [] }
  return { kept: ps.filter((p) => !hiddenIn(p.path)), hidden: ps.filter((p) => hiddenIn(p.path)).map((p) => p.path) }
}
