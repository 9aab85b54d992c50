package keys

import (
	"bufio"
	"bytes"
	"crypto/rand"
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

// Stewards is the directory of a data dir's data steward keys: age X25519
// identities that decrypt sealed datasets and study secrets. Each is kept
// in its own file, <recipient>.age, encrypted with a passphrase (age's
// scrypt recipient), the way the keystore keeps Ethereum keys.
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

// New makes a steward identity, stores it encrypted with passphrase, and
// returns its public recipient (age1...), which data is sealed to.
func (s *Stewards) New(passphrase string) (*age.X25519Recipient, error) {
	id, err := age.GenerateX25519Identity()
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := s.seal(&buf, id, passphrase); err != nil {
		return nil, err
	}
	p := filepath.Join(s.dir, id.Recipient().String()+".age")
	if err := writeFileSync(p, buf.Bytes()); err != nil {
		return nil, err
	}
	return id.Recipient(), nil
}

func (s *Stewards) seal(w io.Writer, id *age.X25519Identity, passphrase string) error {
	r, err := age.NewScryptRecipient(passphrase)
	if err != nil {
		return fmt.Errorf("keys: %w", err)
	}
	if s.opts.LightKDF {
		r.SetWorkFactor(10)
	}
	enc, err := age.Encrypt(w, r)
	if err != nil {
		return err
	}
	fmt.Fprintf(enc, "# desci data steward key\n# public key: %s\n%s\n", id.Recipient(), id)
	return enc.Close()
}

// List returns the recipients of the stored steward keys, sorted.
func (s *Stewards) List() ([]string, error) {
	ents, err := os.ReadDir(s.dir)
	if err != nil {
		return nil, fmt.Errorf("keys: %w", err)
	}
	var out []string
	for _, e := range ents {
		if name, ok := strings.CutSuffix(e.Name(), ".age"); ok && strings.HasPrefix(name, "age1") {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out, nil
}

// Unlock decrypts every stored steward key with passphrase.
func (s *Stewards) Unlock(passphrase string) ([]age.Identity, error) {
	names, err := s.List()
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, ErrNoStewardKey
	}
	var ids []age.Identity
	for _, name := range names {
		got, err := LoadIdentities(filepath.Join(s.dir, name+".age"), passphrase)
		if err != nil {
			return nil, err
		}
		ids = append(ids, got...)
	}
	return ids, nil
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
		for _, id := range ids {
			if x, ok := id.(*age.X25519Identity); ok && !slices.Contains(names, x.Recipient().String()) {
				recipients = append(recipients, x.Recipient())
			}
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
