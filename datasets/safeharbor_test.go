package datasets

import (
	"bytes"
	"context"
	stdcsv "encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// extractCSV runs Extract on CSV text and returns the delivered CSV's
// header and rows.
func extractCSV(t *testing.T, dict *Dictionary, raw string, o ExtractOptions) ([]string, [][]string, *ExtractResult) {
	t.Helper()
	o.Dictionary, o.Format = dict, FormatCSV
	if o.Secret == nil {
		o.Secret = []byte("secret")
	}
	out, err := os.Create(t.TempDir() + "/extract.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	res, err := Extract(context.Background(), func() (RecordReader, error) {
		return Open(strings.NewReader(raw), int64(len(raw)), CSVOptions{Name: "raw.csv", Dictionary: dict})
	}, out, o)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(out.Name())
	if err != nil {
		t.Fatal(err)
	}
	rows, err := stdcsv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows[0], rows[1:], res
}

// yearRange is the span of years a delivered date value stands for:
// a year, a band of years, a date or month, a decade, or one of the two
// groups; ok is false for a suppressed or empty value.
func yearRange(v string) (lo, hi int, ok bool) {
	const inf = 1 << 30
	switch {
	case v == "" || v == Suppressed:
		return 0, 0, false
	case strings.HasPrefix(v, "<="):
		y, err := strconv.Atoi(v[2:])
		return -inf, y, err == nil
	case strings.HasPrefix(v, ">"):
		y, err := strconv.Atoi(v[1:])
		return y + 1, inf, err == nil
	case len(v) == 5 && strings.HasSuffix(v, "0s"):
		y, err := strconv.Atoi(v[:4])
		return y, y + 9, err == nil
	}
	if m := regexp.MustCompile(`^(\d+)-(\d+)$`).FindStringSubmatch(v); m != nil && len(m[1]) == 4 && len(m[2]) == 4 {
		a, _ := strconv.Atoi(m[1])
		b, _ := strconv.Atoi(m[2])
		return a, b, true
	}
	if len(v) >= 4 {
		if y, err := strconv.Atoi(v[:4]); err == nil && (len(v) == 4 || v[4] == '-') {
			return y, y, true
		}
	}
	return 0, 0, false
}

// ageRange is the span of ages a delivered age value stands for.
func ageRange(v string) (lo, hi int, ok bool) {
	switch {
	case v == "" || v == Suppressed:
		return 0, 0, false
	case v == AgeTopCode:
		return 90, 1 << 30, true
	}
	if a, b, found := strings.Cut(v, "-"); found {
		x, err1 := strconv.Atoi(a)
		y, err2 := strconv.Atoi(b)
		return x, y, err1 == nil && err2 == nil
	}
	x, err := strconv.Atoi(v)
	return x, x, err == nil
}

// over89 returns why a delivered row lets an age over 89 be read off it,
// or "": an age value other than the one 90+ group that says 90 or more;
// a date value other than the one OldYears group that lies wholly 90 or
// more years before the reference year; or two date values that lie 90
// or more years apart, neither of them a group.
func over89(header, row []string, dict *Dictionary, ref int) string {
	type span struct {
		col    string
		lo, hi int
	}
	var dates []span
	for j, name := range header {
		c, _ := dict.Column(name)
		v := row[j]
		switch {
		case c.isAge():
			if lo, _, ok := ageRange(v); ok && lo >= 90 && v != AgeTopCode {
				return fmt.Sprintf("age %s = %q", name, v)
			}
			if _, hi, ok := ageRange(v); ok && hi >= 90 && v != AgeTopCode {
				return fmt.Sprintf("age band %s = %q reaches past 89", name, v)
			}
		case c.Role == RoleDate || c.Type == TypeDate || c.Type == TypeTimestamp:
			lo, hi, ok := yearRange(v)
			if !ok {
				continue
			}
			if v == OldYears(ref) || v == LaterYears(ref) {
				continue
			}
			if hi <= ref-90 {
				return fmt.Sprintf("date %s = %q is 90 or more years before %d", name, v, ref)
			}
			dates = append(dates, span{name, lo, hi})
		}
	}
	for _, a := range dates {
		for _, b := range dates {
			if b.lo-a.hi >= 90 {
				return fmt.Sprintf("dates %s and %s are %d or more years apart", a.col, b.col, b.lo-a.hi)
			}
		}
	}
	return ""
}

// TestExtractBirthYearOver89 is the first example: a 93-year-old's
// birth year was delivered next to 90+.
func TestExtractBirthYearOver89(t *testing.T) {
	dict, err := ParseDictionary([]byte(`version: 1
columns:
  - {name: subject_id, type: string, role: subject}
  - {name: birth_date, type: date, role: date}
  - {name: age, type: int, role: age}
  - {name: diagnosis, type: string, role: sensitive}
`))
	if err != nil {
		t.Fatal(err)
	}
	ref := time.Now().UTC().Year()
	var raw strings.Builder
	raw.WriteString("subject_id,birth_date,age,diagnosis\n")
	for i := range 200 {
		age := 93 + i%7
		fmt.Fprintf(&raw, "S%d,%d-03-01,%d,E11.9\n", i, ref-age-1, age)
	}
	header, rows, _ := extractCSV(t, dict, raw.String(), ExtractOptions{K: KOptions{K: 2}})
	for _, row := range rows {
		if why := over89(header, row, dict, ref); why != "" {
			t.Fatalf("row %v: %s", row, why)
		}
	}
}

// docDictionary is the example dictionary of doc/data-dictionary.md.
func docDictionary(t *testing.T) *Dictionary {
	t.Helper()
	doc, err := os.ReadFile("../doc/data-dictionary.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)```yaml\n(.*?)```").FindSubmatch(doc)
	if m == nil {
		t.Fatal("no yaml block in doc/data-dictionary.md")
	}
	d, err := ParseDictionary(m[1])
	if err != nil {
		t.Fatalf("the doc's example dictionary: %v", err)
	}
	return d
}

// TestDocDictionaryAgeBands is the second example: with the doc's
// dictionary, ages came out as 90-94 and 95-99.
func TestDocDictionaryAgeBands(t *testing.T) {
	dict := docDictionary(t)
	var raw strings.Builder
	var header []string
	for _, c := range dict.Columns {
		header = append(header, c.Name)
	}
	raw.WriteString(strings.Join(header, ",") + "\n")
	rng := rand.New(rand.NewPCG(9, 9))
	for i := range 600 {
		age := 60 + rng.IntN(45)
		for j, c := range dict.Columns {
			if j > 0 {
				raw.WriteByte(',')
			}
			switch c.Name {
			case "patient_id":
				fmt.Fprintf(&raw, "P%d", i)
			case "zip":
				raw.WriteString("02139")
			case "birth_date":
				fmt.Fprintf(&raw, "%d-06-01", 2025-age)
			case "age":
				fmt.Fprint(&raw, age)
			case "sex":
				raw.WriteString([]string{"F", "M"}[i%2])
			case "hba1c":
				raw.WriteString("6.1")
			default:
				raw.WriteString("x")
			}
		}
		raw.WriteByte('\n')
	}
	ref := 2026
	for _, k := range []int{2, 10, 40} {
		t.Run(fmt.Sprintf("k=%d", k), func(t *testing.T) {
			header, rows, res := extractCSV(t, dict, raw.String(), ExtractOptions{K: KOptions{K: k},
				Reference: time.Date(ref, 6, 30, 0, 0, 0, 0, time.UTC)})
			t.Logf("levels %v", res.Levels)
			for _, row := range rows {
				if why := over89(header, row, dict, ref); why != "" {
					t.Fatalf("row %v: %s", row, why)
				}
			}
		})
	}
}

// TestAgeHierarchiesNeverSplit90 checks every age hierarchy level: 0-89 may
// be generalized, 90 and over are one group until suppressed.
func TestAgeHierarchiesNeverSplit90(t *testing.T) {
	for _, c := range []Column{
		{Name: "age", Type: TypeInt, Role: RoleAge},
		{Name: "age", Type: TypeInt, Role: RoleAge, Hierarchy: &Hierarchy{Bands: []float64{3, 7, 50, 200}}},
		{Name: "age", Type: TypeInt, Role: RoleQuasi, Hierarchy: &Hierarchy{Bands: []float64{5, 10, 20}}},
		{Name: "AgeAtVisit", Type: TypeFloat, Role: RoleQuasi, Hierarchy: &Hierarchy{Bands: []float64{25, 1000}}},
	} {
		q := newQuasi(c, 2026)
		for level := range q.levels() + 2 {
			for v := range 140 {
				for _, raw := range []string{strconv.Itoa(v), strconv.Itoa(v) + ".5", AgeTopCode} {
					g := q.generalize(raw, level)
					if g == Suppressed {
						if level <= q.levels() {
							t.Errorf("%s %v level %d: %s suppressed below the top", c.Name, c.Hierarchy, level, raw)
						}
						continue
					}
					lo, hi, ok := ageRange(g)
					if !ok {
						t.Fatalf("%s level %d: %s became %q", c.Name, level, raw, g)
					}
					if v >= 90 || raw == AgeTopCode {
						if g != AgeTopCode {
							t.Errorf("%s %v level %d: %s became %q, not %s", c.Name, c.Hierarchy, level, raw, g, AgeTopCode)
						}
					} else if hi >= 90 || lo > v || hi < v {
						t.Errorf("%s %v level %d: %s became %q", c.Name, c.Hierarchy, level, raw, g)
					}
				}
			}
		}
	}
}

// TestNamedAgesAreAges: a kept column named like an age is top-coded
// whatever its declared role, and must be numeric.
func TestNamedAgesAreAges(t *testing.T) {
	for name, want := range map[string]bool{"age": true, "Age": true, "age_at_visit": true, "AgeYears": true,
		"patient-age": true, "ages": true, "stage": false, "page_count": false, "dosage": false, "agency": false} {
		if got := namedAge(name); got != want {
			t.Errorf("namedAge(%q) = %v", name, got)
		}
	}
	_, err := ParseDictionary([]byte("version: 1\ncolumns:\n  - {name: age_group, type: string, role: plain}\n"))
	if err == nil || !strings.Contains(err.Error(), "named like an age") {
		t.Errorf("a string column named like an age: %v", err)
	}
	dict, err := ParseDictionary([]byte(`version: 1
columns:
  - {name: age_plain, type: int, role: plain}
  - {name: age_sensitive, type: float, role: sensitive}
  - {name: x, type: int, role: plain}
`))
	if err != nil {
		t.Fatal(err)
	}
	header, rows, _ := extractCSV(t, dict, "age_plain,age_sensitive,x\n93,97.5,93\n45,45.5,45\n", ExtractOptions{})
	if got := fmt.Sprint(header, rows); got != "[age_plain age_sensitive x] [[90+ 90+ 93] [45 45 45]]" {
		t.Errorf("got %s", got)
	}
}

// TestSafeHarborOver89Property: over random tables, dictionaries and
// settings, no delivered row lets an age over 89 be read off any column or
// pair of date columns.
func TestSafeHarborOver89Property(t *testing.T) {
	const ref = 2026
	for seed := range uint64(40) {
		rng := rand.New(rand.NewPCG(seed, 89))
		var cols []Column
		cols = append(cols, Column{Name: "id", Type: TypeString, Role: RoleSubject})
		ages := []Column{
			{Name: "age", Type: TypeInt, Role: RoleAge},
			{Name: "age", Type: TypeFloat, Role: RoleAge, Hierarchy: &Hierarchy{Bands: []float64{float64(1 + rng.IntN(15)), 40}}},
			{Name: "age_years", Type: TypeInt, Role: RoleQuasi, Hierarchy: &Hierarchy{Bands: []float64{float64(1 + rng.IntN(15)), 50}}},
			{Name: "age", Type: TypeInt, Role: RolePlain},
		}
		cols = append(cols, ages[rng.IntN(len(ages))])
		dateTypes := []Type{TypeDate, TypeTimestamp, TypeString}
		for j := range 1 + rng.IntN(3) {
			c := Column{Name: fmt.Sprintf("d%d", j), Type: dateTypes[rng.IntN(3)], Role: RoleDate}
			if rng.IntN(4) == 0 {
				c.NotQuasi = "test"
			}
			cols = append(cols, c)
		}
		if rng.IntN(2) == 0 {
			cols = append(cols, Column{Name: "dq", Type: TypeDate, Role: RoleQuasi, Hierarchy: &Hierarchy{Dates: []string{"month", "year", "decade"}}})
		}
		cols = append(cols, Column{Name: "sex", Type: TypeString, Role: RoleQuasi, Hierarchy: &Hierarchy{Map: []map[string]string{{"F": "F", "M": "M"}}}})
		dict := &Dictionary{Version: 1, Columns: cols}
		if err := dict.Validate(); err != nil {
			t.Fatal(err)
		}
		var raw strings.Builder
		for j, c := range cols {
			if j > 0 {
				raw.WriteByte(',')
			}
			raw.WriteString(c.Name)
		}
		raw.WriteByte('\n')
		rows := 50 + rng.IntN(400)
		for i := range rows {
			birth := ref - rng.IntN(110)
			if rng.IntN(3) == 0 {
				birth = ref - 85 - rng.IntN(10) // around the line
			}
			for j, c := range cols {
				if j > 0 {
					raw.WriteByte(',')
				}
				switch {
				case c.Role == RoleSubject:
					fmt.Fprintf(&raw, "S%d", i)
				case c.isAge():
					if c.Type == TypeFloat {
						fmt.Fprintf(&raw, "%.1f", max(0, float64(ref-birth)-rng.Float64()))
					} else {
						fmt.Fprint(&raw, max(0, ref-birth-rng.IntN(2)))
					}
				case c.Type == TypeDate || c.Type == TypeTimestamp || c.Type == TypeString && c.Role == RoleDate:
					y := birth
					if rng.IntN(2) == 0 {
						y = birth + rng.IntN(120) // an event, maybe after the reference year
					}
					d := fmt.Sprintf("%04d-%02d-%02d", y, 1+rng.IntN(12), 1+rng.IntN(28))
					if c.Type == TypeTimestamp {
						d += "T12:00:00Z"
					}
					raw.WriteString(d)
				case c.Name == "sex":
					raw.WriteString([]string{"F", "M"}[rng.IntN(2)])
				}
			}
			raw.WriteByte('\n')
		}
		k := 1 + rng.IntN(6)
		t.Run(fmt.Sprintf("seed %d", seed), func(t *testing.T) {
			header, out, _ := extractCSV(t, dict, raw.String(), ExtractOptions{
				K: KOptions{K: k, MaxSuppression: 0.5}, Reference: time.Date(ref, time.Month(1+rng.IntN(12)), 1+rng.IntN(28), 0, 0, 0, 0, time.UTC)})
			for _, row := range out {
				if why := over89(header, row, dict, ref); why != "" {
					t.Fatalf("row %v: %s\n%v", row, why, dict.Columns)
				}
			}
		})
	}
}

// linkingColumns are the delivered columns that can link a person, as
// the data dictionary doc says, worked out here without the package's
// help: declared quasi-identifiers, zip, date and age columns (and
// columns named like ages), less those the dictionary excuses.
func linkingColumns(header []string, dict *Dictionary) []string {
	var out []string
	for _, name := range header {
		c, _ := dict.Column(name)
		switch c.Role {
		case RoleQuasi:
			out = append(out, name)
		case RoleZIP, RoleDate, RoleAge:
			if c.NotQuasi == "" {
				out = append(out, name)
			}
		}
	}
	return out
}

// TestRiskIsTrueOfTheFile is the risk example: the report counted
// only the declared quasi-identifiers while ZIP3 and birth years went out
// beside them. k, the classes and the prosecutor risks are recomputed
// here from the delivered file, over every column that can link.
func TestRiskIsTrueOfTheFile(t *testing.T) {
	dict, err := ParseDictionary([]byte(`version: 1
columns:
  - {name: subject_id, type: string, role: subject}
  - {name: zip, type: string, role: zip}
  - {name: birth_date, type: date, role: date}
  - {name: admitted, type: date, role: date}
  - {name: discharged, type: date, role: date, not-quasi-identifier: "the same as admitted for every row of this study"}
  - {name: age, type: int, role: age}
  - {name: sex, type: string, role: quasi-identifier, hierarchy: {map: [{F: F, M: M}]}}
  - {name: diagnosis, type: string, role: sensitive}
`))
	if err != nil {
		t.Fatal(err)
	}
	zips := []string{"02139", "02141", "10027", "10025", "94110", "94114", "60601", "30301"}
	for _, tc := range []struct {
		rows int
		k    KOptions
	}{{245, KOptions{K: 2}}, {245, KOptions{K: 5, MaxSuppression: 0.2}}, {2000, KOptions{K: 10}}, {2000, KOptions{K: 3, L: 2, Sensitive: "diagnosis"}}} {
		t.Run(fmt.Sprintf("%d rows k=%d l=%d", tc.rows, tc.k.K, tc.k.L), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(uint64(tc.rows), uint64(tc.k.K)))
			var raw strings.Builder
			raw.WriteString("subject_id,zip,birth_date,admitted,discharged,age,sex,diagnosis\n")
			for i := range tc.rows {
				age := 20 + rng.IntN(75)
				admitted := fmt.Sprintf("%d-%02d-%02d", 2015+rng.IntN(10), 1+rng.IntN(12), 1+rng.IntN(28))
				fmt.Fprintf(&raw, "S%d,%s,%d-%02d-01,%s,%s,%d,%s,%s\n", i, zips[rng.IntN(len(zips))], 2025-age, 1+rng.IntN(12),
					admitted, admitted, age, []string{"F", "M"}[rng.IntN(2)], []string{"E11.9", "I10", "J45"}[rng.IntN(3)])
			}
			header, rows, res := extractCSV(t, dict, raw.String(), ExtractOptions{K: tc.k,
				Reference: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)})
			quasi := linkingColumns(header, dict)
			if got := fmt.Sprint(res.Report.QuasiIdentifiers); got != fmt.Sprint(quasi) {
				t.Errorf("the report considered %s, want %v", got, quasi)
			}
			if got := res.Report.NotQuasi["discharged"]; !strings.HasPrefix(got, "the same as admitted") {
				t.Errorf("the report's columns left out: %v", res.Report.NotQuasi)
			}
			idx := map[string]int{}
			for j, h := range header {
				idx[h] = j
			}
			sizes := map[string]int{}
			for _, row := range rows {
				var key []string
				for _, q := range quasi {
					key = append(key, row[idx[q]])
				}
				sizes[strings.Join(key, "\x00")]++
			}
			k := len(rows)
			for _, n := range sizes {
				k = min(k, n)
			}
			r := res.Report
			if len(rows) != res.Rows || len(rows) != r.Rows-r.Suppressed {
				t.Errorf("%d rows in the file, result says %d, report %d less %d suppressed", len(rows), res.Rows, r.Rows, r.Suppressed)
			}
			if k != r.K || len(sizes) != r.Classes || k < tc.k.K {
				t.Errorf("the file has k = %d in %d classes; the report says k = %d in %d classes (asked %d)", k, len(sizes), r.K, r.Classes, tc.k.K)
			}
			if want := 1 / float64(k); r.ProsecutorHighest != want {
				t.Errorf("highest prosecutor risk %v, the file's is %v", r.ProsecutorHighest, want)
			}
			if want := float64(len(sizes)) / float64(len(rows)); math.Abs(r.ProsecutorAverage-want) > 1e-12 {
				t.Errorf("average prosecutor risk %v, the file's is %v", r.ProsecutorAverage, want)
			}
			settings, _ := json.Marshal(res.Settings)
			if !strings.Contains(string(settings), `"not-quasi-identifier":"the same as admitted`) {
				t.Errorf("the reason is not in the settings the provenance records: %s", settings)
			}
		})
	}
}
