package policies

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/ethereum/go-ethereum/common"
	"golang.org/x/sync/errgroup"

	"github.com/desci-platform/desci/internal/ethsig"
	"github.com/desci-platform/desci/notary"
)

// Limits of one bulk file (doc/consent.md, "Bulk enrollment and import").
const (
	MaxBulkRows      = 1_000_000 // enrollments per file: split bigger files
	MaxBulkDocuments = 200_000   // signed documents per file
	MaxBadRows       = 1000      // bad rows reported in full; the rest are counted
	MaxEnrollRow     = 4096      // bytes in one line of an enrollment CSV
	maxKeyLen        = 256       // bytes in a study name or a subject key
	bulkChunk        = 2048      // documents parsed, notarized and recorded at once
)

// ErrBadRows is a bulk file refused because some of its rows are bad:
// nothing of it was written. The report lists the rows.
var ErrBadRows = errors.New("policies: the file has bad rows; nothing was written")

// ErrBadFile is a bulk file that cannot be read to the end: a line too
// long, too many rows. Nothing of it was written.
var ErrBadFile = errors.New("policies: bad bulk file")

// A RowError is one bad row of a bulk file.
type RowError struct {
	Line int   // 1-based line of the file
	Err  error // what is wrong
}

func (e *RowError) Error() string { return fmt.Sprintf("line %d: %v", e.Line, e.Err) }
func (e *RowError) Unwrap() error { return e.Err }

// MarshalJSON writes {"line": N, "error": "..."}.
func (e *RowError) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Line  int    `json:"line"`
		Error string `json:"error"`
	}{e.Line, e.Err.Error()})
}

// A BulkReport is what a bulk enrollment or import did, or would have
// done: rows added, rows that were already there (idempotent no-ops), and
// the bad rows (the first MaxBadRows of BadRows).
type BulkReport struct {
	Rows     int         `json:"rows"`
	Added    int         `json:"added"`   // subjects enrolled, or documents accepted
	Already  int         `json:"already"` // already enrolled with that patient, or already accepted
	BadRows  int         `json:"bad_rows"`
	Bad      []*RowError `json:"bad,omitempty"`
	Duration string      `json:"duration,omitempty"`
}

func (rep *BulkReport) bad(line int, err error) {
	rep.BadRows++
	if len(rep.Bad) < MaxBadRows {
		rep.Bad = append(rep.Bad, &RowError{line, err})
	}
}

// An EnrollRow is one enrollment read from a bulk file, with its line.
type EnrollRow struct {
	Line int
	Enrollment
}

// An EnrollmentSource yields enrollment rows: a *RowError for a bad row
// (reading goes on), io.EOF at the end, any other error to stop.
type EnrollmentSource interface {
	Read() (EnrollRow, error)
}

// An EnrollmentReader decodes an enrollment CSV (doc/consent.md): rows of
// subject,patient for one study, or study,subject,patient. A first row
// naming those columns is a header and skipped.
type EnrollmentReader struct {
	study  string
	cr     *csv.Reader
	lim    *lineLimit
	first  bool
	rows   int
	fields []string
}

// NewEnrollmentReader reads the CSV r; study, if not empty, is the study of
// every row, and the rows are subject,patient.
func NewEnrollmentReader(r io.Reader, study string) *EnrollmentReader {
	lim := &lineLimit{r: r, max: MaxEnrollRow, line: 1}
	cr := csv.NewReader(lim)
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	cr.ReuseRecord = true
	fields := []string{"study", "subject", "patient"}
	if study != "" {
		fields = fields[1:]
	}
	return &EnrollmentReader{study: study, cr: cr, lim: lim, first: true, fields: fields}
}

// Read returns the next row.
func (er *EnrollmentReader) Read() (EnrollRow, error) {
	for {
		rec, err := er.cr.Read()
		var pe *csv.ParseError
		switch {
		case errors.As(err, &pe) && pe.Err != nil && !errors.Is(pe.Err, errLineTooLong):
			er.first = false
			return EnrollRow{}, &RowError{pe.StartLine, fmt.Errorf("CSV: %v", pe.Err)}
		case errors.Is(err, errLineTooLong):
			return EnrollRow{}, fmt.Errorf("%w: enrollment CSV line %d is longer than %d bytes", ErrBadFile, er.lim.line, MaxEnrollRow)
		case err != nil:
			return EnrollRow{}, err
		}
		line, _ := er.cr.FieldPos(0)
		if er.first {
			er.first = false
			if isHeader(rec, er.fields) {
				continue
			}
		}
		if er.rows++; er.rows > MaxBulkRows {
			return EnrollRow{}, fmt.Errorf("%w: enrollment CSV has more than %d rows: split it", ErrBadFile, MaxBulkRows)
		}
		row := EnrollRow{Line: line}
		if len(rec) != len(er.fields) {
			return row, &RowError{line, fmt.Errorf("%d fields, want %d (%s)", len(rec), len(er.fields), strings.Join(er.fields, ","))}
		}
		for i := range rec {
			rec[i] = strings.TrimSpace(rec[i])
		}
		e := Enrollment{Study: er.study}
		if er.study == "" {
			e.Study, rec = rec[0], rec[1:]
		}
		e.Subject = rec[0]
		if err := checkKey("study", e.Study); err != nil {
			return row, &RowError{line, err}
		}
		if err := checkKey("subject", e.Subject); err != nil {
			return row, &RowError{line, err}
		}
		a, err := ParseAddress(rec[1])
		if err != nil {
			return row, &RowError{line, err}
		}
		e.Patient = a
		row.Enrollment = e
		return row, nil
	}
}

func isHeader(rec, fields []string) bool {
	if len(rec) != len(fields) {
		return false
	}
	for i := range rec {
		if !strings.EqualFold(strings.TrimSpace(rec[i]), fields[i]) {
			return false
		}
	}
	return true
}

// checkKey refuses study names and subject keys the registry could not
// keep apart: empty, too long, not UTF-8, or with control characters (a
// NUL would split the registry's study\0subject keys elsewhere).
func checkKey(what, s string) error {
	switch {
	case s == "":
		return fmt.Errorf("empty %s", what)
	case len(s) > maxKeyLen:
		return fmt.Errorf("%s longer than %d bytes", what, maxKeyLen)
	case !utf8.ValidString(s):
		return fmt.Errorf("%s is not UTF-8", what)
	case strings.IndexFunc(s, unicode.IsControl) >= 0:
		return fmt.Errorf("%s %q has a control character", what, s)
	}
	return nil
}

// ParseAddress reads a patient's Ethereum address: 0x and 40 hex digits,
// with a valid EIP-55 checksum when it is written in mixed case, and not
// the zero address.
func ParseAddress(s string) (common.Address, error) {
	if !common.IsHexAddress(s) || !strings.HasPrefix(s, "0x") && !strings.HasPrefix(s, "0X") {
		return common.Address{}, fmt.Errorf("patient %q is not an Ethereum address (0x and 40 hex digits)", s)
	}
	a := common.HexToAddress(s)
	if h := s[2:]; h != strings.ToLower(h) && h != strings.ToUpper(h) && a.Hex() != s {
		return common.Address{}, fmt.Errorf("patient %q fails its EIP-55 checksum (a typo?)", s)
	}
	if a == (common.Address{}) {
		return common.Address{}, errors.New("patient is the zero address")
	}
	return a, nil
}

// errLineTooLong stops a reader at a line longer than its limit.
var errLineTooLong = errors.New("line too long")

// lineLimit passes r through, failing at a line longer than max bytes, so
// a file without newlines cannot make a decoder buffer all of it.
type lineLimit struct {
	r    io.Reader
	max  int
	run  int // bytes since the last newline
	line int
}

func (l *lineLimit) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	for i, b := range p[:n] {
		if b == '\n' {
			l.run = 0
			l.line++
			continue
		}
		if l.run++; l.run > l.max {
			return i, errLineTooLong
		}
	}
	return n, err
}

// EnrollMany enrolls every row of src in one transaction, or none: each
// row is checked (its fields, and against the registry and the rows
// before it), a row already enrolled with the same patient is a no-op,
// the same subject with another patient is a bad row, and if any row is
// bad nothing is written and the error is ErrBadRows, with the report
// listing the bad rows by line.
func (r *Registry) EnrollMany(ctx context.Context, src EnrollmentSource) (*BulkReport, error) {
	start := time.Now()
	rep := &BulkReport{}
	// The file is read first, then checked and written in one
	// transaction with a lookup and a write per bucket (a database is
	// not asked once a row).
	var rows []EnrollRow
	first := map[string]int{} // subject key -> index in rows of its first row
	for {
		row, err := src.Read()
		var re *RowError
		if err == io.EOF {
			break
		}
		switch {
		case errors.As(err, &re):
			rep.Rows++
			rep.bad(re.Line, re.Err)
			continue
		case err != nil:
			return nil, err
		}
		if rep.Rows++; rep.Rows%4096 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		k := string(subjectKey(row.Study, row.Subject))
		if i, ok := first[k]; ok {
			if p := rows[i].Patient; p != row.Patient {
				rep.bad(row.Line, fmt.Errorf("subject %s of %s is already enrolled as %s, not %s", row.Subject, row.Study, p, row.Patient))
			}
			rows = append(rows, EnrollRow{Line: row.Line}) // a repeat: counted as already there
			continue
		}
		first[k] = len(rows)
		rows = append(rows, row)
	}
	// The rows are checked against the registry even when some are bad
	// already, so the report lists every bad row.
	good := rep.Rows - rep.BadRows
	fileBad, fileBadN := rep.Bad, rep.BadRows
	var keys [][]byte
	var idx []int
	for i, row := range rows {
		if row.Study != "" {
			keys, idx = append(keys, subjectKey(row.Study, row.Subject)), append(idx, i)
		}
	}
	err := r.db.Update(ctx, func(tx Tx) error {
		rep.Added, rep.Already, rep.BadRows, rep.Bad = 0, 0, fileBadN, slices.Clone(fileBad)
		have, err := tx.GetMany(bucketEnroll, keys)
		if err != nil {
			return err
		}
		var enrolls, patients []KV
		for j, v := range have {
			row := rows[idx[j]]
			switch {
			case v == nil:
				enrolls = append(enrolls, KV{keys[j], row.Patient.Bytes()})
				patients = append(patients, KV{append(row.Patient.Bytes(), keys[j]...), nil})
			case common.BytesToAddress(v) != row.Patient:
				rep.bad(row.Line, fmt.Errorf("subject %s of %s is already enrolled as %s, not %s", row.Subject, row.Study, common.BytesToAddress(v), row.Patient))
			}
		}
		if rep.BadRows > 0 {
			slices.SortStableFunc(rep.Bad, func(a, b *RowError) int { return a.Line - b.Line })
			return ErrBadRows
		}
		rep.Added, rep.Already = len(enrolls), good-len(enrolls)
		if err := tx.PutMany(bucketEnroll, enrolls); err != nil {
			return err
		}
		return tx.PutMany(bucketPatient, patients)
	})
	rep.Duration = time.Since(start).Round(time.Millisecond).String()
	if err != nil && !errors.Is(err, ErrBadRows) {
		return nil, err
	}
	if err != nil {
		rep.Added, rep.Already = 0, 0
	}
	return rep, err
}

// ImportOptions control SubmitMany. The zero value works.
type ImportOptions struct {
	// Ontology is the MONDO release a consent's diseases must be terms
	// of, as Consent.CheckTerms checks them; nil refuses any DS consent.
	Ontology *Ontology
	// Progress, if set, is told after each chunk the new documents
	// recorded so far, of total.
	Progress func(done, total int)
}

// SubmitMany accepts the signed documents of a JSON Lines file (one wire
// form document a line, doc/consent.md), each checked as Submit checks
// one, and the terms of each consent as Consent.CheckTerms does. It is
// all or nothing: a first pass checks every line (against the registry
// and the lines before it) and writes nothing; if any line is bad the
// error is ErrBadRows and the report lists them. Otherwise a second pass
// notarizes and records the documents a chunk at a time, with one block
// store sync and one index and one registry transaction per chunk. A
// document already accepted (the same hash) is a no-op, so a file can be
// submitted again. src is read twice; it must not change in between.
func (r *Registry) SubmitMany(ctx context.Context, src io.ReadSeeker, notarizer notary.Signer, opts ImportOptions) (*BulkReport, error) {
	start := time.Now()
	rep := &BulkReport{}
	var hashes []common.Hash // each good line's document, to see the file unchanged on the second pass
	// Pass 1: every check, inside a write transaction rolled back at the
	// end, so later lines are checked against the earlier ones.
	err := r.db.Update(ctx, func(tx Tx) error {
		// From the top each time: Update may run this again.
		*rep, hashes = BulkReport{}, nil
		if _, err := src.Seek(0, io.SeekStart); err != nil {
			return err
		}
		// Reads come from what each chunk prefetched and the lines before
		// wrote (held in memory: the transaction is rolled back).
		tx = newBufferedTx(tx)
		prefetch := func(docs []*Document) error { return prefetchChecks(tx.(*bufferedTx), docs) }
		err := eachDocument(ctx, src, r.sigChain(), prefetch, func(line int, doc *Document, err error) error {
			rep.Rows++
			if rep.Rows > MaxBulkDocuments {
				return fmt.Errorf("%w: more than %d documents in the file: split it", ErrBadFile, MaxBulkDocuments)
			}
			if err == nil {
				err = r.checkBulk(tx, doc, opts.Ontology, start)
			}
			switch {
			case errors.Is(err, errAlready):
				rep.Already++
			case err != nil:
				rep.bad(line, err)
				return nil
			default:
				rep.Added++
				if err := dryRecord(tx, doc); err != nil {
					return err
				}
			}
			hashes = append(hashes, doc.Hash)
			return nil
		})
		if err != nil {
			return err
		}
		return errDryRun
	})
	if !errors.Is(err, errDryRun) {
		return nil, err
	}
	if rep.BadRows > 0 {
		rep.Added, rep.Already = 0, 0
		rep.Duration = time.Since(start).Round(time.Millisecond).String()
		return rep, ErrBadRows
	}
	if rep.Added == 0 {
		rep.Duration = time.Since(start).Round(time.Millisecond).String()
		return rep, nil
	}
	// Pass 2: notarize and record, a chunk at a time.
	if _, err := src.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	var chunk []*Document
	i, done := 0, 0
	flush := func() error {
		n, err := r.submitChunk(ctx, chunk, notarizer)
		chunk = chunk[:0]
		done += n
		if opts.Progress != nil {
			opts.Progress(done, rep.Added)
		}
		return err
	}
	err = eachDocument(ctx, src, r.sigChain(), nil, func(line int, doc *Document, err error) error {
		if err != nil || i >= len(hashes) || doc.Hash != hashes[i] {
			return fmt.Errorf("policies: line %d changed between the check and the import; %d documents recorded", line, done)
		}
		i++
		if chunk = append(chunk, doc); len(chunk) == bulkChunk {
			return flush()
		}
		return nil
	})
	if err == nil && len(chunk) > 0 {
		err = flush()
	}
	if err != nil {
		return nil, fmt.Errorf("%w (%d of %d new documents recorded: submit the file again for the rest)", err, done, rep.Added)
	}
	rep.Duration = time.Since(start).Round(time.Millisecond).String()
	return rep, nil
}

var (
	errAlready = errors.New("already accepted")
	errDryRun  = errors.New("dry run")
)

// checkBulk is Submit's check of one document, and the consent's terms;
// errAlready for a document accepted before.
func (r *Registry) checkBulk(tx Tx, doc *Document, o *Ontology, now time.Time) error {
	if v, err := tx.Get(bucketDocs, doc.Hash.Bytes()); err != nil {
		return err
	} else if v != nil {
		// The hash covers the typed data, not the signature: a copy of an
		// accepted document signed by someone else is a forgery, not a
		// repeat.
		pv, err := tx.Get(bucketEnroll, subjectKey(doc.Study(), doc.Subject()))
		if err != nil {
			return err
		}
		if p := common.BytesToAddress(pv); p != doc.Signer {
			return fmt.Errorf("%w: signed by %s, %s of %s is %s", ErrWrongSigner, doc.Signer, doc.Subject(), doc.Study(), p)
		}
		return errAlready
	}
	if doc.Consent != nil {
		if err := doc.Consent.CheckTerms(o, now); err != nil {
			return err
		}
	}
	return r.check(tx, doc, now)
}

// dryRecord writes what check reads of doc (pass 1 only: rolled back).
func dryRecord(tx Tx, doc *Document) error {
	rec := Record{Hash: doc.Hash, Kind: doc.Kind(), Study: doc.Study(), Subject: doc.Subject()}
	if doc.Consent != nil {
		rec.Consent = &Consent{Nonce: doc.Consent.Nonce}
	} else {
		rec.Revocation = &Revocation{Nonce: doc.Revocation.Nonce}
	}
	v, err := json.Marshal(rec)
	if err != nil {
		return err
	}
	if err := tx.Put(bucketDocs, doc.Hash.Bytes(), v); err != nil {
		return err
	}
	return tx.Put(bucketLatest, subjectKey(rec.Study, rec.Subject), doc.Hash.Bytes())
}

// submitChunk notarizes the chunk's new documents in one batch and records
// them in one transaction, checking each again inside it. It returns how
// many it recorded.
func (r *Registry) submitChunk(ctx context.Context, docs []*Document, notarizer notary.Signer) (int, error) {
	var fresh []*Document
	var nds []notary.Doc
	var wires [][]byte
	seen := map[common.Hash]bool{}
	err := r.db.View(ctx, func(tx Tx) error {
		keys := make([][]byte, len(docs))
		for i, doc := range docs {
			keys[i] = doc.Hash.Bytes()
		}
		have, err := tx.GetMany(bucketDocs, keys)
		if err != nil {
			return err
		}
		for i, doc := range docs {
			if seen[doc.Hash] || have[i] != nil {
				continue
			}
			seen[doc.Hash] = true
			wire, err := json.Marshal(doc)
			if err != nil {
				return err
			}
			fresh = append(fresh, doc)
			wires = append(wires, wire)
			nds = append(nds, notary.Doc{Pub: notary.Publication{Kind: notary.KindConsent, Title: docTitle(doc)}, Name: doc.Kind() + ".json", Data: wire})
		}
		return nil
	})
	if err != nil || len(fresh) == 0 {
		return 0, err
	}
	cids, err := r.store.NotarizeMany(ctx, nds, notarizer)
	if err != nil {
		return 0, err
	}
	now := time.Now().UTC()
	err = r.db.Update(ctx, func(tx Tx) error {
		// What check reads, read up front: a few queries a chunk.
		bt := newBufferedTx(tx)
		if err := prefetchChecks(bt, fresh); err != nil {
			return err
		}
		tx = bt
		for i, doc := range fresh {
			rec := &Record{Hash: doc.Hash, Kind: doc.Kind(), Study: doc.Study(), Subject: doc.Subject(), Signer: doc.Signer,
				Consent: doc.Consent, Revocation: doc.Revocation, Manifest: cids[i].String(), Accepted: now, Document: wires[i]}
			if err := r.record(tx, rec, doc); err != nil {
				return fmt.Errorf("%s of %s in %s: %w", doc.Kind(), doc.Subject(), doc.Study(), err)
			}
		}
		return bt.flush()
	})
	if err != nil {
		return 0, err
	}
	return len(fresh), nil
}

// prefetchChecks reads what check reads of docs, in a lookup a bucket:
// their subjects' enrollments and latest documents, and the documents.
func prefetchChecks(bt *bufferedTx, docs []*Document) error {
	var subjects, hashes [][]byte
	for _, doc := range docs {
		subjects, hashes = append(subjects, subjectKey(doc.Study(), doc.Subject())), append(hashes, doc.Hash.Bytes())
		if rv := doc.Revocation; rv != nil {
			hashes = append(hashes, rv.Consent.Bytes())
		}
	}
	latest, err := bt.GetMany(bucketLatest, subjects)
	if err != nil {
		return err
	}
	for _, h := range latest {
		if h != nil {
			hashes = append(hashes, h)
		}
	}
	if err := bt.prefetch(bucketEnroll, subjects); err != nil {
		return err
	}
	return bt.prefetch(bucketDocs, hashes)
}

func docTitle(doc *Document) string {
	return fmt.Sprintf("%s %s of %s in %s", doc.Kind(), doc.Hash.Hex()[:10], doc.Subject(), doc.Study())
}

// eachDocument calls f with each non-blank line of a JSON Lines file of
// signed documents, parsed (the signatures recovered on every core, a
// chunk of lines at a time), or the line's error. A line longer than
// MaxDocumentSize is a bad line, skipped without being held.
//
// chunk, if not nil, is told each chunk's parsed documents first.
func eachDocument(ctx context.Context, src io.Reader, chain ethsig.Caller, chunk func([]*Document) error, f func(line int, doc *Document, err error) error) error {
	lr := NewLineReader(src, MaxDocumentSize)
	type item struct {
		line int
		raw  []byte
		doc  *Document
		err  error
	}
	var items []item
	run := func() error {
		var g errgroup.Group
		g.SetLimit(runtime.GOMAXPROCS(0))
		for i := range items {
			if items[i].err != nil {
				continue
			}
			g.Go(func() error {
				items[i].doc, items[i].err = ParseDocument(items[i].raw)
				if items[i].err == nil {
					items[i].err = items[i].doc.CheckSigner(ctx, chain) // smart accounts', on the chain
				}
				return nil
			})
		}
		g.Wait()
		if chunk != nil {
			var docs []*Document
			for _, it := range items {
				if it.err == nil {
					docs = append(docs, it.doc)
				}
			}
			if err := chunk(docs); err != nil {
				return err
			}
		}
		for _, it := range items {
			if err := f(it.line, it.doc, it.err); err != nil {
				return err
			}
		}
		items = items[:0]
		return ctx.Err()
	}
	for {
		line, raw, err := lr.Next()
		if err == io.EOF {
			break
		}
		var re *RowError
		if errors.As(err, &re) {
			items = append(items, item{line: line, err: re.Err})
		} else if err != nil {
			return err
		} else {
			items = append(items, item{line: line, raw: raw})
		}
		if len(items) == bulkChunk {
			if err := run(); err != nil {
				return err
			}
		}
	}
	return run()
}

// A LineReader reads the non-blank lines of a JSON Lines file, each at
// most max bytes: a longer line is a *RowError, skipped without being
// held.
type LineReader struct {
	br   *bufio.Reader
	max  int
	line int
}

// NewLineReader reads r.
func NewLineReader(r io.Reader, max int) *LineReader {
	return &LineReader{br: bufio.NewReaderSize(r, 64<<10), max: max}
}

// Next returns the next non-blank line (a copy, without its newline) and
// its number; io.EOF at the end.
func (lr *LineReader) Next() (int, []byte, error) {
	for {
		var buf []byte
		long := false
		for {
			part, err := lr.br.ReadSlice('\n')
			if !long {
				if len(buf)+len(part) > lr.max+2 { // room for \r\n
					long, buf = true, nil
				} else {
					buf = append(buf, part...)
				}
			}
			if err == bufio.ErrBufferFull {
				continue
			}
			if err == io.EOF && len(buf) == 0 && !long {
				if len(part) == 0 {
					return 0, nil, io.EOF
				}
			} else if err != nil && err != io.EOF {
				return 0, nil, err
			}
			break
		}
		lr.line++
		if long {
			return lr.line, nil, &RowError{lr.line, fmt.Errorf("longer than %d bytes", lr.max)}
		}
		b := strings.TrimSpace(string(buf))
		if b == "" {
			continue
		}
		return lr.line, []byte(b), nil
	}
}
