import { Link } from '../router'

export function Home() {
  return (
    <>
      <h1 tabIndex={-1}>Open science you can check</h1>
      <p>desci keeps research data, methods and results with a public, tamper-evident record of who published what and when.</p>
      <div class="grid">
        <article>
          <h2>Patients</h2>
          <p>Decide who may use your health data and for what. See every time it is used, and change your mind at any time.</p>
          <Link href="/patient">Manage my health data</Link>
        </article>
        <article>
          <h2>Donors</h2>
          <p>Fund research grants. Money is released only when the researchers publish the promised results, and refunded if the goal is missed.</p>
          <Link href="/donor">See grants</Link>
        </article>
      </div>
    </>
  )
}
