package car

import (
	"bytes"
	"errors"
	"io"
	"testing"

	"github.com/ipfs/go-cid"
	mh "github.com/multiformats/go-multihash"
)

func rawCID(data []byte) cid.Cid {
	h, _ := mh.Sum(data, mh.SHA2_256, -1)
	return cid.NewCidV1(cid.Raw, h)
}

func sampleCAR(t testing.TB, blocks ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := NewWriter(&buf, []cid.Cid{rawCID([]byte(blocks[0]))})
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range blocks {
		if err := w.Put(rawCID([]byte(b)), []byte(b)); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestRoundTrip(t *testing.T) {
	blocks := []string{"root", "a", "", "bb"}
	r, err := NewReader(bytes.NewReader(sampleCAR(t, blocks...)))
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Roots) != 1 || !r.Roots[0].Equals(rawCID([]byte("root"))) {
		t.Fatalf("roots %v", r.Roots)
	}
	for _, want := range blocks {
		c, data, err := r.Next()
		if err != nil {
			t.Fatal(err)
		}
		if string(data) != want || !c.Equals(rawCID([]byte(want))) {
			t.Errorf("block %q %s, want %q", data, c, want)
		}
	}
	if _, _, err := r.Next(); err != io.EOF {
		t.Errorf("after the last block: %v, want io.EOF", err)
	}
}

func TestRejects(t *testing.T) {
	good := sampleCAR(t, "root", "a")
	cases := []struct {
		name string
		data []byte
		want error
	}{
		{"empty", nil, ErrHeader},
		{"huge length", []byte{0xff, 0xff, 0xff, 0xff, 0x0f}, ErrBadBlock},
		{"header not cbor", append([]byte{3}, "abc"...), ErrHeader},
		{"cut", good[:len(good)-1], ErrTruncated},
		{"hash mismatch", append(bytes.Clone(good[:len(good)-1]), 'b'), ErrHash},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, err := NewReader(bytes.NewReader(c.data))
			for err == nil {
				_, _, err = r.Next()
			}
			if !errors.Is(err, c.want) {
				t.Errorf("error %v, want %v", err, c.want)
			}
		})
	}
}

func FuzzReader(f *testing.F) {
	f.Add(sampleCAR(f, "root", "a", "bb"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := NewReader(bytes.NewReader(data))
		if err != nil {
			return
		}
		for {
			c, block, err := r.Next()
			if err != nil {
				return
			}
			// Anything the reader returns has been checked against its CID.
			got, err := c.Prefix().Sum(block)
			if err != nil || !got.Equals(c) {
				t.Fatalf("returned unverified block %s", c)
			}
		}
	})
}
