package graphql

import (
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"strings"
)

// The query console at /: a page that loads nothing from anywhere else.
// Session tokens live in this origin's browser storage, so a script from a
// CDN beside them could read them; the page is one file with its script
// and style inline, and its Content-Security-Policy lets only those run
// and lets it talk only to this origin. (The patients' and donors' web app
// replaces it later; GraphiQL itself, bundled from npm, with it.)
const (
	consoleStyle = `body{margin:0;font:15px/1.4 system-ui,sans-serif;color:#111;background:#fafafa}
main{max-width:60rem;margin:0 auto;padding:1rem}
label{display:block;font-weight:600;margin:.8rem 0 .2rem}
textarea,input{width:100%;box-sizing:border-box;font:13px/1.4 ui-monospace,monospace;padding:.5rem;border:1px solid #888;border-radius:4px}
textarea{min-height:10rem}
button{margin-top:.8rem;font:inherit;padding:.4rem 1.2rem}
pre{background:#fff;border:1px solid #ccc;padding:.5rem;overflow:auto;min-height:6rem;white-space:pre-wrap}`

	consoleScript = `const $ = id => document.getElementById(id);
$("token").value = sessionStorage.desciToken || "";
$("run").addEventListener("click", async () => {
  const token = $("token").value.trim();
  sessionStorage.desciToken = token;
  let variables = {};
  try { variables = $("variables").value.trim() ? JSON.parse($("variables").value) : {}; }
  catch (e) { $("result").textContent = "variables: " + e.message; return; }
  const headers = {"Content-Type": "application/json"};
  if (token) headers.Authorization = "Bearer " + token;
  $("result").textContent = "…";
  try {
    const r = await fetch("/graphql", {method: "POST", headers, body: JSON.stringify({query: $("query").value, variables})});
    $("result").textContent = JSON.stringify(await r.json(), null, 2);
  } catch (e) { $("result").textContent = String(e); }
});`
)

var (
	consolePage = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>desci GraphQL</title>
<style>` + consoleStyle + `</style>
</head>
<body>
<main id="graphiql">
<h1>desci GraphQL</h1>
<p>Queries go to <code>/graphql</code> (POST JSON, or GET for queries); the schema is in the repository's graphql/testdata/schema.graphql.</p>
<label for="query">Query</label>
<textarea id="query" spellcheck="false">{
  manifests(first: 10) {
    totalCount
    edges { cursor node { cid kind title status } }
    pageInfo { hasNextPage endCursor }
  }
}
</textarea>
<label for="variables">Variables (JSON)</label>
<textarea id="variables" spellcheck="false" style="min-height:3rem"></textarea>
<label for="token">Session token (from signIn; kept in this tab only)</label>
<input id="token" autocomplete="off">
<button id="run" type="button">Run</button>
<label for="result">Result</label>
<pre id="result" aria-live="polite"></pre>
</main>
<script>` + consoleScript + `</script>
</body>
</html>
`
	consolePolicy = strings.Join([]string{
		"default-src 'none'",
		"script-src '" + cspHash(consoleScript) + "'",
		"style-src '" + cspHash(consoleStyle) + "' 'unsafe-hashes' '" + cspHash("min-height:3rem") + "'",
		"connect-src 'self'",
		"base-uri 'none'",
		"form-action 'none'",
		"frame-ancestors 'none'",
	}, "; ")
)

func cspHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return "sha256-" + base64.StdEncoding.EncodeToString(sum[:])
}

func serveGraphiQL(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		http.Error(w, "GET only", http.StatusMethodNotAllowed)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Security-Policy", consolePolicy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	w.Write([]byte(consolePage))
}
