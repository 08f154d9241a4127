// The shared frame of the example pages: a URL field, Connect/Disconnect, one button per action
// and a log. Each page calls example({ title, wsUrl, actions, onConnected }).
// ?ws=URL overrides the server; ?autorun=1 connects and runs every action once (the tests use it),
// then sets <body data-done="ok"> (or "fail") and leaves results in window.exampleResults.
'use strict';

function example(cfg) {
    const params = new URLSearchParams(location.search);
    const $ = (id) => document.getElementById(id);
    document.body.insertAdjacentHTML('beforeend', `
      <div class="card">
        <label>WebSocket URL of the ${cfg.server || 'router'}</label><br>
        <input type="text" id="wsUrl" value="${params.get('ws') || cfg.wsUrl}">
        <button id="connect">Connect</button><button id="disconnect" disabled>Disconnect</button>
      </div>
      <div class="card" id="actions"></div>
      <div class="card"><div id="log"></div></div>`);
    const show = (v) => (v instanceof Uint8Array ? `Uint8Array [${Array.from(v).join(', ')}]` : JSON.stringify(v));
    const log = (text, cls = '') => {
        const line = document.createElement('div');
        line.className = cls;
        line.textContent = text;
        $('log').appendChild(line);
        $('log').scrollTop = $('log').scrollHeight;
    };
    window.exampleResults = {};
    let client = null, conn = null;
    const buttons = [];
    const setConnected = (on) => {
        $('connect').disabled = on;
        $('disconnect').disabled = !on;
        buttons.forEach((b) => { b.disabled = !on; });
    };

    async function run(label, fn) {
        log(`→ ${label}`);
        try {
            const value = await fn(conn, log);
            window.exampleResults[label] = value === undefined ? null : value;
            log(`← ${show(value)}`, 'ok');
            return true;
        } catch (e) {
            window.exampleResults[label] = { error: e.name, message: e.message };
            log(`✗ ${e.name}: ${e.message}`, 'err');
            return !!(cfg.expectErrors && cfg.expectErrors.includes(label));
        }
    }

    for (const [label, fn] of Object.entries(cfg.actions)) {
        const b = document.createElement('button');
        b.textContent = label;
        b.disabled = true;
        b.onclick = () => run(label, fn);
        $('actions').appendChild(b);
        buttons.push(b);
    }

    async function connect() {
        const url = $('wsUrl').value;
        log(`connecting to ${url} …`, 'inf');
        client = new DaffiClient(cfg.name || undefined, { wsUrl: url, autoreconnect: true, reconnectDelay: 1000 });
        client.addEventHandler((e) => log(`event: ${e.member} ${e.type}`, 'inf'));
        client.addStateHandler((s) => { if (s.state !== 'connecting') log(`link: ${s.state}${s.delay ? ` (next try in ${s.delay} ms)` : ''}`, 'inf'); });
        conn = await client.connect();
        log(`connected as "${client.name}" to a ${client.serverType}; members: ${conn.members().map((m) => m.name).join(', ')}`, 'ok');
        setConnected(true);
        if (cfg.onConnected) await cfg.onConnected(conn, log);
    }

    $('connect').onclick = () => connect().catch((e) => log(`connect failed: ${e.message}`, 'err'));
    $('disconnect').onclick = () => { client.stop(); setConnected(false); log('disconnected', 'inf'); };

    if (params.get('autorun')) {
        (async () => {
            let ok = true;
            try {
                await connect();
                for (const [label, fn] of Object.entries(cfg.actions)) ok = (await run(label, fn)) && ok;
            } catch (e) {
                log(`autorun failed: ${e.message}`, 'err');
                ok = false;
            }
            document.body.dataset.done = ok ? 'ok' : 'fail';
        })();
    }
}
