package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"
)

func (e *env) keysCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "keys",
		Short: "Manage the data dir's Ethereum keys (passphrase from $DESCI_PASSPHRASE or a prompt)",
	}
	var asJSON bool
	list := &cobra.Command{
		Use:   "list",
		Short: "List key addresses",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			kr, err := e.keyring()
			if err != nil {
				return err
			}
			addrs := kr.List()
			if asJSON {
				out := []string{}
				for _, a := range addrs {
					out = append(out, a.Hex())
				}
				return json.NewEncoder(e.stdout).Encode(out)
			}
			for _, a := range addrs {
				fmt.Fprintln(e.stdout, a.Hex())
			}
			return nil
		},
	}
	list.Flags().BoolVar(&asJSON, "json", false, "print a JSON array")

	newCmd := &cobra.Command{
		Use:   "new",
		Short: "Make a key and print its address",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			kr, err := e.keyring()
			if err != nil {
				return err
			}
			pass, err := e.passphrase("Passphrase for the new key: ", true)
			if err != nil {
				return err
			}
			addr, err := kr.New(pass)
			if err != nil {
				return err
			}
			fmt.Fprintln(e.stdout, addr.Hex())
			return nil
		},
	}

	var privateKey bool
	importCmd := &cobra.Command{
		Use:   "import [--private-key [HEX]] [KEYFILE.json]",
		Short: "Import a keystore file, or a hex private key (argument or stdin)",
		Long: `Import a go-ethereum keystore file (its passphrase is asked, then the same
passphrase protects it here), or with --private-key a hex private key given as
the argument or on stdin (so it stays out of the shell history).`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			kr, err := e.keyring()
			if err != nil {
				return err
			}
			if privateKey {
				var hexKey string
				if len(args) == 1 {
					hexKey = args[0]
				} else {
					b, err := io.ReadAll(io.LimitReader(e.stdin, 1<<10))
					if err != nil {
						return err
					}
					hexKey = strings.TrimSpace(string(b))
				}
				pass, err := e.passphrase("Passphrase to protect the key: ", true)
				if err != nil {
					return err
				}
				addr, err := kr.ImportPrivateKey(hexKey, pass)
				if err != nil {
					return err
				}
				fmt.Fprintln(e.stdout, addr.Hex())
				return nil
			}
			if len(args) != 1 {
				return usageError{errors.New("import needs a keystore file, or --private-key")}
			}
			data, err := os.ReadFile(args[0])
			if err != nil {
				return err
			}
			pass, err := e.passphrase("Passphrase of the keystore file: ", false)
			if err != nil {
				return err
			}
			addr, err := kr.ImportJSON(data, pass, pass)
			if err != nil {
				return err
			}
			fmt.Fprintln(e.stdout, addr.Hex())
			return nil
		},
	}
	importCmd.Flags().BoolVar(&privateKey, "private-key", false, "import a hex private key (from the argument or stdin)")

	var exportPrivate bool
	exportCmd := &cobra.Command{
		Use:   "export [ADDRESS] [--private-key]",
		Short: "Print a key as keystore JSON, or its private key with --private-key",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			name := ""
			if len(args) == 1 {
				name = args[0]
			}
			kr, err := e.keyring()
			if err != nil {
				return err
			}
			addr, err := kr.Resolve(name)
			if err != nil {
				return err
			}
			pass, err := e.passphrase(fmt.Sprintf("Passphrase for %s: ", addr), false)
			if err != nil {
				return err
			}
			if exportPrivate {
				k, err := kr.Unlock(addr, pass)
				if err != nil {
					return err
				}
				fmt.Fprintln(e.stdout, k.PrivateKeyHex())
				return nil
			}
			out, err := kr.ExportJSON(addr, pass, pass)
			if err != nil {
				return err
			}
			fmt.Fprintln(e.stdout, string(out))
			return nil
		},
	}
	exportCmd.Flags().BoolVar(&exportPrivate, "private-key", false, "print the raw private key in hex")

	defaultCmd := &cobra.Command{
		Use:   "default [ADDRESS]",
		Short: "Set the key commands use when --key is not given and there are several (or print it)",
		Long: `With an address (or a unique prefix of one), make that key the default: every
command that takes --key uses it when --key is not given. Without one, print
the key commands use by default: the default key, else the only key.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			kr, err := e.keyring()
			if err != nil {
				return err
			}
			if len(args) == 0 {
				addr, err := kr.Resolve("")
				if err != nil {
					return err
				}
				fmt.Fprintln(e.stdout, addr.Hex())
				return nil
			}
			addr, err := kr.Resolve(args[0])
			if err != nil {
				return err
			}
			if err := kr.SetDefault(addr); err != nil {
				return err
			}
			fmt.Fprintln(e.stdout, addr.Hex())
			return nil
		},
	}

	cmd.AddCommand(newCmd, list, importCmd, exportCmd, defaultCmd)
	return cmd
}
