# The default consent policy: GA4GH Data Use Ontology (DUO) matching.
#
# Input, one decision per consent:
#   input.request: the extract request, the same for every row
#     purpose          "research" (any research), "hmb" (health, medical or
#                      biomedical), "disease" (research on request.diseases),
#                      "poa" (population origins or ancestry), "methods"
#                      (methods development not tied to a disease)
#     diseases         the MONDO ids researched, for purpose disease
#     disease_lineages one list per disease: it and its ancestors in MONDO
#     time             Unix seconds of the request
#     requester, nonprofit, commercial, irb, publish, collaborators,
#     region, project, institution, return_results, methods_development,
#     genetic, publication_date: what the modifiers ask about; region is
#                      an ISO 3166-1 alpha-2 code or a name of data.regions
#   input.consent: the subject's consent in force (doc/consent.md)
#
# decision is {"allow": bool, "reasons": [why not, ...]}.
package desci.consent

import rego.v1

default decision := {"allow": false, "reasons": ["the policy reached no decision"]}

decision := {"allow": count(denials) == 0, "reasons": sort([r | some r in denials])}

denials contains "no permitted use covers the purpose" if not permitted

denials contains sprintf("modifier %s: %s", [m, why]) if {
	some m in input.consent.modifiers
	some why in unmet[m]
}

# Every check is written "not <what must hold>", so a missing attribute
# denies instead of passing as undefined.
denials contains "consent not yet valid" if not input.request.time >= input.consent.valid_from

denials contains "consent expired" if not input.request.time <= input.consent.valid_until

# Permissions: a consent may permit several uses; one covering the purpose suffices.
permitted if {
	some use in input.consent.uses
	covers[use]
}

covers.NRES := true

# GRU is any research, methods development included (as DUO defines it).
covers.GRU if input.request.purpose in {"research", "hmb", "disease", "poa", "methods"}

covers.HMB if input.request.purpose in {"hmb", "disease"}

covers.POA if input.request.purpose == "poa"

# DS-X covers X and the diseases under X, never a broader or another one.
# A request names one or more diseases: each must be covered, so a consent
# for one of them does not release the rows for research on all of them.
covers.DS if {
	input.request.purpose == "disease"
	count(input.request.disease_lineages) > 0
	every lineage in input.request.disease_lineages {
		some d in input.consent.diseases
		d in lineage
	}
}

# Modifiers: each names what the request must show.
unmet[m] contains "the requester is not shown to be a non-profit" if {
	some m in {"NPU", "NPUNCU"}
	not input.request.nonprofit == true
}

unmet[m] contains "the use is not shown to be non-commercial" if {
	some m in {"NCU", "NPUNCU"}
	not input.request.commercial == false
}

unmet.IRB contains "no ethics approval id" if not has_irb

unmet.PUB contains "the requester does not commit to publish" if not input.request.publish == true

unmet.COL contains "no collaboration with the named investigators" if {
	not collaborates
}

unmet.US contains "the requester is not a named user" if not named_user

unmet.GS contains "outside the permitted region" if not in_region

unmet.TS contains "past the consent's time limit" if not input.request.time <= input.consent.ts_end

unmet.PS contains "not the permitted project" if not input.request.project == input.consent.project

unmet.IS contains "not the permitted institution" if not input.request.institution == input.consent.institution

unmet.RTN contains "the requester does not commit to return results" if not input.request.return_results == true

unmet.NMDS contains "methods development is excluded" if not input.request.methods_development == false

unmet.GSO contains "only genetic studies are permitted" if not input.request.genetic == true

unmet.MOR contains "publication before the moratorium ends" if not input.request.publication_date >= input.consent.mor_date

unmet.NPOA contains "population origins or ancestry research is excluded" if input.request.purpose == "poa"

# GS: the request's region must lie within the consent's. A region is a
# country (ISO 3166-1 alpha-2) or a name in data.regions standing for its
# countries (EU, EEA, EUROPE, ...); codes are compared in upper case.
in_region if {
	is_string(input.request.region)
	input.request.region != ""
	count(countries(input.request.region) - countries(input.consent.region)) == 0
}

countries(r) := {c | some c in data.regions[upper(r)]} if data.regions[upper(r)]

countries(r) := {upper(r)} if not data.regions[upper(r)]

collaborates if {
	some c in input.request.collaborators
	c in {i | some i in input.consent.investigators}
}

named_user if {
	some u in input.consent.investigators
	u == input.request.requester
}

has_irb if {
	is_string(input.request.irb)
	input.request.irb != ""
}

# Columns: sensitive columns go only to purposes that allow them
# (data.columns.sensitive_purposes, overridable in a bundle's data.json).
# The default gives them to every purpose only consents that permit health
# research cover (research and methods: NRES and GRU; hmb; disease), and
# not to poa, which POA consents cover: they do not permit health research.
column_allowed(role) if role != "sensitive"

column_allowed("sensitive") if input.request.purpose in {p | some p in data.columns.sensitive_purposes}
