// Package notebooks makes Jupyter notebooks research objects: a method
// with a content address, runs that are notarized like any manifest, and
// reproductions a reviewer can sign.
//
// # Identity
//
// A notebook (nbformat 4) has two CIDs, both CIDv1 dag-cbor sha2-256
// blocks the store can hold (doc/notebooks.md specifies them, with
// vectors in testdata/canonical-vectors.json):
//
//   - The method CID hashes what the notebook does: its language and, for
//     every cell in order, the cell type, the source (lines joined, line
//     endings as LF), the tags and any attachments. Outputs, execution
//     counts, cell ids, the kernel's name, widget state and all other
//     metadata are left out, so saving, re-running or reformatting the
//     JSON keeps the method CID, and editing any cell changes it.
//   - The outputs CID hashes what the code cells showed: streams (merged
//     per stream, as timing splits them arbitrarily), display data and
//     results by MIME type, and errors by name and value.
//
// # Runs
//
// Run fetches the inputs from the store by CID into a scratch directory,
// injects a code cell that defines inputs (name -> relative path) and
// params (name -> string), after the cell tagged parameters if there is
// one (papermill's convention) or else first, executes the notebook with jupyter
// nbconvert --execute, and notarizes a manifest of kind run
// (notary.KindRun): the method, the notebook, the inputs, the
// parameters, the environment (kernel, Python, nbconvert and the versions
// of the packages the notebook imported), the executed notebook and every
// file the run wrote. The injected cells are removed from the executed
// notebook, so it has the method CID of the notebook that was run. A run
// that fails is written to the run log (Options.Log) and not notarized.
//
// # Sandbox
//
// The notebook is a stranger's code, so nbconvert and its kernel run
// under bubblewrap: no network, an empty environment, a file system of
// /usr, a few files of /etc, the scratch directory and the inputs
// read-only, an unprivileged uid, and rlimits on memory, processes and
// file size, with a wall-time limit on the whole run. Where that cannot be
// set up, execution is refused (ErrNoSandbox) unless
// Options.UnsafeNoSandbox says to run without it. A notebook may declare
// the format of each input in its metadata; an input in another format is
// refused before anything runs. The scratch directory, which holds copies
// of the inputs, is removed on every path out, and the next run sweeps
// those of a desci killed outright.
//
// # Reproduction
//
// Reproduce executes a run's notebook again on the same inputs and
// parameters and compares every output: the cells' outputs and the files
// written, exactly or, with a tolerance, numbers in text and tables
// within it. Attest signs the verdict as a manifest of kind attestation
// (notary.KindAttestation) that links the run; both are anchored like any
// manifest.
package notebooks
