package notary

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	blocks "github.com/ipfs/go-block-format"
	"github.com/ipfs/go-cid"
	ipld "github.com/ipfs/go-ipld-format"

	dag "github.com/ipfs/boxo/ipld/merkledag"
	ft "github.com/ipfs/boxo/ipld/unixfs"
	uio "github.com/ipfs/boxo/ipld/unixfs/io"
)

// ImportOptions control how a path becomes a UnixFS DAG. The zero value
// imports with the default profile and skips hidden files, as `ipfs add -r`
// does.
type ImportOptions struct {
	// Profile names the import profile; empty means DefaultProfile.
	Profile string
	// Hidden includes files and directories whose names begin with a dot
	// (Kubo's --hidden). The path named itself is always included.
	Hidden bool
	// Progress, if set, is called with the number of file bytes read as the
	// import proceeds. It may be called from several goroutines in turn,
	// never at once.
	Progress func(n int64)
	// Skipped, if set, is called with the slash-separated path of each
	// hidden entry left out (not with Hidden), so a caller can say so.
	Skipped func(rel string)
}

// A File is one regular file inside an imported tree.
type File struct {
	Path string  // slash-separated, relative to the imported root; the base name for a single file
	CID  cid.Cid // root of the file's own DAG
	Size uint64  // bytes
}

// Imported describes the DAG made from a path.
type Imported struct {
	Root    cid.Cid
	Profile string
	Size    uint64 // total bytes of the regular files
	Files   []File
	IsDir   bool
}

// Import computes the UnixFS DAG of the file, directory or symlink at p,
// exactly as Kubo 0.43 would under the chosen profile, and hands every block
// to put (nil computes the CID without keeping any block).
//
// Kubo's defaults are followed in everything that changes a CID: hidden
// entries are skipped unless opts.Hidden, empty directories are kept,
// symlinks are stored as UnixFS symlinks and never followed, names are kept
// byte for byte, and directories become HAMTs past the profile's threshold.
func Import(ctx context.Context, p string, put func(context.Context, blocks.Block) error, opts ImportOptions) (*Imported, error) {
	prof, err := LookupProfile(opts.Profile)
	if err != nil {
		return nil, err
	}
	// Kubo cleans the path it is given, so `todir/` names the symlink
	// todir, not the directory it points to (Lstat would follow it).
	p = filepath.Clean(p)
	fi, err := os.Lstat(p)
	if err != nil {
		return nil, fmt.Errorf("notary: import: %w", err)
	}
	im := &importer{ctx: ctx, prof: prof, opts: opts, put: put}
	im.dserv = putDAG{im}
	res := &Imported{Profile: prof.Name, IsDir: fi.IsDir()}
	name := filepath.Base(p)
	if fi.IsDir() {
		name = ""
	}
	nd, err := im.importPath(p, name, fi, res)
	if err != nil {
		return nil, err
	}
	res.Root = nd.Cid()
	return res, nil
}

type importer struct {
	ctx   context.Context
	prof  Profile
	opts  ImportOptions
	put   putFunc
	dserv ipld.DAGService
}

func (im *importer) importPath(p, rel string, fi fs.FileInfo, res *Imported) (ipld.Node, error) {
	switch mode := fi.Mode(); {
	case mode.IsRegular():
		f, err := os.Open(p)
		if err != nil {
			return nil, fmt.Errorf("notary: import: %w", err)
		}
		defer f.Close()
		r, err := importFile(im.ctx, f, im.prof, im.put, im.opts.Progress)
		if err != nil {
			return nil, fmt.Errorf("notary: import %s: %w", p, err)
		}
		res.Files = append(res.Files, File{Path: rel, CID: r.cid, Size: r.fileSize})
		res.Size += r.fileSize
		return sizedLink(r), nil
	case mode&fs.ModeSymlink != 0:
		target, err := os.Readlink(p)
		if err != nil {
			return nil, fmt.Errorf("notary: import: %w", err)
		}
		return im.symlink(target)
	case mode.IsDir():
		return im.dir(p, rel, res)
	default:
		return nil, fmt.Errorf("notary: import %s: unsupported file type %v", p, mode.Type())
	}
}

func (im *importer) symlink(target string) (ipld.Node, error) {
	data, err := ft.SymlinkData(target)
	if err != nil {
		return nil, err
	}
	nd := dag.NodeWithData(data)
	if err := nd.SetCidBuilder(cidBuilder); err != nil {
		return nil, err
	}
	return nd, im.store(nd)
}

func (im *importer) dir(p, rel string, res *Imported) (ipld.Node, error) {
	entries, err := os.ReadDir(p) // sorted by name, as Kubo walks
	if err != nil {
		return nil, fmt.Errorf("notary: import: %w", err)
	}
	d, err := uio.NewDirectory(im.dserv,
		uio.WithCidBuilder(cidBuilder),
		uio.WithMaxHAMTFanout(im.prof.HAMTFanout),
		uio.WithSizeEstimationMode(im.prof.SizeEstimation),
	)
	if err != nil {
		return nil, err
	}
	d.SetHAMTShardingSize(im.prof.HAMTThreshold)
	// Kubo's adder builds directories in MFS: a subdirectory enters its
	// parent as an empty directory when it is made, and its real node
	// replaces that entry only when MFS flushes, after everything else was
	// added. boxo decides HAMT or basic at each of these steps, and a
	// replacement can turn a HAMT back into a basic directory, so the same
	// steps are taken here, in the same order (doc/content-addressing.md).
	var subdirs []subdir
	for _, e := range entries {
		name := e.Name()
		if !im.opts.Hidden && strings.HasPrefix(name, ".") {
			if im.opts.Skipped != nil {
				im.opts.Skipped(path.Join(rel, name))
			}
			continue
		}
		fi, err := e.Info()
		if err != nil {
			return nil, fmt.Errorf("notary: import: %w", err)
		}
		if fi.IsDir() {
			if err := d.AddChild(im.ctx, name, emptyDir); err != nil {
				return nil, fmt.Errorf("notary: import %s: %w", p, err)
			}
		}
		child, err := im.importPath(filepath.Join(p, name), path.Join(rel, name), fi, res)
		if err != nil {
			return nil, err
		}
		if fi.IsDir() {
			subdirs = append(subdirs, subdir{name, child})
			continue
		}
		if err := d.AddChild(im.ctx, name, child); err != nil {
			return nil, fmt.Errorf("notary: import %s: %w", p, err)
		}
	}
	// MFS flushes a directory's subdirectories in Go map order; when the
	// outcome depends on that order Kubo itself is not deterministic, and
	// the order by name is taken.
	for _, s := range flushOrder(subdirs) {
		if err := d.AddChild(im.ctx, s.name, s.node); err != nil {
			return nil, fmt.Errorf("notary: import %s: %w", p, err)
		}
	}
	nd, err := d.GetNode()
	if err != nil {
		return nil, err
	}
	return nd, im.store(nd)
}

// subdir is a subdirectory's final node, waiting for the flush.
type subdir struct {
	name string
	node ipld.Node
}

// flushOrder is the order in which a directory's subdirectories replace
// their empty entries: by name. A variable so that tests can try the other
// orders MFS may take.
var flushOrder = func(s []subdir) []subdir { return s }

// emptyDir is the node MFS adds for a directory when it is made.
var emptyDir = func() ipld.Node {
	nd := ft.EmptyDirNode()
	if err := nd.SetCidBuilder(cidBuilder); err != nil {
		panic(err)
	}
	return nd
}()

func (im *importer) store(nd ipld.Node) error {
	if im.put == nil {
		return nil
	}
	return im.put(im.ctx, nd)
}

// putDAG lets boxo's directory code store HAMT shard nodes through put.
// Directories are built from scratch, so nothing is ever read back.
type putDAG struct{ im *importer }

func (d putDAG) Add(ctx context.Context, nd ipld.Node) error { return d.im.store(nd) }
func (d putDAG) AddMany(ctx context.Context, nds []ipld.Node) error {
	for _, nd := range nds {
		if err := d.im.store(nd); err != nil {
			return err
		}
	}
	return nil
}
func (d putDAG) Get(ctx context.Context, c cid.Cid) (ipld.Node, error) {
	return nil, ipld.ErrNotFound{Cid: c}
}
func (d putDAG) GetMany(ctx context.Context, cs []cid.Cid) <-chan *ipld.NodeOption {
	ch := make(chan *ipld.NodeOption, len(cs))
	for _, c := range cs {
		ch <- &ipld.NodeOption{Err: ipld.ErrNotFound{Cid: c}}
	}
	close(ch)
	return ch
}
func (d putDAG) Remove(context.Context, cid.Cid) error       { return nil }
func (d putDAG) RemoveMany(context.Context, []cid.Cid) error { return nil }

// sizedLink is a file root seen from its parent directory: a CID and a
// Tsize, without the bytes. Directories only ever ask a child for these two,
// and holding the bytes of every single-chunk file would cost memory.
type sizedLink ref

func (s sizedLink) Cid() cid.Cid          { return s.cid }
func (s sizedLink) Size() (uint64, error) { return s.tsize, nil }
func (s sizedLink) RawData() []byte       { panic("notary: sizedLink has no data") }
func (s sizedLink) String() string        { return s.cid.String() }
func (s sizedLink) Loggable() map[string]any {
	return map[string]any{"cid": s.cid}
}
func (s sizedLink) Resolve([]string) (any, []string, error) {
	return nil, nil, fmt.Errorf("notary: cannot resolve through %s", s.cid)
}
func (s sizedLink) Tree(string, int) []string { return nil }
func (s sizedLink) ResolveLink([]string) (*ipld.Link, []string, error) {
	return nil, nil, fmt.Errorf("notary: cannot resolve through %s", s.cid)
}
func (s sizedLink) Copy() ipld.Node     { return s }
func (s sizedLink) Links() []*ipld.Link { return nil }
func (s sizedLink) Stat() (*ipld.NodeStat, error) {
	return &ipld.NodeStat{CumulativeSize: int(s.tsize)}, nil
}

var _ ipld.Node = sizedLink{}

// ImportReader computes the DAG of a single stream of bytes.
func ImportReader(ctx context.Context, r io.Reader, put func(context.Context, blocks.Block) error, profile string, progress func(int64)) (cid.Cid, uint64, error) {
	prof, err := LookupProfile(profile)
	if err != nil {
		return cid.Undef, 0, err
	}
	root, err := importFile(ctx, r, prof, put, progress)
	return root.cid, root.fileSize, err
}
