#!/usr/bin/env node
// Wallet-library conformance for sign-in, consent and revocation: signs,
// as dApps do and with each library unmodified, what a desci server gives
// and submits it there. Libraries: ethers v6, viem 2 and MetaMask's
// @metamask/eth-sig-util (tools/npm; npm ci --prefix tools/npm). For each
// patient of the config:
//
//   1. siweNonce, an EIP-4361 message (viem's createSiweMessage), signed
//      with personal_sign, signIn;
//   2. consentToSign's typed data, signed with eth_signTypedData_v4,
//      submitConsent (as JSON, or as a string for "string": true);
//   3. revocationToSign's, signed and submitted the same way.
//
//   node tools/conformance/signin-consent.mjs CONFIG.json
//
// CONFIG: {"url": "http://127.0.0.1:8080/graphql", "domain": "host[:port]",
// "uri": "https://host", "chainId": 1337, "study": "trial-42",
// "patients": [{"library": "ethers"|"viem"|"eth-sig-util", "key": "0x..",
// "subject": "S1", "compact": false, "string": false}]}. Each subject must
// be enrolled to its key's address. Prints one JSON result per patient:
// {library, address, consent, revocation} (the documents' hashes); exits 1
// on the first refusal, naming it.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, "..", "npm", "package.json"));
const ethers = require("ethers");
const { privateKeyToAccount } = require("viem/accounts");
const { createSiweMessage } = require("viem/siwe");
const { parseSignature, signatureToCompactSignature, serializeCompactSignature } = require("viem");
const sigUtil = require("@metamask/eth-sig-util");

const config = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));

async function gql(token, query, variables) {
  const res = await fetch(config.url, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...(token ? { Authorization: "Bearer " + token } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  if (body.errors?.length) throw new Error(`${query.split("{")[1].trim().split("(")[0]}: ${body.errors[0].message}`);
  return body.data;
}

// A wallet of each library: its address, personal_sign and
// eth_signTypedData_v4, as a dApp calls them.
function wallet(library, key) {
  switch (library) {
    case "ethers": {
      const w = new ethers.Wallet(key);
      return {
        address: w.address,
        personalSign: (message) => w.signMessage(message),
        // ethers takes the types without EIP712Domain (it derives it).
        signTypedData: (td) => {
          const { EIP712Domain, ...types } = td.types;
          return w.signTypedData(td.domain, types, td.message);
        },
      };
    }
    case "viem": {
      const a = privateKeyToAccount(key);
      return {
        address: a.address,
        personalSign: (message) => a.signMessage({ message }),
        signTypedData: (td) => a.signTypedData(td),
      };
    }
    case "eth-sig-util": {
      const privateKey = Buffer.from(key.slice(2), "hex");
      return {
        address: ethers.computeAddress(key), // eth-sig-util signs; it has no address helper of its own
        personalSign: async (message) => sigUtil.personalSign({ privateKey, data: message }),
        signTypedData: async (td) => sigUtil.signTypedData({ privateKey, data: td, version: sigUtil.SignTypedDataVersion.V4 }),
      };
    }
  }
  throw new Error(`unknown library ${library}`);
}

// compact turns a 65-byte signature into EIP-2098's 64 bytes (viem).
const compact = (sig) => serializeCompactSignature(signatureToCompactSignature(parseSignature(sig)));

async function patient(p) {
  const w = wallet(p.library, p.key);
  const sign = async (f, x) => (p.compact ? compact(await f(x)) : f(x));
  const { siweNonce } = await gql("", "mutation { siweNonce }");
  const message = createSiweMessage({
    domain: config.domain, address: w.address, statement: "Sign in to desci.", uri: config.uri, version: "1",
    chainId: config.chainId, nonce: siweNonce, issuedAt: new Date(), expirationTime: new Date(Date.now() + 3600e3),
  });
  const { signIn } = await gql("", "mutation($m: String!, $s: String!) { signIn(message: $m, signature: $s) { token address } }",
    { m: message, s: await sign(w.personalSign, message) });
  if (signIn.address !== w.address) throw new Error(`signed in as ${signIn.address}, not ${w.address}`);
  const submit = async (td) => {
    const doc = { typedData: td, signature: await sign(w.signTypedData, td) };
    const d = p.string
      ? await gql(signIn.token, "mutation($d: String!) { submitConsent(document: $d) { hash kind signer } }", { d: JSON.stringify(doc) })
      : await gql(signIn.token, "mutation($d: JSON!) { submitConsent(signed: $d) { hash kind signer } }", { d: doc });
    if (d.submitConsent.signer !== w.address) throw new Error(`recorded signer ${d.submitConsent.signer}, not ${w.address}`);
    return d.submitConsent;
  };
  const vars = { st: config.study, s: p.subject };
  const { consentToSign } = await gql(signIn.token,
    `query($st: String!, $s: String!) { consentToSign(study: $st, subject: $s, uses: ["HMB"], modifiers: ["NPU"], validUntil: "2040-01-01") }`, vars);
  const consent = await submit(consentToSign);
  const { revocationToSign } = await gql(signIn.token, "query($st: String!, $s: String!) { revocationToSign(study: $st, subject: $s) }", vars);
  const revocation = await submit(revocationToSign);
  if (consent.kind !== "consent" || revocation.kind !== "revocation") throw new Error(`recorded ${consent.kind} and ${revocation.kind}`);
  return { library: p.library, address: w.address, compact: !!p.compact, consent: consent.hash, revocation: revocation.hash };
}

const results = [];
for (const p of config.patients) {
  try {
    results.push(await patient(p));
  } catch (e) {
    console.error(`${p.library}${p.compact ? " (compact)" : ""}: ${e.message}`);
    process.exit(1);
  }
}
process.stdout.write(JSON.stringify(results) + "\n");
