package keys

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"filippo.io/age"
)

// ErrNoStewardKey is returned when a sealed dataset must be opened and no
// steward key is at hand.
var ErrNoStewardKey = errors.New("keys: no data steward key (make one with: desci datasets steward new, or pass --identity FILE)")

// ErrNoStudySecret is returned for a study that has no secret here.
var ErrNoStudySecret = errors.New("keys: no secret for this study in this data dir")

// Stewards is the directory of a data dir's data steward keys: age
// identities that decrypt sealed datasets and study secrets. Each is kept
// in its own file, encrypted with a passphrase (age's scrypt recipient),
// the way the keystore keeps Ethereum keys. New keys are post-quantum
// hybrids (ML-KEM-768 + X25519, age1pq1...), kept as pq-<id>.age with
// their public key in pq-<id>.pub (it is too long for a file name); the
// X25519 keys of older data dirs, <recipient>.age, still open what was
// sealed to them (doc/threat-model.md says what is post-quantum).
type Stewards struct {
	dir  string
	opts Options
}

// OpenStewards opens (creating if needed) the steward key directory dir.
func OpenStewards(dir string, opts Options) (*Stewards, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("keys: %w", err)
	}
	return &Stewards{dir: dir, opts: opts}, nil
}

// A stewardIdentity is an age identity a steward key file holds.
type stewardIdentity interface {
	age.Identity
	String() string
}

// New makes a post-quantum steward identity (age's hybrid ML-KEM-768 +
// X25519), stores it encrypted with passphrase, and returns its public
// recipient (age1pq1...), which data is sealed to.
func (s *Stewards) New(passphrase string) (*age.HybridRecipient, error) {
	id, err := age.GenerateHybridIdentity()
	if err != nil {
		return nil, err
	}
	rs := id.Recipient().String()
	sum := sha256.Sum256([]byte(rs))
	name := "pq-" + hex.EncodeToString(sum[:8])
	if err := s.store(name, id, rs, passphrase); err != nil {
		return nil, err
	}
	if err := writeFileSync(filepath.Join(s.dir, name+".pub"), []byte(rs+"\n")); err != nil {
		os.Remove(filepath.Join(s.dir, name+".age"))
		return nil, err
	}
	return id.Recipient(), nil
}

// NewX25519 makes a classic X25519 steward identity, as data dirs made
// before post-quantum keys have: for sealing to tools that read only
// X25519 recipients. Data sealed to it is not safe against a quantum
// computer.
func (s *Stewards) NewX25519(passphrase string) (*age.X25519Recipient, error) {
	id, err := age.GenerateX25519Identity()
	if err != nil {
		return nil, err
	}
	if err := s.store(id.Recipient().String(), id, id.Recipient().String(), passphrase); err != nil {
		return nil, err
	}
	return id.Recipient(), nil
}

func (s *Stewards) store(name string, id stewardIdentity, recipient, passphrase string) error {
	var buf bytes.Buffer
	r, err := age.NewScryptRecipient(passphrase)
	if err != nil {
		return fmt.Errorf("keys: %w", err)
	}
	if s.opts.LightKDF {
		r.SetWorkFactor(10)
	}
	enc, err := age.Encrypt(&buf, r)
	if err != nil {
		return err
	}
	fmt.Fprintf(enc, "# desci data steward key\n# public key: %s\n%s\n", recipient, id)
	if err := enc.Close(); err != nil {
		return err
	}
	return writeFileSync(filepath.Join(s.dir, name+".age"), buf.Bytes())
}

// keyFiles lists the steward key files (without .age) and their public
// recipients, sorted by file.
func (s *Stewards) keyFiles() (files, recipients []string, err error) {
	ents, err := os.ReadDir(s.dir)
	if err != nil {
		return nil, nil, fmt.Errorf("keys: %w", err)
	}
	for _, e := range ents {
		name, ok := strings.CutSuffix(e.Name(), ".age")
		switch {
		case !ok:
		case strings.HasPrefix(name, "age1"):
			files, recipients = append(files, name), append(recipients, name)
		case strings.HasPrefix(name, "pq-"):
			pub, err := os.ReadFile(filepath.Join(s.dir, name+".pub"))
			if err != nil {
				return nil, nil, fmt.Errorf("keys: the public key of steward key %s: %w", name, err)
			}
			files, recipients = append(files, name), append(recipients, strings.TrimSpace(string(pub)))
		}
	}
	return files, recipients, nil
}

// List returns the recipients of the stored steward keys (age1pq1... for
// post-quantum ones, age1... for X25519), sorted.
func (s *Stewards) List() ([]string, error) {
	_, out, err := s.keyFiles()
	slices.Sort(out)
	return out, err
}

// Unlock decrypts every stored steward key with passphrase.
func (s *Stewards) Unlock(passphrase string) ([]age.Identity, error) {
	files, _, err := s.keyFiles()
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, ErrNoStewardKey
	}
	var ids []age.Identity
	for _, name := range files {
		got, err := LoadIdentities(filepath.Join(s.dir, name+".age"), passphrase)
		if err != nil {
			return nil, err
		}
		ids = append(ids, got...)
	}
	return ids, nil
}

// RecipientOf returns the public recipient of an X25519 or hybrid
// identity.
func RecipientOf(id age.Identity) (age.Recipient, bool) {
	switch id := id.(type) {
	case *age.HybridIdentity:
		return id.Recipient(), true
	case *age.X25519Identity:
		return id.Recipient(), true
	}
	return nil, false
}

// ErrMixedRecipients is sealing to post-quantum and X25519 recipients at
// once, which age refuses: the file would be only as safe as X25519.
var ErrMixedRecipients = errors.New("keys: cannot seal to post-quantum (age1pq1...) and X25519 (age1...) recipients together; age refuses, since the file would be only as safe as X25519")

// SealTo chooses the recipients data is sealed to: the steward keys own
// and the recipients extra the caller names. When own has post-quantum
// keys, its X25519 keys are left out (they still open what was sealed to
// them before), so a data dir that gained a post-quantum key seals new
// data post-quantum only. extra must then be post-quantum too.
func SealTo(own, extra []age.Recipient) ([]age.Recipient, error) {
	isPQ := func(r age.Recipient) bool { _, ok := r.(*age.HybridRecipient); return ok }
	if slices.ContainsFunc(own, isPQ) {
		own = slices.DeleteFunc(slices.Clone(own), func(r age.Recipient) bool { return !isPQ(r) })
	}
	out := append(own, extra...)
	if slices.ContainsFunc(out, isPQ) && slices.ContainsFunc(out, func(r age.Recipient) bool { return !isPQ(r) }) {
		return nil, ErrMixedRecipients
	}
	return out, nil
}

var studyRe = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$`)

// StudySecret returns the secret that keys the subject pseudonyms of
// study. With create, the first call makes it (32 random bytes) and stores it sealed to
// every steward key and to ids, in studies/<study>.age; later calls decrypt it with
// ids. It is never written anywhere in the clear.
func (s *Stewards) StudySecret(study string, ids []age.Identity, create bool) ([]byte, error) {
	if !studyRe.MatchString(study) {
		return nil, fmt.Errorf("keys: study name %q (want letters, digits, '.', '_' or '-')", study)
	}
	dir := filepath.Join(s.dir, "studies")
	p := filepath.Join(dir, study+".age")
	for {
		data, err := os.ReadFile(p)
		if err == nil {
			r, err := age.Decrypt(bytes.NewReader(data), ids...)
			if err != nil {
				return nil, fmt.Errorf("keys: secret of study %s: %w", study, err)
			}
			return io.ReadAll(r)
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("keys: %w", err)
		}
		if !create {
			return nil, fmt.Errorf("%w: %s", ErrNoStudySecret, study)
		}
		names, err := s.List()
		if err != nil {
			return nil, err
		}
		recipients, err := ParseRecipients(names)
		if err != nil {
			return nil, err
		}
		var extra []age.Recipient
		for _, id := range ids {
			if r, ok := RecipientOf(id); ok && !slices.Contains(names, fmt.Sprint(r)) {
				extra = append(extra, r)
			}
		}
		if recipients, err = SealTo(append(recipients, extra...), nil); err != nil {
			return nil, err
		}
		if len(recipients) == 0 {
			return nil, ErrNoStewardKey
		}
		secret := make([]byte, 32)
		rand.Read(secret)
		var buf bytes.Buffer
		enc, err := age.Encrypt(&buf, recipients...)
		if err != nil {
			return nil, err
		}
		enc.Write(secret)
		if err := enc.Close(); err != nil {
			return nil, err
		}
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, fmt.Errorf("keys: %w", err)
		}
		// Lost a race with another maker: read theirs.
		if err := writeFileSync(p, buf.Bytes()); err != nil && !errors.Is(err, fs.ErrExist) {
			return nil, err
		}
	}
}

// LoadIdentities reads an age identity file: a plain one, as age-keygen
// writes, or one encrypted with a passphrase (age -p), as Stewards keeps.
func LoadIdentities(path, passphrase string) ([]age.Identity, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("keys: %w", err)
	}
	if bytes.HasPrefix(data, []byte("age-encryption.org/v1\n")) {
		id, err := age.NewScryptIdentity(passphrase)
		if err != nil {
			return nil, fmt.Errorf("keys: %w", err)
		}
		r, err := age.Decrypt(bytes.NewReader(data), id)
		if err != nil {
			var nomatch *age.NoIdentityMatchError
			if errors.As(err, &nomatch) {
				return nil, fmt.Errorf("%w for %s", ErrWrongPassphrase, filepath.Base(path))
			}
			return nil, fmt.Errorf("keys: %s: %w", path, err)
		}
		if data, err = io.ReadAll(r); err != nil {
			return nil, fmt.Errorf("keys: %s: %w", path, err)
		}
	}
	ids, err := age.ParseIdentities(bufio.NewReader(bytes.NewReader(data)))
	if err != nil {
		return nil, fmt.Errorf("keys: %s: %w", path, err)
	}
	return ids, nil
}

// ParseRecipients parses age recipients (age1...), one a string.
func ParseRecipients(ss []string) ([]age.Recipient, error) {
	var out []age.Recipient
	for _, s := range ss {
		rs, err := age.ParseRecipients(strings.NewReader(s))
		if err != nil {
			return nil, fmt.Errorf("keys: recipient %q: %w", s, err)
		}
		out = append(out, rs...)
	}
	return out, nil
}

// writeFileSync writes a new file durably, readable only by its owner.
func writeFileSync(p string, data []byte) error {
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("keys: %w", err)
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(p)
		return fmt.Errorf("keys: %w", err)
	}
	return nil
}
