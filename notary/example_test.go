package notary_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/desci-platform/desci/notary"
)

// The CID Kubo gives a file, computed without storing anything.
func ExampleImport() {
	dir, _ := os.MkdirTemp("", "example")
	defer os.RemoveAll(dir)
	p := filepath.Join(dir, "hello.txt")
	os.WriteFile(p, []byte("hello world\n"), 0o644)

	res, err := notary.Import(context.Background(), p, nil, notary.ImportOptions{})
	if err != nil {
		panic(err)
	}
	fmt.Println(res.Root, res.Profile)
	// Output: bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4 unixfs-v1-2025
}

func ExampleValidORCID() {
	fmt.Println(notary.ValidORCID("0000-0002-1825-0097"), notary.ValidORCID("0000-0002-1825-0098"))
	// Output: true false
}

// A verification bundle read and checked offline (doc/bundle.md); what is
// left is to ask the chain with notary.VerifyBundle.
func ExampleReadBundle() {
	f, err := os.Open("testdata/bundle-example.desci.car")
	if err != nil {
		panic(err)
	}
	defer f.Close()
	b, err := notary.ReadBundle(context.Background(), f)
	if err != nil {
		panic(err)
	}
	fmt.Println(b.ManifestID, b.Manifest.Title)
	fmt.Println("chain", b.Doc.ChainID, "notary", b.Doc.Notary.Hex(), "rpc", b.Doc.RPC)
	fmt.Println("content", b.Manifest.Content.Root, "in the bundle:", b.ContentOfBundle() != nil)
	// Output:
	// bafyreifrdyu6seoubv2walpphy3ilo47o3dgojsa5ydwb3urbzasuijxs4 Trial 42 raw data
	// chain 1337 notary 0x5FbDB2315678afecb367f032d93F642f64180aa3 rpc [http://127.0.0.1:8545]
	// content bafybeic5h2ydx6wlvbebtdl2yjdwzk2leparkq7tlelmgdv7zlq7vckl2y in the bundle: true
}
