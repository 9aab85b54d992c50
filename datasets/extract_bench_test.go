package datasets

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
)

// The benchmark table: 20 columns, 5 of them quasi-identifiers, shaped
// like the IHIS run ARX reports (anonbench): k = 5, CSV in, Parquet out.
const benchDictionary = `version: 1
columns:
  - {name: subject_id, type: string, role: subject}
  - {name: full_name, type: string, role: name}
  - {name: email, type: string, role: email}
  - {name: zip, type: string, role: zip}
  - {name: birth_date, type: date, role: date}
  - {name: age, type: int, role: quasi-identifier, hierarchy: {bands: [5, 10, 20, 40]}}
  - {name: sex, type: string, role: quasi-identifier, hierarchy: {map: [{F: F, M: M}]}}
  - {name: region, type: string, role: quasi-identifier, hierarchy: {mask: [1, 2, 3]}}
  - {name: marital, type: string, role: quasi-identifier, hierarchy: {map: [{single: unmarried, divorced: unmarried, widowed: unmarried, married: married}]}}
  - {name: education, type: int, role: quasi-identifier, hierarchy: {bands: [4, 8, 16]}}
  - {name: diagnosis, type: string, role: sensitive}
  - {name: hba1c, type: float, role: plain}
  - {name: bmi, type: float, role: plain}
  - {name: systolic, type: int, role: plain}
  - {name: diastolic, type: int, role: plain}
  - {name: smoker, type: bool, role: plain}
  - {name: visits, type: int, role: plain}
  - {name: ldl, type: float, role: plain}
  - {name: hdl, type: float, role: plain}
  - {name: enrolled, type: date, role: plain}
`

func writeBenchTable(b *testing.B, path string, rows int) {
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	rng := rand.New(rand.NewPCG(1, 2))
	fmt.Fprintln(w, "subject_id,full_name,email,zip,birth_date,age,sex,region,marital,education,diagnosis,hba1c,bmi,systolic,diastolic,smoker,visits,ldl,hdl,enrolled")
	marital := []string{"single", "married", "divorced", "widowed"}
	diag := []string{"E11.9", "I10", "J45", "E78.5", "F32.9", "M54.5"}
	for i := range rows {
		age := 18 + rng.IntN(72)
		fmt.Fprintf(w, "S%07d,Name %d,p%d@example.org,%05d,%d-%02d-%02d,%d,%s,R%03d,%s,%d,%s,%.1f,%.1f,%d,%d,%t,%d,%.1f,%.1f,2024-%02d-%02d\n",
			i, i, i, rng.IntN(99999), 2024-age, 1+rng.IntN(12), 1+rng.IntN(28), age, []string{"F", "M"}[rng.IntN(2)],
			rng.IntN(400), marital[rng.IntN(4)], 8+rng.IntN(12), diag[rng.IntN(len(diag))], 5+rng.Float64()*4, 18+rng.Float64()*20,
			100+rng.IntN(60), 60+rng.IntN(30), rng.IntN(4) == 0, rng.IntN(20), 2+rng.Float64()*3, 1+rng.Float64(), 1+rng.IntN(12), 1+rng.IntN(28))
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	f.Close()
}

// BenchmarkExtract1M: 1,000,000 rows of 20 columns, Safe Harbor plus
// k = 5 over 5 quasi-identifiers, CSV in to Parquet out.
// go test ./datasets -run '^$' -bench Extract1M -benchtime 1x
func BenchmarkExtract1M(b *testing.B) {
	dir := b.TempDir()
	in := filepath.Join(dir, "cohort.csv")
	writeBenchTable(b, in, 1_000_000)
	d, err := ParseDictionary([]byte(benchDictionary))
	if err != nil {
		b.Fatal(err)
	}
	fi, _ := os.Stat(in)
	b.SetBytes(fi.Size())
	for b.Loop() {
		out, err := os.Create(filepath.Join(dir, "extract.parquet"))
		if err != nil {
			b.Fatal(err)
		}
		res, err := Extract(context.Background(), func() (RecordReader, error) {
			return OpenFile(in, CSVOptions{Dictionary: d})
		}, out, ExtractOptions{Dictionary: d, Secret: []byte("bench"), K: KOptions{K: 5}, Format: FormatParquet})
		out.Close()
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(res.Report.K), "k")
		b.ReportMetric(float64(res.Report.Suppressed), "suppressed")
	}
}
