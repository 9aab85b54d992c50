package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"golang.org/x/term"

	"github.com/desci-platform/desci/graphql"
	"github.com/desci-platform/desci/internal/pgdb"
	"github.com/desci-platform/desci/keys"
	"github.com/desci-platform/desci/notary"
	"github.com/desci-platform/desci/notary/kubo"
	"github.com/desci-platform/desci/notary/pgindex"
	"github.com/desci-platform/desci/policies"
)

// Exit codes.
const (
	exitOK    = 0
	exitError = 1 // the operation failed
	exitUsage = 2 // the command line was wrong
	// desci verify: exitError (1) means checked and false; this, that it
	// could not check (no chain, chain down or another chain, unreadable
	// input).
	exitUnchecked = 3
)

// codedError carries the exit code a command chose.
type codedError struct {
	code int
	err  error
}

func (e codedError) Error() string { return e.err.Error() }
func (e codedError) Unwrap() error { return e.err }

// env is what every command shares: the streams and the data dir.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	dataDir        string
	lightKDF       bool
	blocks         string           // --blocks: a Kubo RPC API URL the blocks are kept at
	shared         *kubo.Blockstore // that block store, once the store is open
	databaseFlag   string           // --database; see database()

	store *notary.Store
	pool  *pgxpool.Pool // the database's, when there is one (db)
	reg   *policies.Registry
	units *tokenUnits // the token a grants command read amounts in
}

// usageError marks errors in how the command was called.
type usageError struct{ error }

// Main runs the desci command line and returns the process exit code.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr}
	defer e.close()
	root := e.rootCommand()
	guardGroups(root)
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return exitOK
	}
	fmt.Fprintf(stderr, "desci: %v\n", err)
	var ce codedError
	if errors.As(err, &ce) {
		return ce.code
	}
	var ue usageError
	if errors.As(err, &ue) || isCobraUsage(err) {
		return exitUsage
	}
	return exitError
}

// onlyKey is how flags say which key they take by default; keys.Resolve
// also takes the data dir's default key when there are several.
const onlyKey = "(default: the only key)"

// guardGroups makes every command group (a command with subcommands and
// nothing to run itself) refuse an unknown subcommand with exit 2 and a
// suggestion, where cobra would print the group's help and exit 0, and
// would first stumble on the flags meant for the mistyped subcommand
// ("unknown flag: --study"). It also keeps the key flags' help true.
func guardGroups(c *cobra.Command) {
	c.Flags().VisitAll(func(f *pflag.Flag) {
		f.Usage = strings.Replace(f.Usage, onlyKey, "(default: the only key, else the one set by desci keys default)", 1)
	})
	for _, sub := range c.Commands() {
		if sub.HasSubCommands() && !sub.Runnable() {
			sub.DisableFlagParsing = true
			sub.RunE = unknownSubcommand
		}
		guardGroups(sub)
	}
}

func unknownSubcommand(cmd *cobra.Command, args []string) error {
	if slices.Contains(args, "-h") || slices.Contains(args, "--help") || len(args) == 0 {
		return cmd.Help()
	}
	// Flags are not parsed (they may be the subcommand's): the first
	// argument that is neither a flag nor the value of a flag this
	// command knows is the unknown subcommand.
	name := ""
	for i := 0; i < len(args) && name == ""; i++ {
		a := args[i]
		if !strings.HasPrefix(a, "-") {
			name = a
			continue
		}
		flag, _, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		f := cmd.Flags().Lookup(flag)
		if f == nil {
			f = cmd.InheritedFlags().Lookup(flag)
		}
		if f == nil && len(flag) == 1 {
			f = cmd.Flags().ShorthandLookup(flag)
		}
		if f != nil && !hasValue && f.NoOptDefVal == "" {
			i++ // the flag's value
		}
	}
	if name == "" {
		return cmd.Help()
	}
	if cmd.SuggestionsMinimumDistance <= 0 {
		cmd.SuggestionsMinimumDistance = 2
	}
	msg := fmt.Sprintf("unknown command %q for %q", name, cmd.CommandPath())
	if s := cmd.SuggestionsFor(name); len(s) > 0 {
		msg += fmt.Sprintf("; did you mean %s?", strings.Join(s, " or "))
	}
	return usageError{fmt.Errorf("%s (see %s --help)", msg, cmd.CommandPath())}
}

func isCobraUsage(err error) bool {
	s := err.Error()
	for _, p := range []string{"unknown command", "unknown flag", "unknown shorthand flag", "accepts ", "requires at least", "required flag", "invalid argument", "flag needs an argument"} {
		if strings.Contains(s, p) {
			return true
		}
	}
	return false
}

func (e *env) rootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:   "desci",
		Short: "Decentralized science: a research data notary, patient consent, de-identified extracts, grants",
		Long: `desci publishes research data and methods as content-addressed, signed manifests
anchored on Ethereum, gates de-identified extracts of patient data by the
patients' own signed consents, funds research through escrowed grants released
on notarized evidence, and serves it all over one GraphQL API.

Files get the same CIDs Kubo (go-ipfs) computes, so anyone can recompute them
with any IPFS tool. Everything lives in a data dir: --data-dir, else
$DESCI_HOME, else ~/.desci. Start with: desci demo`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.PersistentFlags().StringVar(&e.dataDir, "data-dir", "", "data dir (default $DESCI_HOME, else ~/.desci)")
	root.PersistentFlags().StringVar(&e.blocks, "blocks", "", "keep blocks on this Kubo node's RPC API (http://kubo:5001), which replicas share, instead of DATA_DIR/blocks (default $DESCI_BLOCKS, else config.json's \"blocks\")")
	root.PersistentFlags().BoolVar(&e.lightKDF, "lightkdf", false, "encrypt new keys with a fast, weak KDF (development only)")
	root.PersistentFlags().StringVar(&e.databaseFlag, "database", "", "PostgreSQL database shared by replicas, postgres://USER@HOST:PORT/DB (default $DESCI_DATABASE, else config.json's \"database\", else embedded files in the data dir)")
	root.AddCommand(
		e.initCommand(),
		e.cidCommand(), e.addCommand(), e.getCommand(), e.exportCommand(), e.importCommand(),
		e.repoCommand(), e.keysCommand(),
		e.notarizeCommand(), e.correctCommand(), e.showCommand(), e.logCommand(), e.lsCommand(),
		e.anchorCommand(), e.receiptCommand(), e.verifyCommand(), e.bundleCommand(), e.chainCommand(),
		e.datasetsCommand(), e.extractCommand(),
		// One line per verb group below, so groups land independently.
		e.consentCommand(),
		e.accessLogCommand(),
		e.notebooksCommand(),
		e.grantsCommand(),
		e.serveCommand(),
		e.pushCommand(),
		e.demoCommand(),
	)
	return root
}

// dir resolves the data dir.
func (e *env) dir() (string, error) {
	if e.dataDir != "" {
		return filepath.Abs(e.dataDir)
	}
	if d := os.Getenv("DESCI_HOME"); d != "" {
		return filepath.Abs(d)
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("no data dir: set --data-dir or DESCI_HOME (%v)", err)
	}
	return filepath.Join(home, ".desci"), nil
}

// openStore opens the data dir's store, creating the data dir on first use.
func (e *env) openStore() (*notary.Store, error) {
	if e.store != nil {
		return e.store, nil
	}
	dir, err := e.dir()
	if err != nil {
		return nil, err
	}
	var opts notary.Options
	if bs, err := e.sharedBlocks(); err != nil {
		return nil, err
	} else if bs != nil {
		opts.Blocks, e.shared = bs, bs
	}
	if pool, err := e.db(); err != nil {
		return nil, err
	} else if pool != nil {
		// nil: the embedded index in the data dir
		if opts.Index, err = pgindex.New(context.Background(), pool, pgindex.Options{}); err != nil {
			return nil, err
		}
	}
	s, err := notary.OpenWith(dir, opts)
	if err != nil {
		return nil, err
	}
	e.store = s
	return s, nil
}

// db returns the pool of the PostgreSQL database (see database), opened on
// first use and closed with env; nil when there is none.
func (e *env) db() (*pgxpool.Pool, error) {
	if e.pool != nil {
		return e.pool, nil
	}
	dsn, err := e.database()
	if err != nil || dsn == "" {
		return nil, err
	}
	if e.pool, err = pgdb.Open(context.Background(), dsn, pgdb.Options{}); err != nil {
		return nil, err
	}
	return e.pool, nil
}

// database returns the PostgreSQL connection string the data dir's state
// lives in: --database, else $DESCI_DATABASE, else config.json's
// "database"; empty means the embedded files in the data dir.
func (e *env) database() (string, error) {
	if e.databaseFlag != "" {
		return e.databaseFlag, nil
	}
	if v := os.Getenv("DESCI_DATABASE"); v != "" {
		return v, nil
	}
	var cfg struct {
		Database string `json:"database"`
	}
	if err := e.readConfig(&cfg); err != nil {
		return "", err
	}
	return cfg.Database, nil
}

// pinger is the shared block store for /healthz, nil when the blocks are
// the data dir's own.
func (e *env) pinger() graphql.Pinger {
	if e.shared == nil {
		return nil
	}
	return e.shared
}

// sharedBlocks is the block store replicas share (--blocks,
// $DESCI_BLOCKS, config.json's "blocks"): a Kubo node's RPC API, checked
// to answer before anything is stored. Nil means DATA_DIR/blocks.
func (e *env) sharedBlocks() (*kubo.Blockstore, error) {
	u := e.blocks
	if u == "" {
		u = os.Getenv("DESCI_BLOCKS")
	}
	if u == "" {
		var cfg struct {
			Blocks string `json:"blocks"`
		}
		if err := e.readConfig(&cfg); err != nil {
			return nil, err
		}
		u = cfg.Blocks
	}
	if u == "" {
		return nil, nil
	}
	if pu, err := url.Parse(u); err != nil || (pu.Scheme != "http" && pu.Scheme != "https") || pu.Host == "" {
		return nil, usageError{fmt.Errorf("--blocks %q: want a Kubo RPC API URL such as http://127.0.0.1:5001", u)}
	}
	c := &kubo.Client{URL: u}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := c.ID(ctx); err != nil {
		return nil, fmt.Errorf("the shared block store (--blocks %s) does not answer: %w; start the Kubo node or fix the URL", u, err)
	}
	return kubo.NewBlockstore(c), nil
}

func (e *env) keyring() (*keys.Keyring, error) {
	dir, err := e.dir()
	if err != nil {
		return nil, err
	}
	return keys.Open(filepath.Join(dir, "keystore"), keys.Options{LightKDF: e.lightKDF})
}

func (e *env) close() {
	if e.reg != nil {
		e.reg.Close()
	}
	if e.store != nil {
		e.store.Close()
	}
	if e.pool != nil {
		e.pool.Close()
	}
}

// passphrase returns the content of $DESCI_PASSPHRASE_FILE (a Docker
// secret: /run/secrets/NAME) without its final newline, or
// $DESCI_PASSPHRASE, or asks on the terminal.
func (e *env) passphrase(prompt string, confirm bool) (string, error) {
	if f := os.Getenv("DESCI_PASSPHRASE_FILE"); f != "" {
		b, err := os.ReadFile(f)
		if err != nil {
			return "", fmt.Errorf("$DESCI_PASSPHRASE_FILE: %w", err)
		}
		return strings.TrimSuffix(strings.TrimSuffix(string(b), "\n"), "\r"), nil
	}
	if p, ok := os.LookupEnv("DESCI_PASSPHRASE"); ok {
		return p, nil
	}
	tty, err := os.OpenFile("/dev/tty", os.O_RDWR, 0)
	if err != nil || !term.IsTerminal(int(tty.Fd())) {
		return "", errors.New("no passphrase: set DESCI_PASSPHRASE or run in a terminal")
	}
	defer tty.Close()
	read := func(p string) (string, error) {
		fmt.Fprint(tty, p)
		b, err := term.ReadPassword(int(tty.Fd()))
		fmt.Fprintln(tty)
		return string(b), err
	}
	p, err := read(prompt)
	if err != nil {
		return "", err
	}
	if confirm {
		again, err := read("Repeat passphrase: ")
		if err != nil {
			return "", err
		}
		if again != p {
			return "", errors.New("passphrases do not match")
		}
	}
	return p, nil
}

// signer unlocks the key named by flag (or the only key).
func (e *env) signer(name string) (*keys.Key, error) {
	kr, err := e.keyring()
	if err != nil {
		return nil, err
	}
	addr, err := kr.Resolve(name)
	if err != nil {
		return nil, err
	}
	pass, err := e.passphrase(fmt.Sprintf("Passphrase for %s: ", addr), false)
	if err != nil {
		return nil, err
	}
	return kr.Unlock(addr, pass)
}

func (e *env) initCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "init",
		Short: "Create the data dir (every other command also creates it on first use)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, err := e.openStore()
			if err != nil {
				return err
			}
			_ = s
			if _, err := e.keyring(); err != nil {
				return err
			}
			dir, _ := e.dir()
			fmt.Fprintln(e.stdout, dir)
			return nil
		},
	}
}
