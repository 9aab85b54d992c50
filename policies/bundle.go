package policies

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/bundle"
)

// ErrBundle is returned for a policy bundle that cannot be loaded or
// compiled.
var ErrBundle = errors.New("policies: bad policy bundle")

// A Bundle is a set of Rego modules and data that decides consent. Its
// Hash is recorded in every decision and extract.
type Bundle struct {
	Name    string
	Hash    string // 0x-hex SHA-256 over the modules (by path) and the data
	modules []bundle.ModuleFile
	tests   []bundle.ModuleFile
	data    map[string]any
}

// DefaultBundle returns the embedded default bundle (GA4GH DUO matching).
func DefaultBundle() (*Bundle, error) {
	sub, err := fs.Sub(defaultBundle, "bundle")
	if err != nil {
		return nil, err
	}
	return loadFS("default", sub)
}

// LoadBundle loads a bundle from a directory or a .tar.gz file, as OPA's
// bundles are laid out: *.rego modules, data in data.json files.
func LoadBundle(path string) (*Bundle, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBundle, err)
	}
	if fi.IsDir() {
		return loadFS(path, os.DirFS(path))
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBundle, err)
	}
	defer f.Close()
	b, err := bundle.NewReader(f).WithRegoVersion(ast.RegoV1).Read()
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrBundle, path, err)
	}
	return fromOPA(path, &b)
}

func loadFS(name string, fsys fs.FS) (*Bundle, error) {
	dl, err := bundle.NewFSLoader(fsys)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBundle, err)
	}
	b, err := bundle.NewCustomReader(dl).WithRegoVersion(ast.RegoV1).Read()
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrBundle, name, err)
	}
	return fromOPA(name, &b)
}

func fromOPA(name string, b *bundle.Bundle) (*Bundle, error) {
	out := &Bundle{Name: name, data: b.Data}
	for _, m := range b.Modules {
		if strings.HasSuffix(m.Path, "_test.rego") {
			out.tests = append(out.tests, m)
		} else {
			out.modules = append(out.modules, m)
		}
	}
	if len(out.modules) == 0 {
		return nil, fmt.Errorf("%w: %s has no Rego modules", ErrBundle, name)
	}
	sort.Slice(out.modules, func(i, j int) bool { return out.modules[i].Path < out.modules[j].Path })
	h := sha256.New()
	for _, m := range out.modules {
		fmt.Fprintf(h, "%s\x00%d\x00", strings.TrimPrefix(m.Path, "/"), len(m.Raw))
		h.Write(m.Raw)
	}
	data, err := json.Marshal(b.Data) // map keys sorted: canonical
	if err != nil {
		return nil, err
	}
	h.Write(data)
	out.Hash = "0x" + hex.EncodeToString(h.Sum(nil))
	return out, nil
}

// parsed returns the bundle's decision modules, parsed, keyed by path.
func (b *Bundle) parsed() (map[string]*ast.Module, error) {
	out := map[string]*ast.Module{}
	for _, m := range b.modules {
		mod := m.Parsed
		if mod == nil {
			var err error
			if mod, err = ast.ParseModuleWithOpts(m.Path, string(m.Raw), ast.ParserOptions{RegoVersion: ast.RegoV1}); err != nil {
				return nil, fmt.Errorf("%w: %v", ErrBundle, err)
			}
		}
		out[m.Path] = mod
	}
	return out, nil
}

// Test runs the bundle's Rego unit tests and returns the names of the
// failed ones.
func (b *Bundle) Test(ctx context.Context) (passed int, failed []string, err error) {
	return runTests(ctx, b)
}
