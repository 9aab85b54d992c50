// Amounts as people read them: in token units with the symbol ("1,250.5
// tUSD"), never in the token's smallest unit.

/** What formatting needs of a token (chain.ts's Token has it). */
export type Unit = { decimals: number; symbol: string }

export function amount(v: bigint | string, t: Unit): string {
  return `${number(BigInt(v), t.decimals)} ${t.symbol}`
}

/** v in units of 10^-decimals, written with thousands separators and no trailing zeros. */
export function number(v: bigint, decimals: number): string {
  const neg = v < 0n
  if (neg) v = -v
  const base = 10n ** BigInt(decimals)
  const whole = (v / base).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  const frac = decimals ? (v % base).toString().padStart(decimals, '0').replace(/0+$/, '') : ''
  return (neg ? '-' : '') + whole + (frac ? '.' + frac : '')
}

export class AmountError extends Error {}

/** Parses what a donor typed ("25", "12.50", "1,000") into the token's smallest unit. */
export function parse(text: string, t: Unit): bigint {
  const s = text.trim().replace(/,/g, '').replace(new RegExp(`\\s*${t.symbol}$`, 'i'), '')
  if (!s) throw new AmountError(`Enter how much to give, in ${t.symbol}.`)
  const m = /^(\d*)(?:\.(\d*))?$/.exec(s)
  if (!m || (!m[1] && !m[2])) throw new AmountError(`"${text.trim()}" is not an amount. Enter a number such as 25 or 12.50.`)
  const frac = m[2] ?? ''
  if (frac.length > t.decimals) throw new AmountError(`${t.symbol} has ${t.decimals} decimal places; "${text.trim()}" has more.`)
  const v = BigInt(m[1] || '0') * 10n ** BigInt(t.decimals) + BigInt(frac.padEnd(t.decimals, '0') || '0')
  if (v === 0n) throw new AmountError('Enter an amount above zero.')
  return v
}

export function date(iso: string | Date): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso
  return d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })
}

/** "in 3 days", "2 hours ago": how far t is from now (the chain's clock). */
export function relative(t: Date, now: Date): string {
  const s = Math.round((t.getTime() - now.getTime()) / 1000)
  const a = Math.abs(s)
  const [n, unit] = a < 90 ? [a, 'second'] : a < 5400 ? [Math.round(a / 60), 'minute'] : a < 129600 ? [Math.round(a / 3600), 'hour'] : [Math.round(a / 86400), 'day']
  const words = `${n} ${unit}${n === 1 ? '' : 's'}`
  return s >= 0 ? `in ${words}` : `${words} ago`
}

/** An estimate, rounded to cents (or whole units for tokens without them): "about 316.99 tUSD". */
export function approx(v: bigint | string, t: Unit): string {
  let x = BigInt(v)
  if (t.decimals > 2) {
    const unit = 10n ** BigInt(t.decimals - 2)
    x = ((x + unit / 2n) / unit) * unit
  }
  return amount(x, t)
}
