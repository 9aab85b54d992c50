// Package policies decides, by policy, which subjects' rows an extract
// may hold. A policy is a bundle of Rego (OPA v1) modules and data whose
// rule data.desci.consent.decision answers, for one subject's consent and
// one request, allow or deny and why. The default bundle, embedded,
// implements GA4GH Data Use Ontology (DUO) matching; institutions load
// their own.
//
// Enforcement is exact and fast: Compile finds which consent fields the
// policy reads, and a Decider evaluates the policy once per distinct
// profile of those fields instead of once per row, which gives the same
// decisions because the policy cannot tell consents of one profile apart.
// A policy that reads the consent by a computed key gets no sharing: every
// consent is evaluated (Policy.Exact reports which).
//
// A Registry keeps the signed consents, enrollments, extracts' subjects,
// the access log and the notice outbox in a Storage: a bbolt file by
// default, or a PostgreSQL database that replicas share (OpenPostgres).
package policies
