package graphql

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"filippo.io/age"
	"github.com/ethereum/go-ethereum/common"
	gql "github.com/graphql-go/graphql"

	"github.com/desci-platform/desci/datasets"
	"github.com/desci-platform/desci/keys"
	"github.com/desci-platform/desci/notary"
	"github.com/desci-platform/desci/policies"
)

// datasetFields are the data steward's queries and mutations: raw
// datasets sealed at rest, and enrollment of study subjects.
func (s *Server) datasetFields(manifest *gql.Object) (query, mutation gql.Fields) {
	enrollment := gql.NewObject(gql.ObjectConfig{Name: "Enrollment", Description: "A study subject and the patient whose key speaks for it.",
		Fields: gql.Fields{
			"study":   {Type: gql.NewNonNull(gql.String)},
			"subject": {Type: gql.NewNonNull(gql.String), Description: "the subject's study key"},
			"patient": {Type: gql.NewNonNull(gql.String), Description: "the patient's Ethereum address"},
		}})
	query = gql.Fields{
		"enrollments": {Type: gql.NewNonNull(gql.NewList(gql.NewNonNull(enrollment))),
			Description: "A study's enrolled subjects (stewards), or the signed-in patient's own.",
			Args:        gql.FieldConfigArgument{"study": {Type: gql.String}},
			Resolve: func(p gql.ResolveParams) (any, error) {
				sess, err := s.needSession(p.Context)
				if err != nil {
					return nil, err
				}
				if err := s.needRegistry(); err != nil {
					return nil, err
				}
				who := sess.Address
				if sess.Has(RoleSteward) {
					who = common.Address{}
				}
				ens, err := s.opts.Registry.Enrollments(who)
				if err != nil {
					return nil, err
				}
				study, _ := p.Args["study"].(string)
				var out []map[string]any
				for _, e := range ens {
					if study == "" || e.Study == study {
						out = append(out, map[string]any{"study": e.Study, "subject": e.Subject, "patient": e.Patient.Hex()})
					}
				}
				return out, nil
			}},
	}
	mutation = gql.Fields{
		"enroll": {Type: gql.NewNonNull(enrollment), Description: "Record which patient (Ethereum address) a study subject is: only that patient's signatures are accepted for it. Needs the steward role.",
			Args: gql.FieldConfigArgument{
				"study":   {Type: gql.NewNonNull(gql.String)},
				"subject": {Type: gql.NewNonNull(gql.String)},
				"patient": {Type: gql.NewNonNull(gql.String)},
			},
			Resolve: func(p gql.ResolveParams) (any, error) {
				if _, err := s.needRole(p.Context, RoleSteward); err != nil {
					return nil, err
				}
				if err := s.needRegistry(); err != nil {
					return nil, err
				}
				study, subject, patient := p.Args["study"].(string), p.Args["subject"].(string), p.Args["patient"].(string)
				if !common.IsHexAddress(patient) {
					return nil, coded(CodeBadUserInput, fmt.Errorf("patient %q is not an Ethereum address", patient))
				}
				if err := s.opts.Registry.Enroll(study, subject, common.HexToAddress(patient)); err != nil {
					return nil, coded(CodeBadUserInput, err)
				}
				return map[string]any{"study": study, "subject": subject, "patient": common.HexToAddress(patient).Hex()}, nil
			}},
		"enrollMany": {Type: gql.NewNonNull(bulkReport), Description: "Enroll the rows of a CSV (doc/consent.md: subject,patient for the study given, else study,subject,patient), all or nothing: if any row is bad, nothing is enrolled and the report lists the bad rows. Rows already enrolled with the same patient are no-ops. Send the CSV as a multipart upload (file) or inline (csv). Needs the steward role.",
			Args: gql.FieldConfigArgument{
				"study": {Type: gql.String, Description: "the study of every row; omit for rows of study,subject,patient"},
				"file":  {Type: uploadScalar, Description: "the CSV, as a multipart upload"},
				"csv":   {Type: gql.String, Description: "the CSV, inline"},
			},
			Resolve: s.resolveEnrollMany},
		"addDataset": {Type: gql.NewNonNull(manifest), Description: "Notarize raw patient-level data (multipart upload: the table, or a resumable upload of it, and its data dictionary): every row is checked against the dictionary, the data is stored encrypted to the server's data stewards and its plaintext CID anchored. Needs the steward role.",
			Args: gql.FieldConfigArgument{
				"file":        {Type: uploadScalar, Description: "CSV, TSV, Parquet or Arrow IPC, sent with this request; or give upload"},
				"upload":      {Type: gql.String, Description: "the ID of this session's completed resumable upload (tus at /uploads) of the table instead; used once the dataset is made"},
				"dictionary":  {Type: gql.NewNonNull(uploadScalar), Description: "the data dictionary (doc/data-dictionary.md)"},
				"title":       {Type: gql.NewNonNull(gql.String)},
				"description": {Type: gql.String},
				"license":     {Type: gql.String},
				"keywords":    {Type: gql.NewList(gql.NewNonNull(gql.String))},
			},
			Resolve: s.resolveAddDataset},
	}
	return query, mutation
}

// bulkReport is policies.BulkReport of an enrollment.
var bulkReport = gql.NewObject(gql.ObjectConfig{Name: "EnrollReport", Description: "What a bulk enrollment did: nothing, when any row is bad.",
	Fields: gql.Fields{
		"written":         {Type: gql.NewNonNull(gql.Boolean), Description: "whether the file was enrolled (false: some rows are bad, nothing was written)"},
		"rows":            {Type: gql.NewNonNull(gql.Int)},
		"enrolled":        {Type: gql.NewNonNull(gql.Int), Description: "subjects newly enrolled"},
		"alreadyEnrolled": {Type: gql.NewNonNull(gql.Int), Description: "rows already enrolled with the same patient"},
		"badRows":         {Type: gql.NewNonNull(gql.Int)},
		"bad": {Type: gql.NewNonNull(gql.NewList(gql.NewNonNull(gql.NewObject(gql.ObjectConfig{Name: "BadRow",
			Fields: gql.Fields{"line": {Type: gql.NewNonNull(gql.Int)}, "error": {Type: gql.NewNonNull(gql.String)}}})))),
			Description: "the first 1000 bad rows"},
	}})

func (s *Server) resolveEnrollMany(p gql.ResolveParams) (any, error) {
	if _, err := s.needRole(p.Context, RoleSteward); err != nil {
		return nil, err
	}
	if err := s.needRegistry(); err != nil {
		return nil, err
	}
	study, _ := p.Args["study"].(string)
	up, _ := p.Args["file"].(*Upload)
	inline, hasInline := p.Args["csv"].(string)
	if (up != nil) == hasInline {
		return nil, coded(CodeBadUserInput, errors.New("send the CSV as file (a multipart upload) or as csv, one of them"))
	}
	var in io.Reader = strings.NewReader(inline)
	if up != nil {
		f, err := os.Open(up.Path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		in = f
	}
	rep, err := s.opts.Registry.EnrollMany(p.Context, policies.NewEnrollmentReader(in, study))
	if errors.Is(err, policies.ErrBadFile) {
		return nil, coded(CodeBadUserInput, err)
	}
	if err != nil && !errors.Is(err, policies.ErrBadRows) {
		return nil, err
	}
	bad := []map[string]any{}
	for _, b := range rep.Bad {
		bad = append(bad, map[string]any{"line": b.Line, "error": b.Err.Error()})
	}
	return map[string]any{"written": err == nil, "rows": rep.Rows, "enrolled": rep.Added, "alreadyEnrolled": rep.Already,
		"badRows": rep.BadRows, "bad": bad}, nil
}

func (s *Server) resolveAddDataset(p gql.ResolveParams) (any, error) {
	if _, err := s.needRole(p.Context, RoleSteward); err != nil {
		return nil, err
	}
	signer, err := s.needSigner()
	if err != nil {
		return nil, err
	}
	var recipients []age.Recipient
	for _, id := range s.opts.StewardIdentities {
		if r, ok := keys.RecipientOf(id); ok {
			recipients = append(recipients, r)
		}
	}
	if recipients, err = keys.SealTo(recipients, nil); err != nil {
		return nil, err
	}
	if len(recipients) == 0 {
		return nil, coded(CodeUnavailable, fmt.Errorf("no data steward key unlocked on this server: %w", errUnavailable))
	}
	data, ok1 := p.Args["file"].(*Upload)
	dict, ok2 := p.Args["dictionary"].(*Upload)
	id, _ := p.Args["upload"].(string)
	if (ok1 && data != nil) == (id != "") {
		return nil, coded(CodeBadUserInput, errors.New("give the table as file (multipart) or as upload (a resumable upload's ID): one of them"))
	}
	if !ok2 || dict == nil {
		return nil, coded(CodeBadUserInput, errors.New("file and dictionary must be sent as a multipart request (GraphQL multipart request spec)"))
	}
	// A resumable upload is linked, not moved, and given back unless the
	// dataset is made (a dictionary that refuses a row loses nothing).
	made := false
	if id != "" {
		taken, done, err := s.takeUploads(sessionOf(p.Context), []string{id})
		if err != nil {
			return nil, err
		}
		defer func() { done(made) }()
		data = taken[0]
		data.resumable = true
	}
	// The file's name says its format, and is what the manifest lists.
	// The folder is made beside the spool, so that uploads move by rename.
	dir, err := os.MkdirTemp(s.opts.UploadDir, "desci-dataset-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, filepath.Base(data.Filename))
	dpath := filepath.Join(dir, "dictionary-"+filepath.Base(dict.Filename))
	if data.resumable {
		err = os.Link(data.Path, path)
	} else {
		err = os.Rename(data.Path, path)
	}
	if err != nil {
		return nil, err
	}
	if err := os.Rename(dict.Path, dpath); err != nil {
		return nil, err
	}
	pub := notary.Publication{Title: p.Args["title"].(string)}
	pub.Description, _ = p.Args["description"].(string)
	pub.License, _ = p.Args["license"].(string)
	if ks, ok := p.Args["keywords"].([]any); ok {
		for _, k := range ks {
			pub.Keywords = append(pub.Keywords, k.(string))
		}
	}
	res, err := datasets.Add(p.Context, s.opts.Store, path, datasets.AddOptions{Dictionary: dpath, Publication: pub, Recipients: recipients}, signer)
	if err != nil {
		return nil, addDatasetError(err, dir, dict.Filename)
	}
	for _, w := range res.Warnings {
		s.opts.Logf("dataset %s: column %s holds what looks like %s values (row %d)", res.CID, w.Column, w.Kind, w.Row+1)
	}
	made = true
	s.manifests.put(res.CID, res.Manifest)
	return &node{c: res.CID, m: res.Manifest}, nil
}

// namedColumn finds the column a dictionary error names (column "age": ...).
var namedColumn = regexp.MustCompile(`column "([^"]+)"`)

// addDatasetError says what is wrong with an uploaded dataset in the
// uploader's terms: the file names they sent, not our temporary paths, and
// for a value that does not parse, its line and column in extensions
// (line, column) for the web page to point at.
func addDatasetError(err error, dir, dictName string) error {
	msg := strings.ReplaceAll(err.Error(), filepath.Join(dir, "dictionary-"+filepath.Base(dictName)), filepath.Base(dictName))
	msg = strings.ReplaceAll(msg, dir+string(filepath.Separator), "")
	var pe *datasets.ParseError
	switch {
	case errors.As(err, &pe):
		where := map[string]any{"line": pe.Line}
		if pe.Column != "" {
			where["column"] = pe.Column
		}
		return &Error{Code: CodeBadUserInput, Err: errors.New(msg), Where: where}
	case errors.Is(err, datasets.ErrDictionary), strings.Contains(msg, "line "):
		e := coded(CodeBadUserInput, errors.New(msg))
		if m := namedColumn.FindStringSubmatch(msg); m != nil {
			e.Where = map[string]any{"column": m[1]}
		}
		return e
	}
	return err
}
