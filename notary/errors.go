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
	ErrSealed         = errors.New("notary: content is sealed (encrypted at rest)")
	ErrNotRecipient   = errors.New("notary: none of the given keys can decrypt this content")
	ErrCorrupt        = errors.New("notary: content does not match its CID")
)
