import { path, Link, lazyPage } from './router'
import { Home } from './pages/home'
import { Patient } from './pages/patient'
import { Donor } from './pages/donor'
import { NotFound } from './pages/notfound'
import { WalletButton } from './components/wallet'

// The verify page loads its own code (UnixFS, DAG-CBOR) only when opened,
// and fully: its Content-Security-Policy lets it reach a chain endpoint
// the reviewer names (web/web.go).
const Verify = lazyPage(() => import('./pages/verify').then((m) => m.Verify))
const Research = lazyPage(() => import('./pages/research').then((m) => m.Research))

const pages: { href: string; label: string; page: () => preact.JSX.Element; reload?: boolean }[] = [
  { href: '/patient', label: 'My health data', page: Patient },
  { href: '/donor', label: 'Fund research', page: Donor },
  { href: '/research', label: 'Publish', page: Research },
  { href: '/verify', label: 'Check a publication', page: Verify, reload: true },
]

export function App() {
  const p = path.value
  const current = p === '/' ? { page: Home } : pages.find((x) => p === x.href || p.startsWith(x.href + '/'))
  const Page = current?.page ?? NotFound
  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="container">
        <nav aria-label="Main">
          <ul>
            <li>
              <Link href="/">
                <strong>desci</strong>
              </Link>
            </li>
          </ul>
          <ul>
            {pages.map((x) => (
              <li>
                <Link href={x.href} reload={x.reload} aria-current={p.startsWith(x.href) ? 'page' : undefined}>
                  {x.label}
                </Link>
              </li>
            ))}
            <li>
              <WalletButton />
            </li>
          </ul>
        </nav>
      </header>
      <main id="main" class="container">
        <Page />
      </main>
      <footer class="container">
        <small>
          desci is open-source software. This page loads nothing from other sites. <a href="/graphiql">API console</a>
        </small>
      </footer>
    </>
  )
}
