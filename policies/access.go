package policies

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ipfs/go-cid"

	"github.com/desci-platform/desci/notary"
)

// An AccessEntry is one extract request in the access log, allowed or
// denied. It is notarized (a manifest of kind access) and so anchored;
// it says nothing about any one patient.
type AccessEntry struct {
	Seq          uint64         `json:"seq"`
	Time         time.Time      `json:"time"`
	Dataset      string         `json:"dataset"` // the raw dataset's manifest CID
	Study        string         `json:"study"`
	Requester    string         `json:"requester"`
	Purpose      string         `json:"purpose"` // as the requester wrote it
	Request      map[string]any `json:"request,omitempty"`
	Policy       string         `json:"policy,omitempty"` // the bundle's hash
	Ontology     string         `json:"ontology,omitempty"`
	ConsentRoot  common.Hash    `json:"consent_root"`
	Allowed      bool           `json:"allowed"`
	Extract      string         `json:"extract,omitempty"` // the extract's manifest CID, if one was made
	RowsReleased int64          `json:"rows_released"`
	RowsDenied   map[string]int `json:"rows_denied,omitempty"` // by reason
	Error        string         `json:"error,omitempty"`       // why the request failed
	// Manifest is the entry's own manifest CID, set once notarized.
	Manifest string `json:"manifest,omitempty"`
}

// Released is the outcome of a patient's rows that went into an extract.
const Released = "released"

// Log appends e to the access log with each subject's outcome (Released
// or why not), then notarizes it. The entry is written first, so a crash
// before notarizing leaves it pending, and the next Log notarizes it.
func (r *Registry) Log(ctx context.Context, e *AccessEntry, outcomes map[string]string, signer notary.Signer) error {
	if err := r.notarizePending(ctx, signer); err != nil {
		return err
	}
	if e.Time.IsZero() {
		e.Time = time.Now().UTC().Truncate(time.Second)
	}
	err := r.db.Update(ctx, func(tx Tx) error {
		seq, err := tx.NextSequence(bucketAccess)
		if err != nil {
			return err
		}
		e.Seq = seq
		v, err := json.Marshal(e)
		if err != nil {
			return err
		}
		if err := tx.Put(bucketAccess, seqKey(seq), v); err != nil {
			return err
		}
		kvs := make([]KV, 0, len(outcomes))
		for s, outcome := range outcomes {
			kvs = append(kvs, KV{append(append(subjectKey(e.Study, s), 0), seqKey(seq)...), []byte(outcome)})
		}
		return tx.PutMany(bucketSubjectAcc, kvs)
	})
	if err != nil {
		return err
	}
	return r.notarizeEntry(ctx, e, signer)
}

func (r *Registry) notarizeEntry(ctx context.Context, e *AccessEntry, signer notary.Signer) error {
	body, err := json.Marshal(e)
	if err != nil {
		return err
	}
	verdict := "denied"
	if e.Allowed {
		verdict = "allowed"
	}
	title := fmt.Sprintf("access %d: %s extract of %s for %s", e.Seq, verdict, e.Dataset, e.Requester)
	c, err := r.notarize(ctx, notary.KindAccess, title, "access.json", body, signer)
	if err != nil {
		return err
	}
	e.Manifest = c.String()
	v, err := json.Marshal(e)
	if err != nil {
		return err
	}
	return r.db.Update(ctx, func(tx Tx) error { return tx.Put(bucketAccess, seqKey(e.Seq), v) })
}

func (r *Registry) notarizePending(ctx context.Context, signer notary.Signer) error {
	entries, err := r.Access()
	if err != nil {
		return err
	}
	for _, e := range entries {
		if e.Manifest == "" {
			if err := r.notarizeEntry(ctx, e, signer); err != nil {
				return err
			}
		}
	}
	return nil
}

// Access returns the whole access log, oldest first (the steward's view).
func (r *Registry) Access() ([]*AccessEntry, error) {
	var out []*AccessEntry
	err := r.db.View(bg, func(tx Tx) error {
		return tx.Scan(bucketAccess, nil, func(_, v []byte) error {
			var e AccessEntry
			if err := json.Unmarshal(v, &e); err != nil {
				return err
			}
			out = append(out, &e)
			return nil
		})
	})
	return out, err
}

// A PatientAccess is an access that touched one of a patient's subjects.
type PatientAccess struct {
	*AccessEntry
	Subject string `json:"subject"`
	Outcome string `json:"outcome"` // Released, or why the rows were withheld
}

// AccessLog returns every access that touched the rows of the patient's
// subjects, oldest first, and nothing about anyone else's.
func (r *Registry) AccessLog(patient common.Address) ([]PatientAccess, error) {
	ens, err := r.Enrollments(patient)
	if err != nil {
		return nil, err
	}
	var out []PatientAccess
	err = r.db.View(bg, func(tx Tx) error {
		for _, en := range ens {
			prefix := append(subjectKey(en.Study, en.Subject), 0)
			var seqs, outcomes [][]byte
			err := tx.Scan(bucketSubjectAcc, prefix, func(k, v []byte) error {
				seqs, outcomes = append(seqs, bytes.Clone(k[len(prefix):])), append(outcomes, bytes.Clone(v))
				return nil
			})
			if err != nil {
				return err
			}
			vs, err := tx.GetMany(bucketAccess, seqs)
			if err != nil {
				return err
			}
			for i, v := range vs {
				var e AccessEntry
				if err := json.Unmarshal(v, &e); err != nil {
					return fmt.Errorf("policies: access log entry %d: %w", binary.BigEndian.Uint64(seqs[i]), err)
				}
				out = append(out, PatientAccess{AccessEntry: &e, Subject: en.Subject, Outcome: string(outcomes[i])})
			}
		}
		return nil
	})
	return out, err
}

// LogDownload appends a download of an extract to the access log: who
// took it, in which form, how many rows; each subject whose rows the
// extract holds sees it in their log.
func (r *Registry) LogDownload(ctx context.Context, extract cid.Cid, holder, format string, rows int64, signer notary.Signer) error {
	var rec extractRecord
	err := r.db.View(ctx, func(tx Tx) error {
		v, err := tx.Get(bucketExtracts, extract.Bytes())
		if err != nil {
			return err
		}
		if v == nil {
			return fmt.Errorf("policies: extract %s was not made through this registry", extract)
		}
		return json.Unmarshal(v, &rec)
	})
	if err != nil {
		return err
	}
	e := &AccessEntry{Study: rec.Study, Requester: holder, Purpose: "download (" + format + ")", Allowed: true,
		Extract: extract.String(), RowsReleased: rows}
	if m, err := r.store.Manifest(ctx, extract); err == nil && m.Extract != nil {
		e.Dataset, e.Policy, e.ConsentRoot = m.Extract.Dataset.String(), m.Extract.Policy, m.Extract.ConsentRoot
	}
	outcomes := make(map[string]string, len(rec.Subjects))
	for _, s := range rec.Subjects {
		outcomes[s] = "downloaded by " + holder
	}
	return r.Log(ctx, e, outcomes, signer)
}
