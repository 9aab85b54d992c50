package notary

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A store whose layout file a killed flatfs left empty or cut short opens
// (and the file is repaired); one that names another layout, or has
// blocks but no layout file, is refused by name.
func TestOpenRepairsLayoutFile(t *testing.T) {
	full := blockShard.String() + "\n"
	for _, tc := range []struct {
		name     string
		sharding *string // nil: no file
		shardDir bool
		wantErr  string
	}{
		{name: "new", sharding: nil},
		{name: "empty", sharding: ptr("")},
		{name: "partial", sharding: ptr(full[:10])},
		{name: "no newline", sharding: ptr(strings.TrimSpace(full))},
		{name: "whole", sharding: ptr(full)},
		{name: "another layout", sharding: ptr("/repo/flatfs/shard/v1/prefix/4\n"), wantErr: `names layout "/repo/flatfs/shard/v1/prefix/4"`},
		{name: "blocks without layout", sharding: nil, shardDir: true, wantErr: "has block directories (AB) but no SHARDING file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			blocksDir := filepath.Join(dir, "blocks")
			os.MkdirAll(blocksDir, 0o755)
			if tc.sharding != nil {
				os.WriteFile(filepath.Join(blocksDir, "SHARDING"), []byte(*tc.sharding), 0o644)
			}
			if tc.shardDir {
				os.Mkdir(filepath.Join(blocksDir, "AB"), 0o755)
			}
			s, err := Open(dir)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("Open: %v, want an error containing %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			c, err := s.PutRaw(context.Background(), []byte("kept"))
			if err != nil {
				t.Fatal(err)
			}
			s.Close()
			if b, _ := os.ReadFile(filepath.Join(blocksDir, "SHARDING")); string(b) != full && string(b) != strings.TrimSpace(full) {
				t.Errorf("SHARDING = %q", b)
			}
			s, err = Open(dir)
			if err != nil {
				t.Fatalf("reopen: %v", err)
			}
			defer s.Close()
			if b, err := s.Block(context.Background(), c); err != nil || string(b) != "kept" {
				t.Errorf("block after reopen: %q %v", b, err)
			}
		})
	}
}

func ptr[T any](v T) *T { return &v }
