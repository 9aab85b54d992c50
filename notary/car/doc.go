// Package car reads and writes CARv1 files, the format of
// `ipfs dag export` and `ipfs dag import`
// (https://ipld.io/specs/transport/car/carv1/).
//
// The reader is strict because a CAR comes from strangers: it checks the
// header, bounds every length before allocating, and re-hashes every block
// against its CID.
package car
