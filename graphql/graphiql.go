package graphql

import "net/http"

// graphiqlPage loads GraphiQL from a CDN in the browser; the server itself
// serves nothing but this page, so it works offline but for the editor.
const graphiqlPage = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>desci GraphQL</title>
<link rel="stylesheet" href="https://unpkg.com/graphiql@3.8.3/graphiql.min.css">
<style>body{margin:0;height:100vh}#graphiql{height:100vh}</style>
</head>
<body>
<div id="graphiql">Loading GraphiQL from unpkg.com&hellip; (POST queries to /graphql if it does not load)</div>
<script crossorigin src="https://unpkg.com/react@18.3.1/umd/react.production.min.js"></script>
<script crossorigin src="https://unpkg.com/react-dom@18.3.1/umd/react-dom.production.min.js"></script>
<script crossorigin src="https://unpkg.com/graphiql@3.8.3/graphiql.min.js"></script>
<script>
const fetcher = GraphiQL.createFetcher({url: "/graphql", headers: localStorage.desciToken ? {Authorization: "Bearer " + localStorage.desciToken} : {}});
ReactDOM.createRoot(document.getElementById("graphiql")).render(React.createElement(GraphiQL, {fetcher,
  defaultQuery: "{\n  manifests(first: 10) {\n    totalCount\n    edges { cursor node { cid kind title status } }\n    pageInfo { hasNextPage endCursor }\n  }\n}\n"}));
</script>
</body>
</html>
`

func serveGraphiQL(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		http.Error(w, "GET only", http.StatusMethodNotAllowed)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write([]byte(graphiqlPage))
}
