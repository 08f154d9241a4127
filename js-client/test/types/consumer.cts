// The same package from CommonJS: require() gives the class itself, with the rest on it.
import DaffiClient = require('daffi-qt-client');

export async function fromCommonJs(): Promise<number> {
    const options: DaffiClient.ClientOptions = { wsUrl: 'ws://127.0.0.1:6000' };
    const client = new DaffiClient(options);
    const alsoTheClass = new DaffiClient.DaffiClient('n', options);
    const andTheDefault = new DaffiClient.default('m', options);
    alsoTheClass.stop();
    andTheDefault.stop();
    const conn: DaffiClient.Connection = await client.connect();
    const serde: DaffiClient.Serde = 'json';
    return conn.rpc<number>({ serde }).add(1, 2);
}
