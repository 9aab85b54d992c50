import { render } from 'preact'
import '@picocss/pico/css/pico.min.css'
import './style.css'
import { App } from './app'
import { discoverWallets } from './wallet'

discoverWallets()
render(<App />, document.getElementById('app')!)
// The browser tests measure time to interactive up to here (web/e2e).
performance.mark('desci:interactive')
