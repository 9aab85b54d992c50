package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/ipfs/go-cid"
	"github.com/spf13/cobra"

	"github.com/desci-platform/desci/notary"
)

func parseCID(s string) (cid.Cid, error) {
	c, err := cid.Decode(s)
	if err != nil {
		return cid.Undef, usageError{fmt.Errorf("%q is not a CID: %v", s, err)}
	}
	return c, nil
}

// importFlags are the flags every command that imports files shares.
type importFlags struct {
	profile string
	hidden  bool

	skipped []string // the first hidden entries left out
	nSkip   int
}

// cidInStore parses a CID argument and opens the store it is looked up in.
func (e *env) cidInStore(arg string) (cid.Cid, *notary.Store, error) {
	c, err := parseCID(arg)
	if err != nil {
		return cid.Undef, nil, err
	}
	s, err := e.openStore()
	return c, s, err
}

func (f *importFlags) register(cmd *cobra.Command) {
	cmd.Flags().StringVar(&f.profile, "profile", notary.DefaultProfile,
		fmt.Sprintf("import profile, one of %v (unixfs-v1-2025 = Kubo's profile of that name; kubo-cidv1 = ipfs add --cid-version=1)", notary.ProfileNames()))
	cmd.Flags().BoolVarP(&f.hidden, "hidden", "H", false, "include files and directories whose names begin with a dot")
}

func (f *importFlags) options(p *progress) (notary.ImportOptions, error) {
	if _, err := notary.LookupProfile(f.profile); err != nil {
		return notary.ImportOptions{}, usageError{err}
	}
	skip := func(rel string) {
		if f.nSkip++; len(f.skipped) < 3 {
			f.skipped = append(f.skipped, rel)
		}
	}
	return notary.ImportOptions{Profile: f.profile, Hidden: f.hidden, Progress: p.fn(), Skipped: skip}, nil
}

// noteSkipped says on stderr which hidden entries the import left out, as
// Kubo does silently: a dotfile missing from a publication is a surprise.
func (f *importFlags) noteSkipped(e *env) {
	if f.nSkip == 0 {
		return
	}
	more := ""
	if f.nSkip > len(f.skipped) {
		more = fmt.Sprintf(", and %d more", f.nSkip-len(f.skipped))
	}
	fmt.Fprintf(e.stderr, "desci: left out %d hidden entr%s (%s%s); --hidden includes them\n",
		f.nSkip, map[bool]string{true: "y", false: "ies"}[f.nSkip == 1], strings.Join(f.skipped, ", "), more)
}

func (e *env) cidCommand() *cobra.Command {
	var f importFlags
	cmd := &cobra.Command{
		Use:   "cid [--profile NAME] [--hidden] PATH",
		Short: "Print the CID of a file or directory without storing anything",
		Long: `Print the root CID Kubo would give PATH (ipfs add -n), without storing anything.
Hidden files are skipped unless --hidden, as with ipfs add -r.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			p := e.newProgress("hashing", treeSizeIfTTY(e, args[0]))
			opts, err := f.options(p)
			if err != nil {
				return err
			}
			res, err := notary.Import(cmd.Context(), args[0], nil, opts)
			p.finish()
			if err != nil {
				return err
			}
			f.noteSkipped(e)
			fmt.Fprintln(e.stdout, res.Root)
			return nil
		},
	}
	f.register(cmd)
	return cmd
}

func treeSizeIfTTY(e *env, p string) int64 {
	if !isTerminal(e.stderr) {
		return 0
	}
	return treeSize(p)
}

func (e *env) addCommand() *cobra.Command {
	var f importFlags
	cmd := &cobra.Command{
		Use:   "add [--profile NAME] [--hidden] PATH",
		Short: "Store a file or directory and print its root CID",
		Long: `Store PATH in the data dir's blockstore, pin it, and print its root CID.
The blocks are on disk when add returns. Adding the same content again is
cheap and writes nothing new.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := e.openStore()
			if err != nil {
				return err
			}
			p := e.newProgress("adding", treeSizeIfTTY(e, args[0]))
			opts, err := f.options(p)
			if err != nil {
				return err
			}
			res, err := s.Add(cmd.Context(), args[0], opts)
			p.finish()
			if err != nil {
				return err
			}
			f.noteSkipped(e)
			fmt.Fprintln(e.stdout, res.Root)
			return nil
		},
	}
	f.register(cmd)
	return cmd
}

func (e *env) getCommand() *cobra.Command {
	var out string
	cmd := &cobra.Command{
		Use:   "get CID [-o PATH]",
		Short: "Write a stored file or tree back to disk",
		Long: `Write the file or directory tree at CID to PATH (default: the CID in the current
directory), byte-identical, with empty directories and symlinks as they were.
A manifest CID writes the manifest's content. PATH must not exist.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, s, err := e.cidInStore(args[0])
			if err != nil {
				return err
			}
			if out == "" {
				out = c.String()
			}
			return s.Get(cmd.Context(), c, out)
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "", "where to write (must not exist)")
	return cmd
}

func (e *env) exportCommand() *cobra.Command {
	var out string
	cmd := &cobra.Command{
		Use:   "export CID -o FILE.car",
		Short: "Write a DAG as a CARv1 file (what ipfs dag import reads)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, s, err := e.cidInStore(args[0])
			if err != nil {
				return err
			}
			if out == "" || out == "-" {
				if isTerminal(e.stdout) {
					return usageError{errors.New("refusing to write a CAR to a terminal; use -o FILE.car")}
				}
				return s.Export(cmd.Context(), c, e.stdout)
			}
			// Write beside the target and rename, so a failed export leaves
			// no truncated CAR under the name asked for.
			tmp, err := os.CreateTemp(filepath.Dir(out), ".desci-export-*.car")
			if err != nil {
				return err
			}
			defer os.Remove(tmp.Name())
			if err := s.Export(cmd.Context(), c, tmp); err != nil {
				tmp.Close()
				return err
			}
			if err := errors.Join(tmp.Sync(), tmp.Close()); err != nil {
				return err
			}
			return os.Rename(tmp.Name(), out)
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "", "CAR file to write (- or omitted: stdout)")
	return cmd
}

func (e *env) importCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "import FILE.car",
		Short: "Store the blocks of a CARv1 file (what ipfs dag export writes) or a verification bundle",
		Long: `Store the blocks of a CARv1 file and pin its roots; - reads stdin.
Every block is checked against its CID, and the roots' DAGs must be complete,
before anything is stored: a bad CAR leaves the store as it was.

A verification bundle (desci bundle) is checked as desci verify checks it
offline, and its manifests are stored with their receipts: desci show and
desci verify then know them anchored. Prints the manifest's CID.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			name := args[0]
			if name == "-" {
				// Spooled, so a bundle on stdin is known by its header
				// and read twice like a file.
				dir, err := e.dir()
				if err != nil {
					return err
				}
				if err := os.MkdirAll(dir, 0o700); err != nil {
					return err
				}
				tmp, err := os.CreateTemp(dir, ".import-*.car")
				if err != nil {
					return err
				}
				defer os.Remove(tmp.Name())
				_, err = io.Copy(tmp, e.stdin)
				if err := errors.Join(err, tmp.Close()); err != nil {
					return fmt.Errorf("import: reading stdin: %w", err)
				}
				name = tmp.Name()
			}
			f, err := os.Open(name)
			if err != nil {
				return err
			}
			defer f.Close()
			s, err := e.openStore()
			if err != nil {
				return err
			}
			if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
				if notary.IsBundle(f) {
					b, err := s.ImportBundle(cmd.Context(), f)
					if err != nil {
						return err
					}
					fmt.Fprintln(e.stdout, b.ManifestID)
					return nil
				}
				if _, err := f.Seek(0, io.SeekStart); err != nil {
					return err
				}
			}
			roots, err := s.ImportCAR(cmd.Context(), f)
			if err != nil {
				return err
			}
			for _, c := range roots {
				fmt.Fprintln(e.stdout, c)
			}
			return nil
		},
	}
}
