package graphql

import (
	"bytes"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"path/filepath"
	"strings"
	"testing"

	"filippo.io/age"

	"github.com/desci-platform/desci/keys"
)

// file is one file of a multipart request, at a variable's path.
type file struct{ path, name, content string }

// multipartRequest sends query with files per the GraphQL multipart
// request spec.
func (e *env) multipartRequest(token, query string, vars map[string]any, files []file) *response {
	e.t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	ops, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	w.WriteField("operations", string(ops))
	m := map[string][]string{}
	for i, f := range files {
		m[fmt.Sprint(i)] = []string{f.path}
	}
	mb, _ := json.Marshal(m)
	w.WriteField("map", string(mb))
	for i, f := range files {
		fw, _ := w.CreateFormFile(fmt.Sprint(i), f.name)
		fw.Write([]byte(f.content))
	}
	w.Close()
	return e.post(token, body.Bytes(), w.FormDataContentType())
}

const addDataset = `mutation($f: Upload!, $d: Upload!) { addDataset(file: $f, dictionary: $d, title: "Visits", keywords: ["diabetes"]) {
	cid kind title keywords dictionaryDocument content { sealed files { path } } } }`

func TestStewardMutations(t *testing.T) {
	steward, _ := age.GenerateX25519Identity()
	e := newEnv(t, func(o *Options) {
		st, err := keys.OpenStewards(filepath.Join(t.TempDir(), "stewards"), keys.Options{LightKDF: true})
		if err != nil {
			t.Fatal(err)
		}
		o.Stewards, o.StewardIdentities = st, []age.Identity{steward}
	})
	stewardTok, researcher, patient := e.signIn(e.steward), e.signIn(e.researcher), e.signIn(e.patient)
	const enroll = `mutation($s: String!, $p: String!) { enroll(study: "trial-42", subject: $s, patient: $p) { study subject patient } }`
	var table strings.Builder
	table.WriteString("subject_id,name,age,sex,hba1c\n")
	for i := range 12 {
		fmt.Fprintf(&table, "S%d,Patient %d,%d,%s,%.1f\n", i, i, 30+i, []string{"F", "M"}[i%2], 5+float64(i)/10)
	}
	data := []file{{"variables.f", "visits.csv", table.String()}, {"variables.d", "visits.yaml", visitsDictionary}}

	t.Run("a steward enrolls subjects; a patient sees their own enrollments, the steward every one", func(t *testing.T) {
		d := e.ok(stewardTok, enroll, map[string]any{"s": "S0", "p": addr(e.patient).Hex()})
		if get(d, "enroll.patient") != addr(e.patient).Hex() {
			t.Errorf("enroll = %v", d)
		}
		e.ok(stewardTok, enroll, map[string]any{"s": "S1", "p": addr(e.patient2).Hex()})
		if d := e.ok(patient, `{ enrollments { subject } }`, nil); len(d["enrollments"].([]any)) != 1 || get(d, "enrollments.0.subject") != "S0" {
			t.Errorf("the patient sees %v", d)
		}
		if d := e.ok(stewardTok, `{ enrollments(study: "trial-42") { subject } }`, nil); len(d["enrollments"].([]any)) != 2 {
			t.Errorf("the steward sees %v", d)
		}
	})
	t.Run("addDataset seals the raw data to the stewards and links its dictionary", func(t *testing.T) {
		r := e.multipartRequest(stewardTok, addDataset, map[string]any{"f": nil, "d": nil}, data)
		if len(r.Errors) > 0 {
			t.Fatalf("%+v", r.Errors)
		}
		m := r.Data["addDataset"].(map[string]any)
		if m["kind"] != "dataset" || get(m, "content.sealed") == nil || get(m, "content.files.0.path") != "visits.csv" ||
			!strings.Contains(m["dictionaryDocument"].(string), "subject_id") || get(m, "keywords.0") != "diabetes" {
			t.Errorf("addDataset = %v", m)
		}
	})
	t.Run("a bad value or dictionary row is named: file, line, column, in the uploader's words", func(t *testing.T) {
		bad := strings.Replace(table.String(), "S3,Patient 3,33,", "S3,Patient 3,thirty-three,", 1)
		r := e.multipartRequest(stewardTok, addDataset, map[string]any{"f": nil, "d": nil}, []file{{"variables.f", "visits.csv", bad}, data[1]})
		if r.code() != CodeBadUserInput || len(r.Errors) == 0 || r.Errors[0].Extensions["line"] != float64(5) || r.Errors[0].Extensions["column"] != "age" ||
			!strings.Contains(r.Errors[0].Message, `visits.csv:5: column age: "thirty-three" is not an integer`) {
			t.Errorf("%+v", r.Errors)
		}
		dict := strings.Replace(visitsDictionary, "{name: sex, type: string,", "{name: sex, type: text,", 1)
		r = e.multipartRequest(stewardTok, addDataset, map[string]any{"f": nil, "d": nil}, []file{data[0], {"variables.d", "visits.yaml", dict}})
		if r.code() != CodeBadUserInput || len(r.Errors) == 0 || r.Errors[0].Extensions["column"] != "sex" ||
			!strings.HasPrefix(r.Errors[0].Message, `visits.yaml: datasets: data dictionary: column "sex": unknown type "text"`) {
			t.Errorf("%+v", r.Errors)
		}
	})
	for _, tc := range []struct {
		name, token string
		run         func(token string) *response
		code        string
	}{
		{"enroll without a session is UNAUTHENTICATED", "", func(tok string) *response {
			return e.do(tok, enroll, map[string]any{"s": "S9", "p": addr(e.patient).Hex()})
		}, CodeUnauthenticated},
		{"enroll by a researcher is FORBIDDEN", researcher, func(tok string) *response {
			return e.do(tok, enroll, map[string]any{"s": "S9", "p": addr(e.patient).Hex()})
		}, CodeForbidden},
		{"enroll of a non-address is BAD_USER_INPUT", stewardTok, func(tok string) *response {
			return e.do(tok, enroll, map[string]any{"s": "S9", "p": "nobody"})
		}, CodeBadUserInput},
		{"enroll of a subject enrolled already is BAD_USER_INPUT", stewardTok, func(tok string) *response {
			return e.do(tok, enroll, map[string]any{"s": "S0", "p": addr(e.patient2).Hex()})
		}, CodeBadUserInput},
		{"addDataset by a researcher is FORBIDDEN", researcher, func(tok string) *response {
			return e.multipartRequest(tok, addDataset, map[string]any{"f": nil, "d": nil}, data)
		}, CodeForbidden},
		{"addDataset with a broken dictionary is BAD_USER_INPUT", stewardTok, func(tok string) *response {
			return e.multipartRequest(tok, addDataset, map[string]any{"f": nil, "d": nil},
				[]file{data[0], {"variables.d", "visits.yaml", "version: 1\ncolumns: nope\n"}})
		}, CodeBadUserInput},
		{"a multipart request whose operations carry no variables still gets its files", stewardTok, func(tok string) *response {
			return e.multipartRequest(tok, addDataset, nil, data)
		}, ""},
		{"addDataset without its files is BAD_USER_INPUT", stewardTok, func(tok string) *response {
			return e.do(tok, addDataset, map[string]any{"f": nil, "d": nil})
		}, CodeBadUserInput},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if r := tc.run(tc.token); r.code() != tc.code {
				t.Errorf("code %q, want %s: %+v", r.code(), tc.code, r.Errors)
			}
		})
	}
}

func TestEnrollMany(t *testing.T) {
	e := newEnv(t, nil)
	stewardTok, researcher := e.signIn(e.steward), e.signIn(e.researcher)
	const inline = `mutation($c: String) { enrollMany(study: "trial-42", csv: $c) { written rows enrolled alreadyEnrolled badRows bad { line error } } }`
	const upload = `mutation($f: Upload) { enrollMany(file: $f) { written rows enrolled alreadyEnrolled badRows } }`
	p1, p2 := addr(e.patient).Hex(), addr(e.patient2).Hex()
	csv := "subject,patient\nS0," + p1 + "\nS1," + p2 + "\n"

	d := e.ok(stewardTok, inline, map[string]any{"c": csv})
	if get(d, "enrollMany.written") != true || get(d, "enrollMany.enrolled") != 2.0 {
		t.Fatalf("enrollMany = %v", d)
	}
	r := e.multipartRequest(stewardTok, upload, map[string]any{"f": nil}, []file{{"variables.f", "subjects.csv", "study,subject,patient\ntrial-42,S0," + p1 + "\ntrial-42,S2," + p1 + "\n"}})
	if len(r.Errors) > 0 {
		t.Fatal(r.Errors)
	}
	d = r.Data
	if get(d, "enrollMany.enrolled") != 1.0 || get(d, "enrollMany.alreadyEnrolled") != 1.0 {
		t.Fatalf("upload = %v", d)
	}
	// A bad row: reported by line, nothing written.
	d = e.ok(stewardTok, inline, map[string]any{"c": "S3," + p1 + "\nS1," + p1 + "\nS4,0x12\n"})
	if get(d, "enrollMany.written") != false || get(d, "enrollMany.badRows") != 2.0 || get(d, "enrollMany.bad.0.line") != 2.0 || get(d, "enrollMany.bad.1.line") != 3.0 {
		t.Fatalf("bad rows = %v", d)
	}
	if d := e.ok(stewardTok, `{ enrollments(study: "trial-42") { subject } }`, nil); len(d["enrollments"].([]any)) != 3 {
		t.Errorf("enrollments after a refused file: %v", d)
	}
	if r := e.do(researcher, inline, map[string]any{"c": csv}); r.code() != CodeForbidden {
		t.Errorf("researcher: %q", r.code())
	}
	if r := e.do(stewardTok, inline, nil); r.code() != CodeBadUserInput {
		t.Errorf("no CSV: %q", r.code())
	}
}
