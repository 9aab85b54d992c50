package merkle

import (
	"errors"
	"testing"
)

// splitValues cuts data into values, each a length byte followed by up
// to that many bytes, and at most 64 of them: slow inputs made the fuzzing
// engine miss its deadline on a busy two-core machine.
func splitValues(data []byte) [][]byte {
	var values [][]byte
	for len(data) > 0 && len(values) < 64 {
		n := min(int(data[0]), len(data)-1)
		values = append(values, data[1:1+n])
		data = data[1+n:]
	}
	return values
}

func FuzzVerify(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{0})
	f.Add([]byte{3, 'a', 'b', 'c'})
	f.Add([]byte{1, 'a', 1, 'a', 1, 'a'})
	f.Add([]byte{0, 0, 0, 0, 0})
	f.Add(append([]byte{36}, cidValues(1)[0]...))
	f.Add([]byte("\x05hello\x05world\x00\x20abcdefghijklmnopqrstuvwxyz012345\x21"))
	f.Fuzz(func(t *testing.T, data []byte) {
		values := splitValues(data)
		tr, err := New(values)
		if len(values) == 0 {
			if !errors.Is(err, ErrEmpty) {
				t.Fatalf("New(no values) = %v, %v; want ErrEmpty", tr, err)
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		checkAgainstRef(t, tr, values)
		root := tr.Root()
		for i, v := range values {
			leaf, proof := LeafHash(v), tr.Proof(i)
			if !Verify(root, leaf, proof) {
				t.Fatalf("proof %d does not verify", i)
			}
			if bad := flipBit(root, i+len(data)); Verify(bad, leaf, proof) {
				t.Fatalf("proof %d verifies against a root with a bit flipped", i)
			}
		}
	})
}
