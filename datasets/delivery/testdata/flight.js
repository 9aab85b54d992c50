// A Flight client that is not Go: @grpc/grpc-js with Arrow's Flight.proto
// (the descriptor set the Go test writes from the Arrow module's own
// registry). Usage: node flight.js ADDR DESCRIPTORS.pb TICKET...
// It lists the flights of the tickets, describes each by its path, reads
// the first by its endpoint's ticket, and prints what it saw as JSON.
const path = require('path');
const fs = require('fs');
const npm = path.join(__dirname, '..', '..', '..', 'tools', 'npm', 'node_modules');
const grpc = require(path.join(npm, '@grpc', 'grpc-js'));
const loader = require(path.join(npm, '@grpc', 'proto-loader'));

const [addr, descriptors, ...tickets] = process.argv.slice(2);
const def = loader.loadFileDescriptorSetFromBuffer(fs.readFileSync(descriptors), { keepCase: true, longs: String, defaults: true });
const FlightService = grpc.loadPackageDefinition(def).arrow.flight.protocol.FlightService;
const client = new FlightService(addr, grpc.credentials.createInsecure());

function bearer(...ts) {
  const md = new grpc.Metadata();
  for (const t of ts) md.add('authorization', 'Bearer ' + t);
  return md;
}

function list(md, expression) {
  return new Promise((resolve, reject) => {
    const infos = [];
    const call = client.ListFlights({ expression: Buffer.from(expression) }, md);
    call.on('data', (info) => infos.push(info));
    call.on('error', reject);
    call.on('end', () => resolve(infos));
  });
}

function info(descriptor, md) {
  return new Promise((resolve, reject) =>
    client.GetFlightInfo(descriptor, md, (err, res) => (err ? reject(err) : resolve(res))));
}

function get(ticket) {
  return new Promise((resolve, reject) => {
    let messages = 0, bodyBytes = 0;
    const call = client.DoGet({ ticket });
    call.on('data', (d) => { messages++; bodyBytes += d.data_body.length; });
    call.on('error', reject);
    call.on('end', () => resolve({ messages, bodyBytes }));
  });
}

(async () => {
  const out = {};
  // One ticket as metadata (gRPC allows one authorization value), the rest
  // in the criteria.
  const listed = await list(bearer(tickets[0]), tickets.slice(1).join('\n'));
  out.listed = listed.map((i) => ({ path: i.flight_descriptor.path, schemaBytes: i.schema.length, endpoints: i.endpoint.length,
    totalRecords: i.total_records, expires: i.endpoint[0].expiration_time ? i.endpoint[0].expiration_time.seconds : null }));
  out.byCriteria = (await list(new grpc.Metadata(), tickets.join('\n'))).length;
  const described = await info({ type: 'PATH', path: listed[0].flight_descriptor.path }, bearer(tickets[0]));
  out.describedPath = described.flight_descriptor.path;
  out.sameSchema = Buffer.compare(described.schema, listed[0].schema) === 0;
  out.read = await get(described.endpoint[0].ticket.ticket);
  try {
    await list(bearer('forged'), '');
    out.forged = 'accepted';
  } catch (e) {
    out.forged = grpc.status[e.code];
  }
  console.log(JSON.stringify(out));
  client.close();
})().catch((e) => { console.error(e.message || e); process.exit(1); });
