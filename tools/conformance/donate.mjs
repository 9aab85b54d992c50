#!/usr/bin/env node
// Wallet-library conformance for donations: takes what a desci server
// gives, as dApps do and with each library unmodified, and gives it back.
// Libraries: ethers v6, viem 2 and MetaMask's @metamask/eth-sig-util
// (tools/npm; npm ci --prefix tools/npm).
//
//   node tools/conformance/donate.mjs gasless CONFIG.json
//     For each library (ethers, viem, eth-sig-util): donationToSign's two
//     typed data (the Donation and the token's permit) signed with
//     eth_signTypedData_v4, then relayDonation: the donor pays no gas.
//   node tools/conformance/donate.mjs refund CONFIG.json
//     refundToSign's typed data signed with each library (the signatures
//     are deterministic, RFC 6979: all three must be the same), then
//     relayRefund with each library's in turn until one is taken (the
//     rest would be replays).
//   node tools/conformance/donate.mjs send CONFIG.json
//     prepareDonate's transactions (approval, donation), each object as the
//     API returns it, sent by the donor's wallet to the chain's JSON-RPC
//     (viem walletClient.sendTransaction with a local account, and with an
//     EIP-1193 browser wallet that gets eth_sendTransaction; ethers
//     Wallet.sendTransaction) and signed by the wallet then sent through
//     the API's sendTransaction
//     (viem account.signTransaction, ethers Wallet.signTransaction).
//
// CONFIG: {"url": ".../graphql", "rpc": ".../rpc", "chainId": 1337,
// "token": "SESSION", "key": "0x...", "grant": 1, "round": 1 (or 0),
// "amount": "1000000"}: the session is the key's. Prints one JSON result
// per step ({library, how, hash, accepted}); exits 1 on the first
// refusal, naming it.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, "..", "npm", "package.json"));
const ethers = require("ethers");
const viem = require("viem");
const { privateKeyToAccount } = require("viem/accounts");
const sigUtil = require("@metamask/eth-sig-util");

const [mode, file] = process.argv.slice(2);
const config = JSON.parse(fs.readFileSync(file, "utf8"));

async function gql(query, variables) {
  const res = await fetch(config.url, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: "Bearer " + config.token },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  if (body.errors?.length) {
    const op = query.split("{")[1].trim().split("(")[0];
    throw new Error(`${op}: ${body.errors[0].message} (${JSON.stringify(body.errors[0].extensions)})`);
  }
  return body.data;
}

// eth_signTypedData_v4 as each library offers it, given the typed data
// exactly as the API returned it.
const signers = {
  ethers: (td) => {
    // ethers takes the types without EIP712Domain (it derives it).
    const { EIP712Domain, ...types } = td.types;
    return new ethers.Wallet(config.key).signTypedData(td.domain, types, td.message);
  },
  viem: (td) => privateKeyToAccount(config.key).signTypedData(td),
  "eth-sig-util": async (td) =>
    sigUtil.signTypedData({
      privateKey: Buffer.from(config.key.slice(2), "hex"),
      data: td,
      version: sigUtil.SignTypedDataVersion.V4,
    }),
};

const round = config.round ? `, round: ${config.round}` : "";

async function gasless() {
  for (const [library, sign] of Object.entries(signers)) {
    const { donationToSign: d } = await gql(
      `mutation { donationToSign(grant: ${config.grant}${round}, amount: "${config.amount}") { donation permit text } }`,
    );
    const signature = await sign(d.donation);
    const permitSignature = await sign(d.permit);
    const { relayDonation: r } = await gql(
      `mutation($d: JSON!, $s: String!, $p: String) { relayDonation(donation: $d, donationSignature: $s, permitSignature: $p) {
        accepted text transaction { hash success } } }`,
      { d: d.donation, s: signature, p: permitSignature },
    );
    if (!r.transaction.success) throw new Error(`${library}: the relayed donation failed`);
    console.log(JSON.stringify({ library, how: "signTypedData", hash: r.transaction.hash, accepted: r.accepted, text: r.text }));
  }
}

async function refund() {
  const { refundToSign: q } = await gql(`mutation { refundToSign(grant: ${config.grant}) { refund amount text } }`);
  const sigs = {};
  for (const [library, sign] of Object.entries(signers)) sigs[library] = (await sign(q.refund)).toLowerCase();
  if (new Set(Object.values(sigs)).size !== 1) throw new Error(`the libraries sign the refund differently: ${JSON.stringify(sigs)}`);
  const { relayRefund: r } = await gql(
    `mutation($q: JSON!, $s: String!) { relayRefund(refund: $q, refundSignature: $s) { refunded text transaction { hash success } } }`,
    { q: q.refund, s: sigs["eth-sig-util"] },
  );
  if (!r.transaction.success) throw new Error("the relayed refund failed");
  console.log(JSON.stringify({ library: Object.keys(sigs).join("+"), how: "signTypedData", hash: r.transaction.hash, accepted: r.refunded, text: r.text }));
}

// The fragment both libraries take unmodified (no type: each infers
// EIP-1559 from the fee fields; viem reads gas, ethers gasLimit).
const unsigned = "from to data value chainId nonce gas gasLimit maxFeePerGas maxPriorityFeePerGas";

async function prepared() {
  const { prepareDonate } = await gql(`mutation { prepareDonate(grant: ${config.grant}, amount: "${config.amount}") { ${unsigned} } }`);
  return prepareDonate;
}

async function send() {
  const chain = viem.defineChain({
    id: config.chainId,
    name: "desci",
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [config.rpc] } },
  });
  const account = privateKeyToAccount(config.key);
  const walletClient = viem.createWalletClient({ account, chain, transport: viem.http(config.rpc) });
  const publicClient = viem.createPublicClient({ chain, transport: viem.http(config.rpc) });
  const provider = new ethers.JsonRpcProvider(config.rpc, config.chainId, { staticNetwork: true });
  const wallet = new ethers.Wallet(config.key, provider);
  const senders = {
    // The wallet sends to the chain's JSON-RPC (/rpc), as in a browser.
    "viem sendTransaction": async (tx) => {
      const hash = await walletClient.sendTransaction(tx);
      const r = await publicClient.waitForTransactionReceipt({ hash });
      if (r.status !== "success") throw new Error(`viem: ${hash} reverted`);
      return hash;
    },
    "ethers sendTransaction": async (tx) => {
      const resp = await wallet.sendTransaction(tx);
      const r = await resp.wait();
      if (r.status !== 1) throw new Error(`ethers: ${resp.hash} reverted`);
      return resp.hash;
    },
    // A browser wallet behind EIP-1193, as a dApp reaches it: viem turns
    // the object into eth_sendTransaction's JSON-RPC request; the wallet
    // (here ethers, with the key) signs that and sends it to /rpc.
    "viem eip1193": async (tx) => {
      const injected = viem.createWalletClient({ account: account.address, chain, transport: viem.custom(browserWallet(provider)) });
      const hash = await injected.sendTransaction(tx);
      const r = await publicClient.waitForTransactionReceipt({ hash });
      if (r.status !== "success") throw new Error(`eip1193: ${hash} reverted`);
      return hash;
    },
    // The wallet signs; the API sends (sendTransaction mutation).
    "viem signTransaction": async (tx) => relay(await account.signTransaction(tx)),
    "ethers signTransaction": async (tx) => relay(await new ethers.Wallet(config.key).signTransaction(tx)),
  };
  for (const [how, sendOne] of Object.entries(senders)) {
    for (const tx of await prepared()) {
      const hash = await sendOne(tx);
      console.log(JSON.stringify({ library: how.split(" ")[0], how: how.split(" ")[1], hash }));
    }
  }
}

// browserWallet is an EIP-1193 provider as an injected wallet is one: it
// answers eth_sendTransaction by signing the request it is given, as
// JSON-RPC has it, and sending it to the chain; the rest goes to /rpc.
function browserWallet(provider) {
  const wallet = new ethers.Wallet(config.key, provider);
  return {
    request: async ({ method, params }) => {
      if (method === "eth_sendTransaction") {
        const { from, ...tx } = params[0];
        if (from.toLowerCase() !== wallet.address.toLowerCase()) throw new Error(`the wallet is ${wallet.address}, not ${from}`);
        return (await wallet.sendTransaction(tx)).hash;
      }
      if (method === "eth_accounts" || method === "eth_requestAccounts") return [wallet.address];
      return provider.send(method, params ?? []);
    },
  };
}

async function relay(signed) {
  const { sendTransaction: r } = await gql(`mutation($s: String!) { sendTransaction(signed: $s) { hash success revertReason } }`, { s: signed });
  if (!r.success) throw new Error(`sendTransaction: ${r.revertReason}`);
  return r.hash;
}

({ gasless, send, refund }[mode] ?? (() => Promise.reject(new Error("mode is gasless, send or refund"))))().catch((e) => {
  console.error(e.shortMessage || e.message);
  process.exit(1);
});
