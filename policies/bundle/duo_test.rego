package desci.consent_test

import data.desci.consent
import rego.v1

base_consent := {
	"uses": ["HMB"], "diseases": [], "modifiers": [], "investigators": [],
	"valid_from": 100, "valid_until": 1000, "ts_end": 0, "mor_date": 0,
	"region": "", "project": "", "institution": "",
}

req(over) := object.union({"purpose": "hmb", "disease_lineages": [], "time": 500, "requester": "0xA"}, over)

con(over) := object.union(base_consent, over)

allowed(c, r) if consent.decision.allow with input as {"consent": c, "request": r}

reasons(c, r) := rs if {
	rs := consent.decision.reasons with input as {"consent": c, "request": r}
}

test_gru_covers_hmb_ds_poa if {
	every p in ["research", "hmb", "disease", "poa", "methods"] {
		allowed(con({"uses": ["GRU"]}), req({"purpose": p}))
	}
}

test_hmb_covers_disease_not_poa if {
	allowed(con({}), req({"purpose": "disease", "disease_lineages": [["MONDO:0005148", "MONDO:0005015"]]}))
	not allowed(con({}), req({"purpose": "poa"}))
	not allowed(con({}), req({"purpose": "research"}))
}

test_ds_covers_subtypes_only if {
	c := con({"uses": ["DS"], "diseases": ["MONDO:0005015"]}) # diabetes mellitus
	allowed(c, req({"purpose": "disease", "disease_lineages": [["MONDO:0005148", "MONDO:0005015"]]}))
	not allowed(c, req({"purpose": "disease", "disease_lineages": [["MONDO:0004992"]]})) # cancer
	not allowed(c, req({"purpose": "hmb"}))
	narrow := con({"uses": ["DS"], "diseases": ["MONDO:0005148"]}) # type 2 only
	not allowed(narrow, req({"purpose": "disease", "disease_lineages": [["MONDO:0005015"]]}))
}

# Every disease of a request must be covered: a consent for diabetes does
# not release rows for research on diabetes and cancer.
test_ds_covers_every_disease if {
	c := con({"uses": ["DS"], "diseases": ["MONDO:0005015"]})
	t2d := ["MONDO:0005148", "MONDO:0005015"]
	cancer := ["MONDO:0004992"]
	not allowed(c, req({"purpose": "disease", "disease_lineages": [t2d, cancer]}))
	not allowed(c, req({"purpose": "disease", "disease_lineages": [cancer, t2d]}))
	not allowed(c, req({"purpose": "disease", "disease_lineages": []}))
	both := con({"uses": ["DS"], "diseases": ["MONDO:0005015", "MONDO:0004992"]})
	allowed(both, req({"purpose": "disease", "disease_lineages": [t2d, cancer]}))
}

test_methods_development if {
	allowed(con({"uses": ["GRU"]}), req({"purpose": "methods", "methods_development": true}))
	allowed(con({"uses": ["NRES"]}), req({"purpose": "methods", "methods_development": true}))
	not allowed(con({}), req({"purpose": "methods", "methods_development": true})) # HMB
	not allowed(con({"uses": ["GRU"], "modifiers": ["NMDS"]}), req({"purpose": "methods", "methods_development": true}))
}

test_poa_only_poa if {
	allowed(con({"uses": ["POA"]}), req({"purpose": "poa"}))
	not allowed(con({"uses": ["POA"]}), req({"purpose": "hmb"}))
}

test_nres_covers_all if allowed(con({"uses": ["NRES"]}), req({"purpose": "poa"}))

test_npu_ncu if {
	c := con({"modifiers": ["NPUNCU"]})
	allowed(c, req({"nonprofit": true, "commercial": false}))
	not allowed(c, req({"nonprofit": true}))
	not allowed(c, req({"nonprofit": false, "commercial": false}))
	reasons(c, req({"nonprofit": true, "commercial": true})) == ["modifier NPUNCU: the use is not shown to be non-commercial"]
}

test_irb_pub_rtn_gso if {
	c := con({"modifiers": ["IRB", "PUB", "RTN", "GSO"]})
	allowed(c, req({"irb": "IRB-2026-17", "publish": true, "return_results": true, "genetic": true}))
	count(reasons(c, req({}))) == 4
}

test_col_and_us if {
	c := con({"modifiers": ["COL", "US"], "investigators": ["0xA", "0xB"]})
	allowed(c, req({"collaborators": ["0xB"]}))
	not allowed(c, req({"collaborators": ["0xC"]}))
	not allowed(c, req({"requester": "0xC", "collaborators": ["0xB"]}))
}

test_gs_ps_is if {
	c := con({"modifiers": ["GS", "PS", "IS"], "region": "EU", "project": "P1", "institution": "Uni"})
	allowed(c, req({"region": "EU", "project": "P1", "institution": "Uni"}))
	not allowed(c, req({"project": "P1", "institution": "Uni"})) # no region given
}

test_gs_regions if {
	eu := con({"modifiers": ["GS"], "region": "EU"})
	allowed(eu, req({"region": "DE"}))
	allowed(eu, req({"region": "de"}))
	allowed(eu, req({"region": "eu"}))
	not allowed(eu, req({"region": "US"}))
	not allowed(eu, req({"region": "NO"})) # EEA, not EU
	not allowed(eu, req({"region": "EEA"})) # wider than the consent's
	eea := con({"modifiers": ["GS"], "region": "eea"})
	allowed(eea, req({"region": "NO"}))
	allowed(eea, req({"region": "EU"}))
	de := con({"modifiers": ["GS"], "region": "DE"})
	allowed(de, req({"region": "de"}))
	not allowed(de, req({"region": "EU"}))
	allowed(con({"modifiers": ["GS"], "region": "Europe"}), req({"region": "CH"}))
	allowed(con({"modifiers": ["GS"], "region": "world"}), req({"region": "JP"}))
	not allowed(eu, req({"region": ""}))
}

test_ts_mor_time if {
	c := con({"modifiers": ["TS", "MOR"], "ts_end": 600, "mor_date": 2000})
	allowed(c, req({"publication_date": 2000}))
	not allowed(c, req({"time": 700, "publication_date": 2000}))
	not allowed(c, req({"publication_date": 1999}))
}

test_validity if {
	not allowed(con({}), req({"time": 50}))
	reasons(con({}), req({"time": 5000})) == ["consent expired"]
}

test_nmds_npoa if {
	c := con({"uses": ["GRU"], "modifiers": ["NMDS", "NPOA"]})
	allowed(c, req({"methods_development": false}))
	not allowed(c, req({"methods_development": true}))
	not allowed(c, req({"purpose": "poa", "methods_development": false}))
}

test_sensitive_columns if {
	consent.column_allowed("sensitive") with input as {"request": req({"purpose": "disease"})}
	consent.column_allowed("sensitive") with input as {"request": req({"purpose": "research"})} # GRU as HMB
	not consent.column_allowed("sensitive") with input as {"request": req({"purpose": "poa"})}
	consent.column_allowed("plain") with input as {"request": req({"purpose": "poa"})}
}
