package datasets

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"time"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/compute"
	"github.com/apache/arrow/go/v17/arrow/ipc"
	"github.com/apache/arrow/go/v17/arrow/memory"
)

// ExtractOptions configure an extract. Dictionary is required; the rest
// has defaults.
type ExtractOptions struct {
	// Dictionary describes the raw data.
	Dictionary *Dictionary
	// Columns are the columns to deliver, by name, in this order; empty
	// means every column that survives de-identification.
	Columns []string
	// Secret keys the subject pseudonyms of this study. Required when the
	// subject column is delivered; never written anywhere by Extract.
	Secret []byte
	// K configures k-anonymity (and l-diversity) over the delivered
	// quasi-identifiers.
	K KOptions
	// Format of the output; empty means arrow.
	Format Format
	// Filter, if set, decides which raw rows an extract may hold (by
	// consent), before anything else is done to them; nil keeps every row.
	Filter RowFilter
	// Reference is the extract's reference date: years of dates up to 90
	// years before its year, or after it, are grouped (SafeHarborAt).
	// The zero value means today, in UTC.
	Reference time.Time
	// Mem allocates batches; nil means the Go allocator.
	Mem memory.Allocator
}

// A ColumnFilter is a RowFilter that may also refuse columns, by their
// name and dictionary role (a consent policy's column rules).
type ColumnFilter interface {
	AllowColumns(ctx context.Context, roles map[string]string) error
}

// A RowFilter decides which rows of raw data an extract may hold, by the
// rows' subject keys (the dictionary's subject column, before
// pseudonymization): a consent policy.
type RowFilter interface {
	Allow(ctx context.Context, subjects arrow.Array) ([]bool, error)
}

// Settings is what determines an extract's content besides the raw data
// and the study secret. Its hash goes into the extract's provenance, so a
// reviewer can tell which rules produced it.
type Settings struct {
	Dictionary *Dictionary `json:"dictionary"`
	Columns    []string    `json:"columns"`
	K          int         `json:"k"`
	L          int         `json:"l,omitempty"`
	Sensitive  string      `json:"sensitive,omitempty"`
	Suppress   float64     `json:"max_suppression"`
	Format     Format      `json:"format"`
	// Reference is the reference date, YYYY-MM-DD, whose year dates are
	// grouped against.
	Reference string `json:"reference_date"`
}

// Hash is the SHA-256 of the settings' JSON encoding, 0x-hex.
func (s Settings) Hash() string {
	b, _ := json.Marshal(s)
	sum := sha256.Sum256(b)
	return "0x" + hex.EncodeToString(sum[:])
}

// ExtractResult describes a written extract.
type ExtractResult struct {
	Rows   int
	Levels map[string]int // generalization level of each delivered quasi-identifier
	// Generalized lists the quasi-identifiers delivered coarser than
	// after Safe Harbor, and SuppressedColumns those generalized past their
	// hierarchy's last level: every value "*". Both in delivery order.
	Generalized       []string
	SuppressedColumns []string
	Report            RiskReport
	Settings          Settings
}

// Extract de-identifies raw data into out: Safe Harbor transforms and
// pseudonyms first, then k-anonymity over the delivered quasi-identifiers.
// The search needs every row before the first is written: the data is read
// once (open is called once: OpenFile, with the dictionary), de-identified
// and spilled to a temporary Arrow file readable only by this user, which
// is read back and removed; a few batches at a time are in memory (each
// pass works on one while the next is read). The same data, settings and
// secret always give the same bytes.
func Extract(ctx context.Context, open func() (RecordReader, error), out io.WriteSeeker, o ExtractOptions) (*ExtractResult, error) {
	if o.Dictionary == nil {
		return nil, errors.New("datasets: extract: no data dictionary")
	}
	format, err := ParseFormat(string(o.Format))
	if err != nil {
		return nil, err
	}
	mem := o.Mem
	if mem == nil {
		mem = memory.NewGoAllocator()
	}

	// The delivered columns, and a dictionary of just those for the search:
	// quasi-identifiers that are not delivered cannot link anyone.
	survivors := deliveredColumns(o.Dictionary)
	cols := o.Columns
	if len(cols) == 0 {
		cols = survivors
	}
	sub := &Dictionary{Version: o.Dictionary.Version}
	for _, name := range cols {
		c, ok := o.Dictionary.Column(name)
		if !ok {
			return nil, fmt.Errorf("datasets: extract: no column %q in the dictionary", name)
		}
		if !slices.Contains(survivors, name) {
			return nil, fmt.Errorf("datasets: extract: column %q is a %s identifier; Safe Harbor removes it", name, c.Role)
		}
		sub.Columns = append(sub.Columns, c)
	}
	if cf, ok := o.Filter.(ColumnFilter); ok {
		roles := map[string]string{}
		for _, c := range sub.Columns {
			roles[c.Name] = string(c.Role)
		}
		if err := cf.AllowColumns(ctx, roles); err != nil {
			return nil, err
		}
	}
	ref := o.Reference
	if ref.IsZero() {
		ref = time.Now()
	}
	ref = ref.UTC()
	settings := Settings{Dictionary: o.Dictionary, Columns: cols, K: o.K.k(), L: o.K.L, Sensitive: o.K.Sensitive,
		Suppress: o.K.maxSuppression(), Format: format, Reference: ref.Format(time.DateOnly)}

	// Pass 1: de-identify, profile the delivered quasi-identifiers, and
	// spill the batches to a private temporary Arrow file, so that pass 2
	// neither parses nor hashes the raw data again.
	var prof *Profile
	quasiCols, notQuasi := sub.QuasiIdentifiers()
	if len(quasiCols) > 0 {
		if prof, err = newProfile(sub, o.K.Sensitive, ref.Year()); err != nil {
			return nil, err
		}
	}
	spill, err := os.CreateTemp("", "desci-extract-*.arrow")
	if err != nil {
		return nil, fmt.Errorf("datasets: extract: %w", err)
	}
	defer os.Remove(spill.Name())
	defer spill.Close()
	// The spill is written on a goroutine of its own while the next batch
	// is profiled.
	var (
		sw       *ipc.FileWriter
		toSpill  = make(chan arrow.Record, 1)
		spillErr = make(chan error, 1)
		failed   = make(chan struct{})
	)
	go func() {
		var err error
		for rec := range toSpill {
			if err == nil {
				if sw == nil {
					var w *ipc.FileWriter
					if w, err = ipc.NewFileWriter(spill, ipc.WithSchema(rec.Schema()), ipc.WithAllocator(mem)); err == nil {
						sw = w
					}
				}
				if err == nil {
					err = sw.Write(rec)
				}
				if err != nil {
					close(failed)
				}
			}
			rec.Release()
		}
		spillErr <- err
	}()
	err = eachBatch(ctx, open, o, cols, ref.Year(), mem, func(rec arrow.Record) error {
		select {
		case <-failed:
			return errSpill
		default:
		}
		rec.Retain()
		toSpill <- rec
		if prof != nil {
			return prof.Add(rec)
		}
		return nil
	})
	close(toSpill)
	if errors.Is(err, errSpill) {
		err = nil // the goroutine has the error
	}
	err = errors.Join(err, <-spillErr)
	if sw != nil {
		err = errors.Join(err, sw.Close())
	}
	if err != nil {
		return nil, err
	}
	if sw == nil && o.Filter != nil {
		return nil, ErrNothingAllowed
	}
	if sw == nil {
		return nil, errors.New("datasets: extract: the data has no rows")
	}
	var sol *Solution
	res := &ExtractResult{Settings: settings, Levels: map[string]int{}}
	if prof != nil {
		if sol, err = prof.Search(o.K); err != nil {
			return nil, err
		}
		for i, c := range sol.Columns {
			res.Levels[c] = sol.Levels[i]
			switch {
			case sol.Levels[i] > sol.quasi[i].levels():
				res.SuppressedColumns = append(res.SuppressedColumns, c)
			case sol.Levels[i] > 0:
				res.Generalized = append(res.Generalized, c)
			}
		}
		res.Report = sol.Report
	}
	res.Report.QuasiIdentifiers, res.Report.NotQuasi = quasiCols, notQuasi

	// Pass 2: generalize, suppress and write. The next batch is read back
	// and generalized while the last one is written.
	if _, err := spill.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	sr, err := ipc.NewFileReader(spill, ipc.WithAllocator(mem))
	if err != nil {
		return nil, fmt.Errorf("datasets: extract: read back: %w", err)
	}
	defer sr.Close()
	type batch struct {
		rec arrow.Record
		err error
	}
	batches, stop := make(chan batch, 1), make(chan struct{})
	go func() {
		defer close(batches)
		for i := 0; i < sr.NumRecords(); i++ {
			rec, err := sr.Record(i)
			switch {
			case err != nil:
			case sol != nil:
				rec, err = sol.Apply(ctx, rec, mem)
			default:
				rec.Retain() // the reader releases it at the next Record
			}
			select {
			case batches <- batch{rec, err}:
			case <-stop:
				if rec != nil {
					rec.Release()
				}
				return
			}
			if err != nil {
				return
			}
		}
	}()
	var w BatchWriter
	for b := range batches {
		if err == nil {
			err = b.err
		}
		if err == nil {
			if w == nil {
				w, err = NewBatchWriter(out, format, b.rec.Schema(), mem)
			}
			if err == nil {
				res.Rows += int(b.rec.NumRows())
				err = w.Write(b.rec)
			}
			if err != nil {
				close(stop)
			}
		}
		if b.rec != nil {
			b.rec.Release()
		}
	}
	if w != nil {
		err = errors.Join(err, w.Close())
	}
	if err != nil {
		return nil, err
	}
	return res, nil
}

// ErrNothingAllowed is returned when the row filter (consent) allows no
// row of the data.
var ErrNothingAllowed = errors.New("datasets: extract: consent allows none of the rows")

// A NothingAllowedError is an ErrNothingAllowed that says why, as far as
// the consent gate's snapshot tells: no consent in force in the study at
// all (often a study named differently from where the consents were
// given: it defaults to the dataset's CID), or consents in force that
// permit none of the rows for this request.
type NothingAllowedError struct {
	Study      string
	NoConsents bool   // no consent at all is in force in Study
	Reason     string // the gate's own explanation, if it gives one (an Explainer)
}

// An Explainer is a row filter that can say why it allowed no row: which
// studies do hold consents, or what the policy refused.
type Explainer interface {
	WhyNothingAllowed() string
}

func (e *NothingAllowedError) Error() string {
	msg := ErrNothingAllowed.Error()
	if e.NoConsents {
		msg += fmt.Sprintf(": no consent is in force in study %q", e.Study)
	} else {
		msg += fmt.Sprintf(": no subject of the data has a consent in force in study %q that permits this request", e.Study)
	}
	if e.Reason != "" {
		msg += " (" + e.Reason + ")"
	}
	return msg
}

func (e *NothingAllowedError) Unwrap() error { return ErrNothingAllowed }

// errSpill stops pass 1 when writing the spill has failed.
var errSpill = errors.New("datasets: extract: spill failed")

// deliveredColumns are the columns Safe Harbor keeps, in dictionary order.
func deliveredColumns(d *Dictionary) []string {
	var out []string
	for _, c := range d.Columns {
		switch c.Role {
		case RoleZIP, RoleDate, RoleAge, RoleSubject, RoleQuasi, RoleSensitive, RolePlain:
			out = append(out, c.Name)
		}
	}
	return out
}

// eachBatch streams the raw data, de-identified and cut to cols, to f.
func eachBatch(ctx context.Context, open func() (RecordReader, error), o ExtractOptions, cols []string, ref int, mem memory.Allocator, f func(arrow.Record) error) error {
	r, err := open()
	if err != nil {
		return err
	}
	defer r.Release()
	subject := -1
	if o.Filter != nil {
		for _, c := range o.Dictionary.Columns {
			if c.Role == RoleSubject {
				subject = r.Schema().FieldIndices(c.Name)[0]
			}
		}
		if subject < 0 {
			return errors.New("datasets: extract: consent filtering needs a subject column in the dictionary")
		}
	}
	for r.Next() {
		if err := ctx.Err(); err != nil {
			return err
		}
		raw := r.Record()
		if o.Filter != nil {
			allowed, err := filterRows(ctx, raw, subject, o.Filter, mem)
			if err != nil {
				return err
			}
			if allowed == nil {
				continue // no row of this batch may go out
			}
			raw = allowed
		}
		safe, err := SafeHarborAt(raw, o.Dictionary, o.Secret, ref, mem)
		if o.Filter != nil {
			raw.Release()
		}
		if err != nil {
			return err
		}
		sel, err := selectColumns(safe, cols)
		safe.Release()
		if err != nil {
			return err
		}
		err = f(sel)
		sel.Release()
		if err != nil {
			return err
		}
	}
	return r.Err()
}

// filterRows returns the rows of rec that f allows, nil if none.
func filterRows(ctx context.Context, rec arrow.Record, subject int, f RowFilter, mem memory.Allocator) (arrow.Record, error) {
	allow, err := f.Allow(ctx, rec.Column(subject))
	if err != nil {
		return nil, err
	}
	if len(allow) != int(rec.NumRows()) {
		return nil, fmt.Errorf("datasets: extract: the row filter decided %d of %d rows", len(allow), rec.NumRows())
	}
	n := 0
	for _, ok := range allow {
		if ok {
			n++
		}
	}
	if n == 0 {
		return nil, nil
	}
	b := array.NewBooleanBuilder(mem)
	defer b.Release()
	b.AppendValues(allow, nil)
	mask := b.NewArray()
	defer mask.Release()
	out, err := compute.FilterRecordBatch(ctx, rec, mask, compute.DefaultFilterOptions())
	if err != nil {
		return nil, fmt.Errorf("datasets: extract: filter rows: %w", err)
	}
	return out, nil
}

// selectColumns returns rec cut to cols, in that order.
func selectColumns(rec arrow.Record, cols []string) (arrow.Record, error) {
	fields := make([]arrow.Field, len(cols))
	arrs := make([]arrow.Array, len(cols))
	for i, name := range cols {
		idx := rec.Schema().FieldIndices(name)
		if len(idx) == 0 {
			return nil, fmt.Errorf("datasets: extract: column %q is not in the de-identified data", name)
		}
		fields[i] = rec.Schema().Field(idx[0])
		arrs[i] = rec.Column(idx[0])
	}
	return array.NewRecord(arrow.NewSchema(fields, nil), arrs, rec.NumRows()), nil
}
