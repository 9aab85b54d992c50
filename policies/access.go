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
	bolt "go.etcd.io/bbolt"

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
	err := r.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketAccess)
		seq, err := b.NextSequence()
		if err != nil {
			return err
		}
		e.Seq = seq
		v, err := json.Marshal(e)
		if err != nil {
			return err
		}
		if err := b.Put(seqKey(seq), v); err != nil {
			return err
		}
		sa := tx.Bucket(bucketSubjectAcc)
		for s, outcome := range outcomes {
			if err := sa.Put(append(append(subjectKey(e.Study, s), 0), seqKey(seq)...), []byte(outcome)); err != nil {
				return err
			}
		}
		return nil
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
	return r.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketAccess).Put(seqKey(e.Seq), v) })
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
	err := r.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketAccess).ForEach(func(_, v []byte) error {
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
	err = r.db.View(func(tx *bolt.Tx) error {
		for _, en := range ens {
			prefix := append(subjectKey(en.Study, en.Subject), 0)
			c := tx.Bucket(bucketSubjectAcc).Cursor()
			for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
				seq := k[len(prefix):]
				var e AccessEntry
				if err := json.Unmarshal(tx.Bucket(bucketAccess).Get(seq), &e); err != nil {
					return fmt.Errorf("policies: access log entry %d: %w", binary.BigEndian.Uint64(seq), err)
				}
				out = append(out, PatientAccess{AccessEntry: &e, Subject: en.Subject, Outcome: string(v)})
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
	err := r.db.View(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketExtracts).Get(extract.Bytes())
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
