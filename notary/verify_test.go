package notary

import (
	"context"
	"errors"
	"math/big"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/rpc"
)

func TestDiffFiles(t *testing.T) {
	a, b, c := mustRaw([]byte("a")), mustRaw([]byte("b")), mustRaw([]byte("c"))
	want := []File{{Path: "x.csv", CID: a}, {Path: "y.csv", CID: b}, {Path: "z.csv", CID: c}}
	cases := []struct {
		name string
		got  []File
		says []string // in the error, in order
	}{
		{"one changed", []File{{Path: "x.csv", CID: a}, {Path: "y.csv", CID: c}, {Path: "z.csv", CID: c}},
			[]string{"1 file differs", "y.csv changed (expected " + b.String() + ", got " + c.String() + ")"}},
		{"missing and extra", []File{{Path: "x.csv", CID: a}, {Path: "z.csv", CID: c}, {Path: "new.csv", CID: b}},
			[]string{"2 files differ", "y.csv missing (expected " + b.String() + ")", "new.csv not in the manifest (got " + b.String() + ")"}},
		{"same files, another tree", want, []string{"every file matches"}},
	}
	for _, k := range cases {
		t.Run(k.name, func(t *testing.T) {
			e := &ContentChangedError{Want: a, Got: b, Profile: DefaultProfile, Files: diffFiles(want, k.got)}
			msg, at := e.Error(), 0
			for _, s := range k.says {
				i := strings.Index(msg[at:], s)
				if i < 0 {
					t.Fatalf("%q lacks %q (in order)", msg, s)
				}
				at += i
			}
		})
	}
	if s := (FileChange{Path: "evil\x1b[2J.csv", Want: a}).String(); strings.Contains(s, "\x1b") {
		t.Errorf("a terminal escape in a path is printed raw: %q", s)
	}
	many := make([]File, 30)
	for i := range many {
		many[i] = File{Path: string(rune('a'+i%26)) + string(rune('a'+i/26)), CID: a}
	}
	if msg := (&ContentChangedError{Want: a, Got: b, Files: diffFiles(nil, many)}).Error(); !strings.Contains(msg, "and 20 more") {
		t.Errorf("30 extra files: %q", msg)
	}
}

// fakeChain answers what finality and reachability need; anything else
// panics (the nil interface), so a test sees what was asked.
type fakeChain struct {
	Chain
	head, finalized uint64
	noFinalized     bool
	down            error
}

func (f *fakeChain) ChainID(context.Context) (*big.Int, error) {
	if f.down != nil {
		return nil, f.down
	}
	return big.NewInt(1337), nil
}

func (f *fakeChain) BlockNumber(context.Context) (uint64, error) { return f.head, f.down }

func (f *fakeChain) HeaderByNumber(_ context.Context, n *big.Int) (*types.Header, error) {
	if n != nil && n.Int64() == int64(rpc.FinalizedBlockNumber) {
		if f.noFinalized {
			return nil, errors.New("finalized block not found")
		}
		return &types.Header{Number: new(big.Int).SetUint64(f.finalized)}, nil
	}
	return nil, errors.New("unexpected")
}

func TestFinality(t *testing.T) {
	cases := []struct {
		name  string
		ch    fakeChain
		block uint64
		final bool
		says  string
	}{
		{"at the finalized head", fakeChain{head: 100, finalized: 64}, 64, true, "final (37 blocks deep; the chain has finalized up to block 64)"},
		{"past it", fakeChain{head: 100, finalized: 64}, 65, false, "not final yet (36 blocks deep; the chain has finalized up to block 64)"},
		{"no finalized block, deep", fakeChain{head: 100, noFinalized: true}, 37, true, "final (64 blocks deep of 64; the chain reports no finalized block)"},
		{"no finalized block, shallow", fakeChain{head: 100, noFinalized: true}, 38, false, "not final yet (63 blocks deep of 64"},
		{"finalized head still genesis", fakeChain{head: 5, finalized: 0}, 4, false, "not final yet (2 blocks deep of 64"},
		{"one block", fakeChain{head: 4, finalized: 0}, 4, false, "(1 block deep of 64"},
	}
	for _, k := range cases {
		t.Run(k.name, func(t *testing.T) {
			f, err := CheckFinality(context.Background(), &k.ch, k.block)
			if err != nil {
				t.Fatal(err)
			}
			if f.Final != k.final || !strings.Contains(f.String(), k.says) {
				t.Errorf("final %v %q, want %v %q", f.Final, f, k.final, k.says)
			}
		})
	}
	if _, err := CheckFinality(context.Background(), &fakeChain{down: errors.New("connection refused")}, 1); !errors.Is(err, ErrUnreachable) {
		t.Errorf("chain down: %v", err)
	}
}

// A chain that does not answer is not a failed check: the error is
// ErrUnreachable, not a VerifyError; another chain id is a VerifyError
// that is not conclusive.
func TestVerifyCouldNotCheck(t *testing.T) {
	_, doc := exampleReceipt(t)
	_, err := VerifyReceipt(context.Background(), &fakeChain{down: errors.New("connection refused")}, doc, nil)
	var ve *VerifyError
	if !errors.Is(err, ErrUnreachable) || errors.As(err, &ve) {
		t.Errorf("chain down: %v", err)
	}
	r, _, _ := DecodeReceipt(doc)
	r.ChainID = 5
	doc5, _ := r.Encode()
	_, err = VerifyReceipt(context.Background(), &fakeChain{}, doc5, nil)
	if !errors.As(err, &ve) || ve.Check != CheckChain || ve.Conclusive() {
		t.Errorf("another chain: %v", err)
	}
	for _, check := range []string{CheckReceipt, CheckSignature, CheckProof, CheckContent, CheckAnchored, CheckBlock} {
		if !(&VerifyError{Check: check}).Conclusive() {
			t.Errorf("%s is not conclusive", check)
		}
	}
}
