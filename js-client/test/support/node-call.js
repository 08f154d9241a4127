// node --experimental-websocket node-call.js WS_URL WORKER: one add(3, 4) through DaffiClient in
// Node (the e2e test runs it over wss:// with NODE_EXTRA_CA_CERTS); prints a JSON line, exit 0.
'use strict';
const DaffiClient = require('../../daffi.js');

async function main() {
    const [url, worker] = process.argv.slice(2);
    const c = new DaffiClient('node-caller', { wsUrl: url, connectTimeout: 5000, log: false });
    const conn = await c.connect();
    await conn.waitForMembers(worker, { timeout: 5000 });
    const sum = await conn.rpc({ timeout: 5000 }).add(3, 4);
    console.log(JSON.stringify({ sum, serverType: c.serverType }));
    c.stop();
}

main().then(() => process.exit(0), (e) => { console.error(e && e.message); process.exit(1); });
