package landing

import (
	"context"
	"html/template"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// No page makes the browser fetch anything, from anywhere: no src, no
// stylesheet or icon link, no url() in the style; the only absolute URLs
// are links a reader may follow (ORCID, the licence) and the page's own
// canonical URL; the page has a language, landmarks and one h1.
func TestPagesRequestNothing(t *testing.T) {
	f := getFixture(t)
	h := f.handler(t, Options{})
	for name, c := range f.cids {
		res := get(t, h, "/m/"+c.String())
		if res.StatusCode != 200 {
			continue
		}
		z := html.NewTokenizer(res.Body)
		var lang bool
		landmarks, h1s := map[string]bool{}, 0
		for {
			tt := z.Next()
			if tt == html.ErrorToken {
				break
			}
			if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
				if tt == html.TextToken && strings.Contains(string(z.Text()), "url(") {
					t.Errorf("%s: url( in text or style", name)
				}
				continue
			}
			tok := z.Token()
			switch tok.Data {
			case "html":
				for _, a := range tok.Attr {
					lang = lang || a.Key == "lang" && a.Val == "en"
				}
			case "header", "main", "footer":
				landmarks[tok.Data] = true
			case "h1":
				h1s++
			case "img", "iframe", "object", "embed", "video", "audio", "source", "track", "base", "form":
				t.Errorf("%s: <%s> element", name, tok.Data)
			}
			for _, a := range tok.Attr {
				switch {
				case a.Key == "src" || a.Key == "srcset" || a.Key == "style" || a.Key == "action" || a.Key == "poster" || strings.HasPrefix(a.Key, "on"):
					t.Errorf("%s: <%s %s=%q>", name, tok.Data, a.Key, a.Val)
				case tok.Data == "script" && a.Key == "type" && a.Val != "application/ld+json":
					t.Errorf("%s: a script of type %q", name, a.Val)
				case a.Key == "href":
					u, err := url.Parse(a.Val)
					if err != nil {
						t.Errorf("%s: href %q: %v", name, a.Val, err)
						continue
					}
					rel := attr(tok, "rel")
					switch {
					case tok.Data == "link" && rel != "canonical" && rel != "alternate":
						t.Errorf("%s: <link rel=%q>", name, rel)
					case u.Scheme == "" && u.Host == "":
						// this origin
					case tok.Data == "a" && u.Scheme == "https" && (u.Host == "orcid.org" || u.Host == "spdx.org"):
					case tok.Data == "link" && rel == "canonical" && u.Host == "desci.example.org":
					default:
						t.Errorf("%s: <%s href=%q>", name, tok.Data, a.Val)
					}
				}
			}
			if tok.Data == "script" && attr(tok, "type") == "" {
				t.Errorf("%s: a script without a type", name)
			}
		}
		if !lang || !landmarks["header"] || !landmarks["main"] || !landmarks["footer"] || h1s != 1 {
			t.Errorf("%s: lang %v, landmarks %v, %d h1", name, lang, landmarks, h1s)
		}
	}
}

func attr(tok html.Token, key string) string {
	for _, a := range tok.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// fileRows writes what html/template would: the same bytes for the
// hostile names too.
func TestFileRowsAsTemplate(t *testing.T) {
	tmpl := template.Must(template.New("rows").Parse(`{{range .}}<tr><td>{{if .Href}}<a href="{{.Href}}" download>{{.Path}}</a>{{else}}{{.Path}}{{end}}</td><td class="num" data-bytes="{{.Size}}">{{.SizeText}}</td><td><code>{{.CID}}</code></td></tr>
{{end}}`))
	f := getFixture(t)
	var files []fileView
	for _, name := range []string{"hostile", "dataset", "sealed"} {
		m, err := f.store.Manifest(context.Background(), f.cids[name])
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range m.Content.Files {
			fv := fileView{Path: x.Path, CID: x.CID.String(), Size: x.Size, SizeText: bytesText(x.Size)}
			if name != "sealed" {
				fv.Href = fileHref(f.cids[name], x.Path)
			}
			files = append(files, fv)
		}
	}
	files = append(files, fileView{Path: `<script>"'&` + "\u2028", Href: fileHref(f.cids["dataset"], `a&b'c"d/<e>`), CID: "<>", SizeText: "1 B"})
	var want strings.Builder
	if err := tmpl.Execute(&want, files); err != nil {
		t.Fatal(err)
	}
	if got := string(fileRows(files)); got != want.String() {
		t.Errorf("fileRows:\n%s\nthe template:\n%s", got, want.String())
	}
}
