# The default consent policy: GA4GH Data Use Ontology (DUO) matching.
#
# Input, one decision per consent:
#   input.request: the extract request, the same for every row
#     purpose          "research" (any research), "hmb" (health, medical or
#                      biomedical), "disease" (research on request.disease),
#                      "poa" (population origins or ancestry)
#     disease_lineage  request.disease and every ancestor of it in MONDO
#     time             Unix seconds of the request
#     requester, nonprofit, commercial, irb, publish, collaborators,
#     region, project, institution, return_results, methods_development,
#     genetic, publication_date: what the modifiers ask about
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

covers.GRU if input.request.purpose in {"research", "hmb", "disease", "poa"}

covers.HMB if input.request.purpose in {"hmb", "disease"}

covers.POA if input.request.purpose == "poa"

# DS-X covers X and the diseases under X, never a broader or another one.
covers.DS if {
	input.request.purpose == "disease"
	some d in input.consent.diseases
	d in input.request.disease_lineage
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

unmet.GS contains "outside the permitted region" if not input.request.region == input.consent.region

unmet.TS contains "past the consent's time limit" if not input.request.time <= input.consent.ts_end

unmet.PS contains "not the permitted project" if not input.request.project == input.consent.project

unmet.IS contains "not the permitted institution" if not input.request.institution == input.consent.institution

unmet.RTN contains "the requester does not commit to return results" if not input.request.return_results == true

unmet.NMDS contains "methods development is excluded" if not input.request.methods_development == false

unmet.GSO contains "only genetic studies are permitted" if not input.request.genetic == true

unmet.MOR contains "publication before the moratorium ends" if not input.request.publication_date >= input.consent.mor_date

unmet.NPOA contains "population origins or ancestry research is excluded" if input.request.purpose == "poa"

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
column_allowed(role) if role != "sensitive"

column_allowed("sensitive") if input.request.purpose in {p | some p in data.columns.sensitive_purposes}
