package policies

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/desci-platform/desci/internal/testpg"
	"github.com/desci-platform/desci/keys"
	"github.com/desci-platform/desci/notary"
)

const (
	addrA = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8" // EIP-55
	addrB = "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc" // lower case
)

func enrollCSV(t *testing.T, tr *testRegistry, study, csv string) (*BulkReport, error) {
	t.Helper()
	return tr.EnrollMany(context.Background(), NewEnrollmentReader(strings.NewReader(csv), study))
}

func TestEnrollManyBadRows(t *testing.T) {
	for _, tc := range []struct {
		name, study, csv string
		lines            []int
		want             string
	}{
		{"bad address", "trial-42", "S1," + addrA + "\nS2,0x1234\n", []int{2}, "not an Ethereum address"},
		{"bad checksum", "trial-42", "S1,0x70997970c51812dc3A010C7d01b50e0d17dc79C8\n", []int{1}, "EIP-55"},
		{"zero address", "trial-42", "S1,0x0000000000000000000000000000000000000000\n", []int{1}, "zero address"},
		{"same subject another patient", "trial-42", "S1," + addrA + "\nS2," + addrA + "\nS1," + addrB + "\n", []int{3}, "already enrolled as"},
		{"empty subject", "trial-42", "subject,patient\nS1," + addrA + "\n ," + addrB + "\n", []int{3}, "empty subject"},
		{"empty study", "", "study,subject,patient\n,S1," + addrA + "\n", []int{2}, "empty study"},
		{"extra column", "trial-42", "S1," + addrA + ",x\n", []int{1}, "3 fields, want 2"},
		{"missing column", "", "trial-42,S1\n", []int{1}, "2 fields, want 3"},
		{"control character", "trial-42", "\"S\x001\"," + addrA + "\n", []int{1}, "control character"},
		{"bare quote", "trial-42", "S\"1," + addrA + "\nS2," + addrA + "\n", []int{1}, "CSV"},
		{"several", "trial-42", "S1,nope\nS2," + addrA + "\nS3,\n", []int{1, 3}, "not an Ethereum address"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tr := newTestRegistry(t)
			rep, err := enrollCSV(t, tr, tc.study, tc.csv)
			if !errors.Is(err, ErrBadRows) {
				t.Fatalf("err = %v, want ErrBadRows", err)
			}
			var lines []int
			for _, b := range rep.Bad {
				lines = append(lines, b.Line)
			}
			if fmt.Sprint(lines) != fmt.Sprint(tc.lines) || rep.BadRows != len(tc.lines) {
				t.Fatalf("bad lines %v (%d), want %v: %v", lines, rep.BadRows, tc.lines, rep.Bad)
			}
			if !strings.Contains(rep.Bad[0].Error(), tc.want) {
				t.Errorf("%v, want %q", rep.Bad[0], tc.want)
			}
			if ens, _ := tr.Enrollments(common.Address{}); len(ens) != 0 {
				t.Errorf("a refused file wrote %d enrollments", len(ens))
			}
		})
	}
}

func TestEnrollManyIdempotent(t *testing.T) {
	tr := newTestRegistry(t)
	if err := tr.Enroll("trial-42", "S0", common.HexToAddress(addrB)); err != nil {
		t.Fatal(err)
	}
	csv := "subject,patient\nS0," + addrB + "\nS1," + addrA + "\nS2," + addrB + "\nS1," + addrA + "\n"
	rep, err := enrollCSV(t, tr, "trial-42", csv)
	if err != nil || rep.Added != 2 || rep.Already != 2 || rep.Rows != 4 {
		t.Fatalf("first run: %+v, %v", rep, err)
	}
	rep, err = enrollCSV(t, tr, "trial-42", csv)
	if err != nil || rep.Added != 0 || rep.Already != 4 {
		t.Fatalf("second run: %+v, %v", rep, err)
	}
	// All or nothing: one conflicting row keeps the new S3 out too.
	rep, err = enrollCSV(t, tr, "trial-42", "S3,"+addrA+"\nS0,"+addrA+"\n")
	if !errors.Is(err, ErrBadRows) || rep.Added != 0 {
		t.Fatalf("conflict: %+v, %v", rep, err)
	}
	if _, err := tr.Patient("trial-42", "S3"); !errors.Is(err, ErrNotEnrolled) {
		t.Errorf("S3 enrolled from a refused file: %v", err)
	}
	if p, _ := tr.Patient("trial-42", "S1"); p != common.HexToAddress(addrA) {
		t.Errorf("S1 is %s", p)
	}
	// The patient index is written too.
	if ens, _ := tr.Enrollments(common.HexToAddress(addrB)); len(ens) != 2 {
		t.Errorf("patient B has %d enrollments, want 2", len(ens))
	}
}

func TestEnrollReaderLongLine(t *testing.T) {
	tr := newTestRegistry(t)
	_, err := enrollCSV(t, tr, "trial-42", "S1,"+addrA+"\n"+strings.Repeat("x", MaxEnrollRow+10)+"\n")
	if err == nil || errors.Is(err, ErrBadRows) || !strings.Contains(err.Error(), "longer than") {
		t.Fatalf("err = %v", err)
	}
}

// jsonl writes documents one a line.
func jsonl(t testing.TB, docs ...*Document) *bytes.Reader {
	var b bytes.Buffer
	for _, d := range docs {
		w, err := d.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		b.Write(w)
		b.WriteByte('\n')
	}
	return bytes.NewReader(b.Bytes())
}

func TestSubmitMany(t *testing.T) {
	ctx := context.Background()
	tr := newTestRegistry(t)
	patient := crypto.PubkeyToAddress(tr.patient.PublicKey)
	var docs []*Document
	for i := range 20 {
		s := fmt.Sprintf("S%d", i)
		if err := tr.Enroll("trial-42", s, patient); err != nil {
			t.Fatal(err)
		}
		docs = append(docs, tr.consent(t, s, 1, nil))
	}
	// A revocation in the same file of a consent earlier in it.
	docs = append(docs, tr.revocation(t, "S3", docs[3].Hash, 2), docs[5])

	// One forged and one replayed document: the file is refused by line
	// and nothing of it is written.
	forger, _ := crypto.GenerateKey()
	forged := tr.consent(t, "S7", 1, nil)
	sig, _ := Sign(forged.TypedData(), forger)
	forged, _ = NewDocument(tr.Domain(), forged.Consent, nil, sig)
	replay := tr.consent(t, "S9", 1, func(c *Consent, _ *Domain) { c.Uses = []string{"GRU"} })
	forged2 := tr.consent(t, "S8", 2, nil)
	sig, _ = Sign(forged2.TypedData(), forger)
	forged2, _ = NewDocument(tr.Domain(), forged2.Consent, nil, sig)
	bad := append(append([]*Document{}, docs...), forged, replay, forged2)
	pub0, _ := tr.st.Published()
	rep, err := tr.SubmitMany(ctx, jsonl(t, bad...), tr.steward, ImportOptions{})
	if !errors.Is(err, ErrBadRows) || rep.BadRows != 3 || rep.Bad[0].Line != 23 || rep.Bad[1].Line != 24 || rep.Bad[2].Line != 25 {
		t.Fatalf("%+v %v", rep, err)
	}
	if !errors.Is(rep.Bad[0], ErrWrongSigner) || !errors.Is(rep.Bad[1], ErrReplay) || !errors.Is(rep.Bad[2], ErrWrongSigner) {
		t.Errorf("bad rows %v", rep.Bad)
	}
	if pub, _ := tr.st.Published(); len(pub) != len(pub0) {
		t.Errorf("a refused file notarized %d manifests", len(pub)-len(pub0))
	}
	if n, _ := tr.NextNonce("trial-42", "S0"); n != 1 {
		t.Errorf("a refused file recorded S0's consent (next nonce %d)", n)
	}

	rep, err = tr.SubmitMany(ctx, jsonl(t, docs...), tr.steward, ImportOptions{})
	if err != nil || rep.Added != 21 || rep.Already != 1 {
		t.Fatalf("%+v %v", rep, err)
	}
	in, err := tr.InForce("trial-42")
	if err != nil || len(in) != 19 || in["S3"] != nil {
		t.Fatalf("in force: %d, S3 %v, %v", len(in), in["S3"], err)
	}
	// Notarized exactly as Submit notarizes: the registry verifies against
	// the documents in the store, and rebuilds from them.
	if probs, err := tr.Verify(ctx); err != nil || len(probs) != 0 {
		t.Fatalf("verify: %v %v", probs, err)
	}
	if q, _ := tr.st.Index().Queue(); len(q) < 21 {
		t.Errorf("%d manifests queued for anchoring, want 21", len(q))
	}
	// Idempotent: the same file again changes nothing.
	rep, err = tr.SubmitMany(ctx, jsonl(t, docs...), tr.steward, ImportOptions{})
	if err != nil || rep.Added != 0 || rep.Already != 22 {
		t.Fatalf("again: %+v %v", rep, err)
	}
	// A consent of a disease outside the MONDO release is refused as a
	// single submit refuses it.
	tr.Enroll("trial-42", "D1", patient)
	ds := tr.consent(t, "D1", 1, func(c *Consent, _ *Domain) { c.Uses, c.Diseases = []string{"DS"}, []string{"MONDO:9999999"} })
	rep, err = tr.SubmitMany(ctx, jsonl(t, ds), tr.steward, ImportOptions{Ontology: DemoOntology()})
	if !errors.Is(err, ErrBadRows) || !errors.Is(rep.Bad[0], ErrInvalidConsent) {
		t.Fatalf("DS: %+v %v", rep, err)
	}
}

func TestLineReader(t *testing.T) {
	in := "a\n\n  \r\nbb\r\n" + strings.Repeat("x", 20) + "\nc"
	lr := NewLineReader(strings.NewReader(in), 10)
	var got []string
	for {
		n, b, err := lr.Next()
		if err == io.EOF {
			break
		}
		var re *RowError
		if errors.As(err, &re) {
			got = append(got, fmt.Sprintf("%d:long", n))
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, fmt.Sprintf("%d:%s", n, b))
	}
	if want := "[1:a 4:bb 5:long 6:c]"; fmt.Sprint(got) != want {
		t.Errorf("got %v, want %s", got, want)
	}
}

func FuzzEnrollmentReader(f *testing.F) {
	f.Add("subject,patient\nS1,"+addrA+"\n", "trial-42")
	f.Add("study,subject,patient\nt,S1,"+addrB+"\nt,\"S\"\"2\","+addrA+"\n", "")
	f.Add("S\"1,x\n\"unterminated", "t")
	f.Fuzz(func(t *testing.T, in, study string) {
		er := NewEnrollmentReader(strings.NewReader(in), study)
		last := 0
		for i := 0; ; i++ {
			row, err := er.Read()
			var re *RowError
			switch {
			case err == io.EOF:
				return
			case errors.As(err, &re):
				if re.Line < 1 {
					t.Fatalf("bad row at line %d", re.Line)
				}
				continue
			case err != nil:
				return
			}
			if row.Line < last || row.Line < 1 {
				t.Fatalf("line %d after %d", row.Line, last)
			}
			last = row.Line
			if checkKey("study", row.Study) != nil || checkKey("subject", row.Subject) != nil || row.Patient == (common.Address{}) {
				t.Fatalf("accepted %+v", row)
			}
			if i > len(in)+1 {
				t.Fatal("more rows than bytes")
			}
		}
	})
}

func FuzzLineReader(f *testing.F) {
	f.Add([]byte("{}\n\n{\"a\":1}\r\n"), 4)
	f.Fuzz(func(t *testing.T, in []byte, max int) {
		max = max%100 + 1
		if max < 1 {
			max = -max + 1
		}
		lr := NewLineReader(bytes.NewReader(in), max)
		last := 0
		for {
			n, b, err := lr.Next()
			if err == io.EOF {
				return
			}
			if n <= last {
				t.Fatalf("line %d after %d", n, last)
			}
			last = n
			if err == nil && (len(b) == 0 || len(b) > max+2) {
				t.Fatalf("line %d: %d bytes", n, len(b))
			}
			if err == nil {
				ParseDocument(b) // must not panic
			}
		}
	})
}

// genEnrollments is n rows of study trial-42.
type genEnrollments struct{ i, n int }

func (g *genEnrollments) Read() (EnrollRow, error) {
	if g.i == g.n {
		return EnrollRow{}, io.EOF
	}
	g.i++
	// Addresses are hashes: spread over the patient index as real ones are.
	a := common.BytesToAddress(crypto.Keccak256([]byte(fmt.Sprint(g.i))))
	return EnrollRow{Line: g.i, Enrollment: Enrollment{"trial-42", fmt.Sprintf("S%07d", g.i), a}}, nil
}

// benchStorage opens a fresh storage of backend (bbolt or postgres).
func benchStorage(b *testing.B, backend, dir string) Storage {
	var s Storage
	var err error
	if backend == "postgres" {
		s, err = OpenPostgres(context.Background(), testpg.DSN(b))
	} else {
		s, err = OpenBolt(dir + "/consents.db")
	}
	if err != nil {
		b.Fatal(err)
	}
	return s
}

var benchBackends = []string{"bbolt", "postgres"}

// BenchmarkEnrollMany enrolls 100,000 subjects in one fresh registry an
// iteration, on each backend (issue 18: under 30 s).
func BenchmarkEnrollMany(b *testing.B) {
	for _, backend := range benchBackends {
		b.Run(backend, func(b *testing.B) { benchmarkEnrollMany(b, backend) })
	}
}

func benchmarkEnrollMany(b *testing.B, backend string) {
	const n = 100_000
	for range b.N {
		b.StopTimer()
		dir := b.TempDir()
		st, err := notary.Open(dir)
		if err != nil {
			b.Fatal(err)
		}
		r, err := NewRegistry(context.Background(), benchStorage(b, backend, dir), st, Domain{ChainID: 1337})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		rep, err := r.EnrollMany(context.Background(), &genEnrollments{n: n})
		if err != nil || rep.Added != n {
			b.Fatal(rep, err)
		}
		b.StopTimer()
		r.Close()
		st.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "subjects/s")
}

// BenchmarkSubmitMany imports 10,000 signed consents of 10,000 subjects,
// on each backend.
func BenchmarkSubmitMany(b *testing.B) {
	for _, backend := range benchBackends {
		b.Run(backend, func(b *testing.B) { benchmarkSubmitMany(b, backend) })
	}
}

func benchmarkSubmitMany(b *testing.B, backend string) {
	const n = 10_000
	ctx := context.Background()
	now := time.Now().UTC().Truncate(time.Second)
	for range b.N {
		b.StopTimer()
		dir := b.TempDir()
		st, err := notary.Open(dir)
		if err != nil {
			b.Fatal(err)
		}
		r, err := NewRegistry(ctx, benchStorage(b, backend, dir), st, Domain{ChainID: 1337})
		if err != nil {
			b.Fatal(err)
		}
		key, _ := crypto.HexToECDSA(patientKeyHex)
		sk, _ := crypto.GenerateKey()
		patient := crypto.PubkeyToAddress(key.PublicKey)
		if _, err := r.EnrollMany(ctx, &sameEnrollments{genEnrollments{n: n}, patient}); err != nil {
			b.Fatal(err)
		}
		var buf bytes.Buffer
		for i := 1; i <= n; i++ {
			c := &Consent{Study: "trial-42", Subject: fmt.Sprintf("S%07d", i), Uses: []string{"HMB"}, Nonce: 1,
				ValidFrom: now.Add(-time.Hour), ValidUntil: now.AddDate(1, 0, 0)}
			sig, err := Sign(c.TypedData(r.Domain()), key)
			if err != nil {
				b.Fatal(err)
			}
			doc, err := NewDocument(r.Domain(), c, nil, sig)
			if err != nil {
				b.Fatal(err)
			}
			w, _ := doc.MarshalJSON()
			buf.Write(w)
			buf.WriteByte('\n')
		}
		b.StartTimer()
		rep, err := r.SubmitMany(ctx, bytes.NewReader(buf.Bytes()), keys.NewKey(sk), ImportOptions{})
		if err != nil || rep.Added != n {
			b.Fatal(rep, err)
		}
		b.StopTimer()
		r.Close()
		st.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "documents/s")
}

type sameEnrollments struct {
	genEnrollments
	patient common.Address
}

func (s *sameEnrollments) Read() (EnrollRow, error) {
	row, err := s.genEnrollments.Read()
	row.Patient = s.patient
	return row, err
}

// TestSubmitManyCrash is a bulk import killed between notarizing a chunk
// and recording it: the next open records the chunk, a subject's
// documents in nonce order though they were notarized in one second, and
// the file submitted again is all "already accepted".
func TestSubmitManyCrash(t *testing.T) {
	ctx := context.Background()
	tr := newTestRegistry(t)
	patient := crypto.PubkeyToAddress(tr.patient.PublicKey)
	tr.Enroll("trial-42", "S1", patient)
	c := tr.consent(t, "S1", 1, nil)
	rv := tr.revocation(t, "S1", c.Hash, 2)
	var nds []notary.Doc
	for _, d := range []*Document{rv, c} { // the revocation first: order within a second is not kept
		w, _ := d.MarshalJSON()
		nds = append(nds, notary.Doc{Pub: notary.Publication{Kind: notary.KindConsent, Title: docTitle(d)}, Name: d.Kind() + ".json", Data: w})
	}
	if _, err := tr.st.NotarizeMany(ctx, nds, tr.steward); err != nil {
		t.Fatal(err)
	}
	tr.Close()
	r, err := tr.reopen(t, Domain{ChainID: 1337})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if h, _ := r.History("trial-42", "S1"); len(h) != 2 || h[1].Kind != "revocation" {
		t.Fatalf("history after the crash: %v", h)
	}
	rep, err := r.SubmitMany(ctx, jsonl(t, c, rv), tr.steward, ImportOptions{})
	if err != nil || rep.Already != 2 {
		t.Fatalf("%+v %v", rep, err)
	}
}
