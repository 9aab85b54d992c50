package landing

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"html/template"
	"strings"
)

// pageStyle is the pages' one stylesheet, inline: phone width first,
// wider screens get margins. The Content-Security-Policy allows exactly
// it, by hash.
const pageStyle = `:root{color-scheme:light dark;--fg:#1a1a1a;--bg:#fff;--mute:#555;--line:#ccc;--note:#fff4d6;--link:#0645ad}
@media (prefers-color-scheme:dark){:root{--fg:#eee;--bg:#151515;--mute:#aaa;--line:#444;--note:#3a3220;--link:#8ab4f8}}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,sans-serif;color:var(--fg);background:var(--bg)}
header,main,footer{max-width:60rem;margin:0 auto;padding:0 1rem}
a{color:var(--link)}
h1{font-size:1.6rem;line-height:1.25;margin:.3rem 0;overflow-wrap:anywhere}
h2{font-size:1.2rem;margin:1.6rem 0 .5rem;border-bottom:1px solid var(--line)}
.kind{margin:1rem 0 0;text-transform:uppercase;letter-spacing:.05em;font-size:.8rem;color:var(--mute)}
.authors{margin:.2rem 0}
.description{white-space:pre-wrap;overflow-wrap:anywhere}
.notice{background:var(--note);padding:.5rem .8rem;border-radius:4px}
dl{display:grid;grid-template-columns:1fr;margin:0}
dt{font-weight:600;margin-top:.4rem}
dd{margin:0;overflow-wrap:anywhere}
@media (min-width:40rem){dl{grid-template-columns:12rem 1fr;column-gap:1rem}dt{margin-top:.2rem}dd{margin-top:.2rem}}
code{font:.85em ui-monospace,monospace;overflow-wrap:anywhere}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{text-align:left;padding:.3rem .4rem;border-bottom:1px solid var(--line);vertical-align:top;overflow-wrap:anywhere}
.num{text-align:right;white-space:nowrap}
.timeline{padding-left:1.2rem}
.timeline li{margin:.4rem 0}
[aria-current]{font-weight:600}
textarea{width:100%;font:.8rem/1.4 ui-monospace,monospace;color:inherit;background:inherit;border:1px solid var(--line)}
label{display:block;font-weight:600}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem}
footer{margin-top:2rem;color:var(--mute);font-size:.85rem}`

// pageStyleCSS is pageStyle as the templates take it.
const pageStyleCSS = template.CSS(pageStyle)

// pagePolicy lets a page apply its stylesheet and nothing else: no
// script runs (the JSON-LD is data), nothing loads from anywhere, no form
// posts, no frame embeds it.
var pagePolicy = strings.Join([]string{
	"default-src 'none'",
	"style-src '" + cspHash(pageStyle) + "'",
	"base-uri 'none'",
	"form-action 'none'",
	"frame-ancestors 'none'",
}, "; ")

func cspHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return "sha256-" + base64.StdEncoding.EncodeToString(sum[:])
}

//go:embed templates/*.html
var templateFS embed.FS

// The templates are parsed once, when the program starts.
var (
	pageTemplate  = template.Must(template.ParseFS(templateFS, "templates/page.html"))
	errorTemplate = template.Must(template.ParseFS(templateFS, "templates/error.html"))
)

type errorPage struct {
	Status         int
	Title, Message string
	Style          template.CSS
}

// render executes the page template into a buffer, so a failure midway
// is an error rather than half a page.
func render(v *pageView) ([]byte, error) {
	var b bytes.Buffer
	b.Grow(16 << 10)
	if err := pageTemplate.Execute(&b, v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
