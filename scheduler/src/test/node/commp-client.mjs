// Submits a COMMP job of the given file's bytes to a filprover coordinator through
// filprover.v1.ProverService (loaded from the .proto files, no generated code), awaits it and
// prints one JSON line: {"job_id", "state", "comm_p", "cid", "padded_size", "created"}.
// Usage: node commp-client.mjs HOST:PORT PROTO_ROOT PIECE_FILE REQUEST_ID
import fs from 'node:fs';
import path from 'node:path';
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';

const [address, protoRoot, pieceFile, requestId] = process.argv.slice(2);
if (!address || !protoRoot || !pieceFile || !requestId) {
  console.error('usage: node commp-client.mjs HOST:PORT PROTO_ROOT PIECE_FILE REQUEST_ID');
  process.exit(2);
}
const definition = protoLoader.loadSync(path.join(protoRoot, 'filprover/v1/services.proto'), {
  includeDirs: [protoRoot], keepCase: true, longs: String, enums: String, defaults: true, oneofs: true,
});
const v1 = grpc.loadPackageDefinition(definition).filprover.v1;
const client = new v1.ProverService(address, grpc.credentials.createInsecure());

const call = (method, request) => new Promise((resolve, reject) =>
  client[method](request, (err, response) => (err ? reject(err) : resolve(response))));

try {
  const submitted = await call('Submit', {
    request: { request_id: requestId, commp: { data: fs.readFileSync(pieceFile) } },
  });
  const job = await call('Await', { job_id: submitted.job.job_id, timeout_ms: 120000 });
  const r = job.result && job.result.commp;
  console.log(JSON.stringify({
    job_id: job.job_id,
    state: job.state,
    created: submitted.created,
    comm_p: r ? Buffer.from(r.comm_p).toString('hex') : null,
    cid: r ? r.cid : null,
    padded_size: r ? r.padded_size : null,
  }));
  client.close();
} catch (e) {
  console.error(`${e.code ?? ''} ${e.details ?? e.message}`);
  client.close();
  process.exit(1);
}
