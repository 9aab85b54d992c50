// Signs each typed data of the file named by argv[2] as a dApp does with
// ethers v6 (tools/npm): signer.signTypedData(domain, types, message),
// the types without EIP712Domain, exactly as consentToSign returns them.
// Prints [{hash, signature}] as JSON.
const path = require("path");
const fs = require("fs");
const { Wallet, TypedDataEncoder } = require(path.resolve("tools/npm/node_modules/ethers"));

(async () => {
  const { key, typedData } = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
  const wallet = new Wallet(key);
  const out = [];
  for (const td of typedData) {
    const { EIP712Domain, ...types } = td.types;
    out.push({
      hash: TypedDataEncoder.hash(td.domain, types, td.message),
      signature: await wallet.signTypedData(td.domain, types, td.message),
    });
  }
  process.stdout.write(JSON.stringify(out));
})().catch((e) => { console.error(e.message); process.exit(1); });
