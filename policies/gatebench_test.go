package policies

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
)

var gateSubjects = flag.Int("gate-subjects", 1_000_000, "subjects of BenchmarkConsentGate's study (rows: ten times as many)")

// BenchmarkConsentGate is the consent gate of a 1,000,000-subject study
// on each backend (issue 18: PostgreSQL within 2× the embedded time): an
// iteration reads the study's enrollments and consents in force from the
// registry's storage, compiles the default bundle, decides every consent
// and filters 10,000,000 rows. The registry is loaded in bulk (records
// written straight to storage, not submitted), and the re-check of each
// document's signature, the same on both backends, is left out.
func BenchmarkConsentGate(b *testing.B) {
	subjects, rows := *gateSubjects, 10**gateSubjects
	rng := rand.New(rand.NewPCG(5, 6))
	db := array.NewDictionaryBuilder(memory.NewGoAllocator(), &arrow.DictionaryType{IndexType: arrow.PrimitiveTypes.Int32, ValueType: arrow.BinaryTypes.String}).(*array.BinaryDictionaryBuilder)
	for range rows {
		db.AppendString(fmt.Sprintf("S%07d", rng.IntN(subjects)))
	}
	dict := db.NewDictionaryArray()
	defer dict.Release()
	for _, backend := range benchBackends {
		b.Run(backend, func(b *testing.B) {
			ctx := context.Background()
			s := benchStorage(b, backend, b.TempDir())
			loadStudy(b, s, subjects)
			r := &Registry{db: s}
			defer r.Close()
			bundle, _ := DefaultBundle()
			req := map[string]any{"purpose": "hmb", "time": int64(1500), "requester": "0xA", "nonprofit": true, "commercial": false,
				"irb": "IRB-1", "publish": true, "disease_lineages": []any{}}
			var read, filter time.Duration
			b.ResetTimer()
			for range b.N {
				start := time.Now()
				enrolled, err := r.enrolled("trial-42")
				if err != nil || len(enrolled) != subjects {
					b.Fatal(len(enrolled), err)
				}
				inForce, err := r.InForce("trial-42")
				if err != nil {
					b.Fatal(err)
				}
				read += time.Since(start)
				start = time.Now()
				consents := make(map[string]map[string]any, len(inForce))
				for s, rec := range inForce {
					consents[s] = rec.Consent.Input()
				}
				p, err := Compile(ctx, bundle)
				if err != nil {
					b.Fatal(err)
				}
				m, err := p.NewDecider(req).Mask(ctx, dict, consents)
				if err != nil {
					b.Fatal(err)
				}
				if len(m.Allow) != rows {
					b.Fatal(len(m.Allow))
				}
				filter += time.Since(start)
			}
			b.ReportMetric(read.Seconds()/float64(b.N), "read-s/op")
			b.ReportMetric(filter.Seconds()/float64(b.N), "filter-s/op")
			b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}

// loadStudy writes n enrolled subjects of trial-42, all but one in 50 with
// a consent in force (one of 200 forms), as the registry keeps them.
func loadStudy(b *testing.B, s Storage, n int) {
	rng := rand.New(rand.NewPCG(7, 8))
	uses := [][]string{{"GRU"}, {"HMB"}, {"NRES"}, {"POA"}, {"HMB", "POA"}}
	mods := [][]string{nil, {"NPU"}, {"PUB"}, {"IRB"}, {"NPU", "PUB"}}
	var forms []Consent
	for i := range 200 {
		forms = append(forms, Consent{Study: "trial-42", Uses: uses[i%len(uses)], Modifiers: mods[(i/len(uses))%len(mods)],
			ValidUntil: time.Unix(int64(1000*(1+i%4)), 0)}) // the request's time is 1500

	}
	const chunk = 100_000
	for lo := 0; lo < n; lo += chunk {
		var enroll, latest, docs []KV
		for i := lo; i < min(lo+chunk, n); i++ {
			subject := fmt.Sprintf("S%07d", i)
			k := subjectKey("trial-42", subject)
			enroll = append(enroll, KV{k, common.BytesToAddress(crypto.Keccak256(k)).Bytes()})
			if i%50 == 49 {
				continue
			}
			c := forms[rng.IntN(len(forms))]
			c.Subject, c.Nonce, c.ValidFrom = subject, 1, time.Unix(1, 0)
			h := crypto.Keccak256Hash(k)
			v, _ := json.Marshal(Record{Hash: h, Kind: "consent", Study: "trial-42", Subject: subject, Consent: &c})
			latest = append(latest, KV{k, h.Bytes()})
			docs = append(docs, KV{h.Bytes(), v})
		}
		err := s.Update(context.Background(), func(tx Tx) error {
			for _, p := range []struct {
				b   Bucket
				kvs []KV
			}{{bucketEnroll, enroll}, {bucketLatest, latest}, {bucketDocs, docs}} {
				if err := tx.PutMany(p.b, p.kvs); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}
