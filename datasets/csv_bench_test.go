package datasets

import (
	"bytes"
	"fmt"
	"testing"
)

// mixedCSV makes n rows of mixed columns: ids, ints, floats, dates,
// booleans and short strings.
func mixedCSV(n int) []byte {
	var b bytes.Buffer
	b.WriteString("id,age,weight,visit,smoker,site,diagnosis\n")
	for i := range n {
		fmt.Fprintf(&b, "P%07d,%d,%d.%d,2024-%02d-%02d,%t,site-%d,E11.%d\n", i, 18+i%80, 50+i%60, i%10, 1+i%12, 1+i%28, i%3 == 0, i%40, i%10)
	}
	return b.Bytes()
}

// BenchmarkCSVToArrow reads 57 MB (1.2 million rows) of mixed CSV into
// Arrow batches.
func BenchmarkCSVToArrow(b *testing.B) {
	data := mixedCSV(1_200_000)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		r, err := NewCSVReader(bytes.NewReader(data), CSVOptions{})
		if err != nil {
			b.Fatal(err)
		}
		for r.Next() {
		}
		if err := r.Err(); err != nil {
			b.Fatal(err)
		}
		r.Release()
	}
}
