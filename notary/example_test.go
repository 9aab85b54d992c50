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
