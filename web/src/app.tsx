import { path, Link } from './router'
import { Home } from './pages/home'
import { Patient } from './pages/patient'
import { Donor } from './pages/donor'
import { NotFound } from './pages/notfound'
import { WalletButton } from './components/wallet'

const pages: { href: string; label: string; page: () => preact.JSX.Element }[] = [
  { href: '/patient', label: 'My health data', page: Patient },
  { href: '/donor', label: 'Fund research', page: Donor },
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
                <Link href={x.href} aria-current={p.startsWith(x.href) ? 'page' : undefined}>
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
