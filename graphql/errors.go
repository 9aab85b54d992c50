package graphql

import (
	"context"
	"errors"

	"github.com/desci-platform/desci/datasets"
	"github.com/desci-platform/desci/datasets/delivery"
	"github.com/desci-platform/desci/keys"
	"github.com/desci-platform/desci/notary"
	"github.com/desci-platform/desci/policies"
)

// The stable codes every error carries in extensions.code. Clients branch
// on these, never on messages.
const (
	CodeUnauthenticated = "UNAUTHENTICATED"
	CodeForbidden       = "FORBIDDEN"
	CodeBadUserInput    = "BAD_USER_INPUT"
	CodeNotFound        = "NOT_FOUND"
	CodeUnavailable     = "UNAVAILABLE"
	CodeInternal        = "INTERNAL" // a resolver panicked; the message says nothing more
)

// Error is a GraphQL error with a code. graphql-go copies Extensions
// into the response.
type Error struct {
	Code string
	Err  error
	// Next, if set, is extensions.next: a machine-readable next step for
	// a person ("GET_TOKENS", "SIGN_AGAIN"; see grantsNext).
	Next string
}

func (e *Error) Error() string { return e.Err.Error() }
func (e *Error) Unwrap() error { return e.Err }

// Extensions implements gqlerrors.ExtendedError.
func (e *Error) Extensions() map[string]any {
	if e.Next != "" {
		return map[string]any{"code": e.Code, "next": e.Next}
	}
	return map[string]any{"code": e.Code}
}

func coded(code string, err error) *Error { return &Error{Code: code, Err: err} }

var (
	errUnauthenticated = errors.New("sign in first (mutation signIn)")
	errUnavailable     = errors.New("not available on this server")
	errTimedOut        = errors.New("request timed out or was cancelled")
)

// classify maps the domain packages' sentinel errors to codes: the only
// place they meet GraphQL.
func classify(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	code := CodeUnavailable // a store, index or chain that failed under us
	switch {
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled):
		code = CodeUnavailable
	case errors.Is(err, notary.ErrNotFound), errors.Is(err, notary.ErrNotInReceipt),
		errors.Is(err, policies.ErrUnknownConsent), errors.Is(err, keys.ErrUnknown):
		code = CodeNotFound
	case errors.Is(err, errBusy):
		code = CodeUnavailable
	case errors.Is(err, ErrSIWE):
		code = CodeUnauthenticated
	case errors.Is(err, policies.ErrWrongSigner), errors.Is(err, policies.ErrColumnDenied),
		errors.Is(err, delivery.ErrBadTicket), errors.Is(err, delivery.ErrExpiredTicket):
		code = CodeForbidden
	case errors.Is(err, notary.ErrNotManifest), errors.Is(err, notary.ErrInvalid), errors.Is(err, notary.ErrBadSignature),
		errors.Is(err, notary.ErrUnknownProfile), errors.Is(err, notary.ErrBadReceipt),
		errors.Is(err, policies.ErrInvalidConsent), errors.Is(err, policies.ErrBadSignature),
		errors.Is(err, policies.ErrNotEnrolled), errors.Is(err, policies.ErrWrongChain), errors.Is(err, policies.ErrWrongDeployment),
		errors.Is(err, policies.ErrReplay), errors.Is(err, policies.ErrExpired),
		errors.Is(err, policies.ErrNotInForce), errors.Is(err, policies.ErrBadRequest),
		errors.Is(err, datasets.ErrImpossibleK), errors.Is(err, datasets.ErrNothingAllowed), errors.Is(err, datasets.ErrNotRaw),
		errors.Is(err, datasets.ErrNotExtract), errors.Is(err, datasets.ErrDictionary), errors.Is(err, delivery.ErrNotExtract):
		code = CodeBadUserInput
	case errors.Is(err, notary.ErrSealed), errors.Is(err, notary.ErrNotRecipient):
		code = CodeForbidden
	}
	return coded(code, err)
}
