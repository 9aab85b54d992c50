package notary

import "errors"

// Sentinel errors that callers branch on.
var (
	ErrUnknownProfile = errors.New("notary: unknown import profile")
	ErrNotFound       = errors.New("notary: not found")
	ErrNotManifest    = errors.New("notary: not a manifest")
	ErrBadSignature   = errors.New("notary: manifest signature does not match its signer")
	ErrInvalid        = errors.New("notary: invalid manifest")
	ErrExists         = errors.New("notary: output already exists")
)
