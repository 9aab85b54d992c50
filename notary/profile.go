package notary

import (
	"fmt"
	"sort"

	uio "github.com/ipfs/boxo/ipld/unixfs/io"
)

// A Profile is a named set of UnixFS import settings. Every setting that
// changes a CID is here, so that a profile name recorded beside a CID is
// enough to recompute it.
type Profile struct {
	Name string
	// ChunkSize is the fixed size of file chunks (Kubo's size-N chunker).
	ChunkSize int
	// FileMaxLinks is the widest a file node may be (balanced layout).
	FileMaxLinks int
	// HAMTFanout is the width of HAMT shards for large directories.
	HAMTFanout int
	// HAMTThreshold is the estimated directory block size above which a
	// directory becomes a HAMT.
	HAMTThreshold int
	// SizeEstimation says how the directory block size is estimated.
	SizeEstimation uio.SizeEstimationMode
}

// The import profiles. Both use CIDv1, sha2-256, raw leaves and the balanced
// layout, as Kubo does with these settings.
var (
	// ProfileUnixFSv12025 is Kubo's `ipfs config profile apply unixfs-v1-2025`
	// (IPIP-499), the default.
	ProfileUnixFSv12025 = Profile{
		Name:           "unixfs-v1-2025",
		ChunkSize:      1 << 20,
		FileMaxLinks:   1024,
		HAMTFanout:     256,
		HAMTThreshold:  256 << 10,
		SizeEstimation: uio.SizeEstimationBlock,
	}
	// ProfileKuboCIDv1 is Kubo's `ipfs add --cid-version=1` with default
	// settings: 256 KiB chunks, 174 links, HAMT by link-size estimate.
	ProfileKuboCIDv1 = Profile{
		Name:           "kubo-cidv1",
		ChunkSize:      256 << 10,
		FileMaxLinks:   174,
		HAMTFanout:     256,
		HAMTThreshold:  256 << 10,
		SizeEstimation: uio.SizeEstimationLinks,
	}
)

// DefaultProfile is the profile used when none is named.
const DefaultProfile = "unixfs-v1-2025"

var profiles = map[string]Profile{
	ProfileUnixFSv12025.Name: ProfileUnixFSv12025,
	ProfileKuboCIDv1.Name:    ProfileKuboCIDv1,
}

// LookupProfile returns the profile with the given name; the empty name is
// the default profile.
func LookupProfile(name string) (Profile, error) {
	if name == "" {
		name = DefaultProfile
	}
	p, ok := profiles[name]
	if !ok {
		return Profile{}, fmt.Errorf("%w %q (known: %v)", ErrUnknownProfile, name, ProfileNames())
	}
	return p, nil
}

// ProfileNames lists the known profile names, sorted.
func ProfileNames() []string {
	names := make([]string, 0, len(profiles))
	for n := range profiles {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
