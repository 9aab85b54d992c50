#!/usr/bin/env node
// Compiles one Solidity contract with the pinned solc-js from tools/npm and
// writes NAME.abi and NAME.bin beside each other for abigen. Imports resolve
// to tools/npm/node_modules (OpenZeppelin).
//
//   node scripts/solc.js SOURCE.sol CONTRACT OUTDIR
const fs = require("fs");
const path = require("path");

const modules = path.join(__dirname, "..", "tools", "npm", "node_modules");
let solc;
try {
  solc = require(path.join(modules, "solc"));
} catch (e) {
  console.error("solc-js is not installed: run npm ci --prefix tools/npm");
  process.exit(1);
}

const [source, contract, outdir] = process.argv.slice(2);
if (!source || !contract || !outdir) {
  console.error("usage: solc.js SOURCE.sol CONTRACT OUTDIR");
  process.exit(2);
}
const name = path.basename(source);
const input = {
  language: "Solidity",
  sources: { [name]: { content: fs.readFileSync(source, "utf8") } },
  settings: {
    optimizer: { enabled: true, runs: 200 },
    evmVersion: "prague",
    // No metadata hash: the bytecode then depends only on the source and the
    // settings, so regenerating is reproducible anywhere.
    metadata: { bytecodeHash: "none" },
    outputSelection: { "*": { "*": ["abi", "evm.bytecode.object"] } },
  },
};
function findImports(p) {
  const full = path.join(modules, p);
  if (fs.existsSync(full)) return { contents: fs.readFileSync(full, "utf8") };
  return { error: "not found: " + p };
}
const out = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports }));
const errors = (out.errors || []).filter((e) => e.severity === "error");
for (const e of out.errors || []) console.error(e.formattedMessage);
if (errors.length) process.exit(1);
const c = out.contracts[name][contract];
if (!c) {
  console.error(`no contract ${contract} in ${source}`);
  process.exit(1);
}
fs.mkdirSync(outdir, { recursive: true });
fs.writeFileSync(path.join(outdir, contract + ".abi"), JSON.stringify(c.abi, null, 2) + "\n");
fs.writeFileSync(path.join(outdir, contract + ".bin"), c.evm.bytecode.object + "\n");
