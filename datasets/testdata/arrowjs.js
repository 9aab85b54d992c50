// Reads an Arrow IPC file with Apache Arrow's JavaScript library (the
// reader pyarrow's and DuckDB's users meet in the browser) and prints its
// shape and first row as JSON:  node arrowjs.js FILE.arrow
const fs = require("fs");
const path = require("path");
const arrow = require(path.join(__dirname, "..", "..", "tools", "npm", "node_modules", "apache-arrow"));

const table = arrow.tableFromIPC(fs.readFileSync(process.argv[2]));
const first = table.get(0);
const row = {};
for (const f of table.schema.fields) {
  const v = first[f.name];
  row[f.name] = v === null ? null : String(v);
}
console.log(JSON.stringify({
  rows: table.numRows,
  columns: table.schema.fields.map((f) => f.name),
  types: table.schema.fields.map((f) => String(f.type)),
  first: row,
}));
