package datasets

import (
	"bytes"
	"context"
	stdcsv "encoding/csv"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/apache/arrow/go/v17/arrow/memory"
)

// The synthetic patient table: one column per Safe Harbor identifier
// class, with planted values that must not survive into any extract.
const patientDictionary = `version: 1
columns:
  - {name: subject_id, type: string, role: subject}
  - {name: full_name, type: string, role: name}
  - {name: street, type: string, role: geographic}
  - {name: zip, type: string, role: zip}
  - {name: birth_date, type: date, role: date}
  - {name: age, type: int, role: age}
  - {name: phone, type: string, role: phone}
  - {name: fax, type: string, role: fax}
  - {name: email, type: string, role: email}
  - {name: ssn, type: string, role: ssn}
  - {name: mrn, type: string, role: medical-record-number}
  - {name: plan, type: string, role: health-plan-number}
  - {name: account, type: string, role: account-number}
  - {name: licence, type: string, role: license-number}
  - {name: vin, type: string, role: vehicle-id}
  - {name: device, type: string, role: device-id}
  - {name: homepage, type: string, role: url}
  - {name: ip, type: string, role: ip-address}
  - {name: fingerprint, type: string, role: biometric-id}
  - {name: photo, type: string, role: full-face-photo}
  - {name: badge, type: string, role: other-unique-id}
  - {name: age_band, type: int, role: quasi-identifier, hierarchy: {bands: [5, 10, 20, 40]}}
  - {name: sex, type: string, role: quasi-identifier, hierarchy: {map: [{F: F, M: M}]}}
  - {name: region, type: string, role: quasi-identifier, hierarchy: {mask: [1, 2]}}
  - {name: diagnosis, type: string, role: sensitive}
  - {name: hba1c, type: float, role: plain}
`

// patientTable writes n rows and returns the CSV and every planted
// identifying value.
func patientTable(n int) ([]byte, []string) {
	rng := rand.New(rand.NewPCG(42, 42))
	var b bytes.Buffer
	var planted []string
	d, _ := ParseDictionary([]byte(patientDictionary))
	var header []string
	for _, c := range d.Columns {
		header = append(header, c.Name)
	}
	b.WriteString(strings.Join(header, ",") + "\n")
	for i := range n {
		row := []string{
			fmt.Sprintf("S%05d", i),
			fmt.Sprintf("Zebulon Quixote%04d", i),
			fmt.Sprintf("%d Larkspur Lane", 100+i),
			[]string{"02139", "03601", "10027", "94110", "69201"}[i%5],
			fmt.Sprintf("19%02d-%02d-%02d", 30+i%60, 1+i%12, 1+i%28),
			fmt.Sprint(20 + i%80),
			fmt.Sprintf("(617) 555-%04d", i),
			fmt.Sprintf("+1 617 444 %04d", i),
			fmt.Sprintf("patient%d@example.org", i),
			fmt.Sprintf("%03d-%02d-%04d", 100+i%800, 10+i%80, 1000+i),
			fmt.Sprintf("MRN%07d", 5000000+i),
			fmt.Sprintf("HP-%08d", 30000000+i),
			fmt.Sprintf("ACCT%09d", 700000000+i),
			fmt.Sprintf("LIC-Q%06d", 400000+i),
			fmt.Sprintf("1HGCM82633A%06d", 100000+i),
			fmt.Sprintf("DEV-%08X", 0xABC00000+i),
			fmt.Sprintf("https://people.example.org/~p%d", i),
			fmt.Sprintf("10.%d.%d.%d", 20+i%200, (i/256)%256, i%256),
			fmt.Sprintf("FP%012d", 880000000000+i),
			fmt.Sprintf("photo-%d.jpg", i),
			fmt.Sprintf("BADGE%06d", 600000+i),
			fmt.Sprint(30 + rng.IntN(40)),
			[]string{"F", "M"}[rng.IntN(2)],
			[]string{"north", "south", "east", "west"}[rng.IntN(4)],
			[]string{"E11.9", "I10", "J45", "E78.5"}[rng.IntN(4)],
			fmt.Sprintf("%.1f", 5+rng.Float64()*4),
		}
		b.WriteString(strings.Join(quoteAll(row), ",") + "\n")
		// Everything identifying, as it appears in the raw data. Values a
		// Safe Harbor output may legitimately contain (a year, a ZIP3) are
		// not planted; full dates, full ZIPs and ages over 89 are.
		planted = append(planted, row[1], row[2], row[6], row[7], row[8], row[9], row[10], row[11], row[12],
			row[13], row[14], row[15], row[16], row[17], row[18], row[19], row[20], row[4], row[3], row[0])
		if age := 20 + i%80; age >= 90 {
			planted = append(planted, fmt.Sprintf(",%d,", age))
		}
	}
	return b.Bytes(), planted
}

var pseudonymShape = regexp.MustCompile(`^[0-9a-f]{64}$`)

// columnValues reads one column of a written file as text.
func columnValues(t *testing.T, f Format, a []byte, mem memory.Allocator, name string) []string {
	t.Helper()
	var out []string
	if f == FormatCSV {
		rows, err := stdcsv.NewReader(bytes.NewReader(a)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		j := slices.Index(rows[0], name)
		for _, row := range rows[1:] {
			out = append(out, row[j])
		}
		return out
	}
	tbl := readBack(t, f, a, mem, nil)
	defer tbl.Release()
	j := tbl.Schema().FieldIndices(name)[0]
	for _, chunk := range tbl.Column(j).Data().Chunks() {
		for i := 0; i < chunk.Len(); i++ {
			out = append(out, chunk.ValueStr(i))
		}
	}
	return out
}

func quoteAll(fields []string) []string {
	out := make([]string, len(fields))
	for i, f := range fields {
		if strings.ContainsAny(f, ",\"") {
			f = `"` + strings.ReplaceAll(f, `"`, `""`) + `"`
		}
		out[i] = f
	}
	return out
}

func TestExtractRemovesEveryIdentifier(t *testing.T) {
	raw, planted := patientTable(1000)
	d, err := ParseDictionary([]byte(patientDictionary))
	if err != nil {
		t.Fatal(err)
	}
	rawFile := filepath.Join(t.TempDir(), "patients.csv")
	os.WriteFile(rawFile, raw, 0o644)
	for _, f := range []Format{FormatArrow, FormatCSV, FormatParquet} {
		t.Run(string(f), func(t *testing.T) {
			mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
			defer mem.AssertSize(t, 0)
			run := func() ([]byte, *ExtractResult) {
				p := filepath.Join(t.TempDir(), "extract")
				out, err := os.Create(p)
				if err != nil {
					t.Fatal(err)
				}
				defer out.Close()
				open := func() (RecordReader, error) {
					return OpenFile(rawFile, CSVOptions{Dictionary: d, Mem: mem, BatchRows: 700})
				}
				res, err := Extract(context.Background(), open, out, ExtractOptions{
					Dictionary: d, Secret: []byte("study-42 secret"), K: KOptions{K: 5}, Format: f, Mem: mem,
				})
				if err != nil {
					t.Fatal(err)
				}
				out.Close()
				b, _ := os.ReadFile(p)
				return b, res
			}
			a, res := run()
			b, _ := run()
			if !bytes.Equal(a, b) {
				t.Error("re-running the extract gave different bytes")
			}
			if res.Report.K < 5 || res.Rows+res.Report.Suppressed != 1000 {
				t.Errorf("report %+v, rows %d", res.Report, res.Rows)
			}
			// Search the decoded values (Parquet compresses), but for the
			// pseudonyms, whose 64 hex digits hold any short digit string
			// by chance; they are checked for shape below.
			text := string(decodedText(t, f, a, mem, "subject_id"))
			for _, v := range columnValues(t, f, a, mem, "subject_id") {
				if !pseudonymShape.MatchString(v) {
					t.Fatalf("subject_id %q is not a pseudonym", v)
				}
			}
			for _, v := range planted {
				if i := strings.Index(text, v); i >= 0 {
					t.Fatalf("planted identifier %q survived into the %s extract: ...%s...", v, f, text[max(0, i-80):min(len(text), i+40)])
				}
			}
			// Age, birth year and ZIP3 single people out in this table:
			// k-anonymity over them suppresses age, or leaves 90+.
			if slices.Contains(res.SuppressedColumns, "age") {
				for _, v := range columnValues(t, f, a, mem, "age") {
					if v != Suppressed {
						t.Fatalf("age %q in a column reported suppressed", v)
					}
				}
			} else if !strings.Contains(text, "90+") {
				t.Error("no 90+ age group in the extract")
			}
		})
	}
}
