// The browser's UnixFS importer (web/src/verify/unixfs.js) against Kubo's
// CIDs (../shared/cid-vectors, copied in testdata) and `desci cid`:
//   node web/e2e/unixfs-parity.mjs DIR VECTORS  (DIR made by gentree.py)
import { readFileSync, readdirSync, statSync, createReadStream } from 'node:fs'
import { join, relative } from 'node:path'
import { unixfsCids } from '../src/verify/unixfs.js'

function walk(dir, base = dir, out = []) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name)
    const st = statSync(p)
    const rel = relative(base, p)
    if (st.isDirectory()) {
      out.push({ path: rel, dir: true })
      walk(p, base, out)
    } else out.push({ path: rel, size: st.size, content: () => createReadStream(p) })
  }
  return out
}

export async function cidOf(path, profile) {
  const st = statSync(path)
  const entries = st.isDirectory() ? walk(path) : [{ path: path.split('/').pop(), size: st.size, content: () => createReadStream(path) }]
  return (await unixfsCids(entries, profile)).root
}

if (process.argv[2] === '--json') {
  // node unixfs-parity.mjs --json PROFILE PATH...: one {"path","cid"} line a path.
  const [profile, ...paths] = process.argv.slice(3)
  for (const p of paths) console.log(JSON.stringify({ path: p, cid: await cidOf(p, profile) }))
} else if (process.argv[2]) {
  const [dir, vectors] = process.argv.slice(2)
  const names = { legacy: 'kubo-cidv1', 2025: 'unixfs-v1-2025' }
  let bad = 0
  for (const line of readFileSync(vectors, 'utf8').split('\n')) {
    if (!line || line.startsWith('#')) continue
    const [profile, path, want] = line.split(' ')
    const got = await cidOf(join(dir, path), names[profile])
    console.log(`${got === want ? 'ok  ' : 'FAIL'} ${profile} ${path} ${got}${got === want ? '' : ' want ' + want}`)
    if (got !== want) bad++
  }
  process.exit(bad ? 1 : 0)
}
