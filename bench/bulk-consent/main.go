// Command bulk-consent writes the files bench/bulk-consent.sh times: an
// enrollment CSV of N subjects of study trial-42, each its own patient,
// and a JSON Lines file of a consent signed by each of the first M
// patients for DATA_DIR's registry (its chain and deployment).
//
//	go run ./bench/bulk-consent -data-dir DIR -subjects 100000 -documents 10000 -out DIR
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"time"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/desci-platform/desci/chain"
	"github.com/desci-platform/desci/notary"
	"github.com/desci-platform/desci/policies"
)

func main() {
	dataDir := flag.String("data-dir", "", "the data dir whose registry the documents are signed for")
	subjects := flag.Int("subjects", 100_000, "rows of the enrollment CSV")
	documents := flag.Int("documents", 10_000, "signed consents, of the first subjects")
	out := flag.String("out", ".", "where to write subjects.csv and consents.jsonl")
	flag.Parse()
	ctx := context.Background()
	st, err := notary.Open(*dataDir)
	if err != nil {
		log.Fatal(err)
	}
	// The registry desci opens: $DESCI_DATABASE's, else consents.db.
	reg, err := policies.Open(ctx, policies.Options{Path: filepath.Join(*dataDir, "consents.db"), Database: os.Getenv("DESCI_DATABASE")},
		st, policies.Domain{ChainID: chain.ChainID().Uint64()})
	if err != nil {
		log.Fatal(err)
	}
	d := reg.Domain()
	reg.Close()
	st.Close()

	csvf, _ := os.Create(filepath.Join(*out, "subjects.csv"))
	docf, _ := os.Create(filepath.Join(*out, "consents.jsonl"))
	cw, dw := bufio.NewWriter(csvf), bufio.NewWriter(docf)
	fmt.Fprintln(cw, "subject,patient")
	from := time.Now().Add(-time.Hour).UTC().Truncate(time.Second)
	for i := range *subjects {
		key, err := crypto.ToECDSA(crypto.Keccak256([]byte(fmt.Sprint("patient ", i))))
		if err != nil {
			log.Fatal(err)
		}
		subject := fmt.Sprintf("S%07d", i)
		fmt.Fprintf(cw, "%s,%s\n", subject, crypto.PubkeyToAddress(key.PublicKey).Hex())
		if i >= *documents {
			continue
		}
		c := &policies.Consent{Study: "trial-42", Subject: subject, Uses: []string{"HMB"}, Modifiers: []string{"NPU"},
			Nonce: 1, ValidFrom: from, ValidUntil: from.AddDate(2, 0, 0)}
		sig, err := policies.Sign(c.TypedData(d), key)
		if err != nil {
			log.Fatal(err)
		}
		doc, err := policies.NewDocument(d, c, nil, sig)
		if err != nil {
			log.Fatal(err)
		}
		b, _ := doc.MarshalJSON()
		dw.Write(append(b, '\n'))
	}
	for _, w := range []*bufio.Writer{cw, dw} {
		if err := w.Flush(); err != nil {
			log.Fatal(err)
		}
	}
	csvf.Close()
	docf.Close()
}
