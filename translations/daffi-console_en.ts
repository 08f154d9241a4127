<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>PayloadDecoder</name>
    <message>
        <source>(not kept: frames larger than 64 kB are counted but not retained)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(empty payload)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not valid JSON (%1):
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not valid msgpack (%1):
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pickle opcodes (listed, never executed):
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text:
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bytes (%1):
</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>daffi::ui::CallHistory</name>
    <message>
        <source>Double-click to load this call into the composer</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>daffi::ui::CallRunner</name>
    <message>
        <source>ok from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 raised %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected yet: the console&apos;s client has not joined the router. Check the status bar, fix the listen address if it shows a problem, and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a function to call.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The arguments must be a JSON array, e.g. [1, 2] or [&quot;text&quot;]%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keyword arguments must be a JSON object, e.g. {&quot;name&quot;: &quot;value&quot;}, or empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot encode the call as %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 goes to one receiver; use cast to reach several.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sent to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(rpc_nowait: no answer expected)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no member exposes this function</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n target(s) answered</source>
        <translation>
            <numerusform>%1 of %n target answered</numerusform>
            <numerusform>%1 of %n targets answered</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>sent to %n target(s)</source>
        <translation>
            <numerusform>sent to %n target</numerusform>
            <numerusform>sent to %n targets</numerusform>
        </translation>
    </message>
    <message>
        <source>A capture file is open: there is no router to send to. Host the embedded router or join one (Router menu); the composed call stays here.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>daffi::ui::CaptureSession</name>
    <message>
        <source>%1 joined from %2 (%3) as a caller</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 joined from %2 (%3), exposing %n function(s)</source>
        <translation>
            <numerusform>%1 joined from %2 (%3), exposing %n function</numerusform>
            <numerusform>%1 joined from %2 (%3), exposing %n functions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 now exposes %n function(s)</source>
        <translation>
            <numerusform>%1 now exposes %n function</numerusform>
            <numerusform>%1 now exposes %n functions</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 left: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connection from %1 closed before joining: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>refused %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Opened %1: %n call(s)</source>
        <translation>
            <numerusform>Opened %1: %n call</numerusform>
            <numerusform>Opened %1: %n calls</numerusform>
        </translation>
    </message>
    <message>
        <source> from %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, recorded by %1 %2 on %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The recorder dropped %n record(s) because writing could not keep up; the file says when.</source>
        <translation>
            <numerusform>The recorder dropped %n record because writing could not keep up; the file says when.</numerusform>
            <numerusform>The recorder dropped %n records because writing could not keep up; the file says when.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot open the capture: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Capture %1: %n call(s)</source>
        <translation>
            <numerusform>Capture %1: %n call</numerusform>
            <numerusform>Capture %1: %n calls</numerusform>
        </translation>
    </message>
    <message>
        <source>, %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>daffi::ui::ComposerPane</name>
    <message>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>function name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>round-robin (cast: every member exposing it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave empty for round-robin (rpc) or every member exposing the function (cast). For cast, several names may be separated by commas.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[1, 2]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{&quot;name&quot;: &quot;value&quot;} (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Function</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Receiver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serde</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>St&amp;yle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Arguments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keyword args</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Timeout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the call (Ctrl+Return)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy as Python</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy as JavaScript</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The result or error appears here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 round trip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit as a new call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget the recorded bytes and write the arguments as JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recorded %1 payload (%2): it is sent again byte for byte; the arguments below are shown, not edited.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loaded call %1 (%2 → %3): press Send to call it again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>daffi::ui::ConnectHint</name>
    <message>
        <source>A worker in Python (pip install daffi):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Then call it from Python:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Or from a browser page with daffi.js:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The router is listening on %1 and nothing has joined it yet. Start a worker and it appears here; these programs connect to this router as they are.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>daffi::ui::ConsoleController</name>
    <message>
        <source>&quot;%1&quot; is not an address to join: %2. Use host:port, tcp://host:port, tls://host:port or unix:///path.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is empty</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>daffi::ui::EventText</name>
    <message>
        <source>%1 joined from %2 (%3) as a caller</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 joined from %2 (%3), exposing %n function(s)</source>
        <translation>
            <numerusform>%1 joined from %2 (%3), exposing %n function</numerusform>
            <numerusform>%1 joined from %2 (%3), exposing %n functions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 now exposes %n function(s)</source>
        <translation>
            <numerusform>%1 now exposes %n function</numerusform>
            <numerusform>%1 now exposes %n functions</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 left: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connection from %1 closed before joining: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>refused %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n membership event(s) passed too fast to list; the Members pane shows the present.</source>
        <translation>
            <numerusform>%n membership event passed too fast to list; the Members pane shows the present.</numerusform>
            <numerusform>%n membership events passed too fast to list; the Members pane shows the present.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>daffi::ui::EventsModel</name>
    <message numerus="yes">
        <source>%Ln member(s) joined in %1 s</source>
        <translation>
            <numerusform>%Ln member joined in %1 s</numerusform>
            <numerusform>%Ln members joined in %1 s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln member(s) left in %1 s</source>
        <translation>
            <numerusform>%Ln member left in %1 s</numerusform>
            <numerusform>%Ln members left in %1 s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln connection(s) closed or refused before joining in %1 s</source>
        <translation>
            <numerusform>%Ln connection closed or refused before joining in %1 s</numerusform>
            <numerusform>%Ln connections closed or refused before joining in %1 s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Expand to see each event. The oldest %Ln are no longer listed.</source>
        <translation>
            <numerusform>Expand to see each event. The oldest is no longer listed.</numerusform>
            <numerusform>Expand to see each event. The oldest %Ln are no longer listed.</numerusform>
        </translation>
    </message>
    <message>
        <source>Expand to see each event.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>daffi::ui::FileField</name>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>daffi::ui::FilterEdit</name>
    <message>
        <source>Filter: a word, or an expression such as function == &quot;add&quot; and latency &gt; 5ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows whose caller, receiver, function or status contain this text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A filter expression: only the calls it matches are shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fields: %1. Join comparisons with and, or, not and parentheses.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>daffi::ui::FunctionsModel</name>
    <message>
        <source>%1: no answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 answers, p50 %3, p90 %4, p99 %5, max %6</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>last minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>last 15 minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request forwarded to answer forwarded, as the router sees it, over the last minute (a percentile is the top of its histogram bucket: at most 6.25 % above the true value)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Function / provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Providers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calls/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeouts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In flight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>p50 (1 min)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>p99 (1 min)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (slowest)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (gone)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The slowest of the providers of %1 in the last minute (highest p99)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>daffi::ui::FunctionsPane</name>
    <message>
        <source>Filter by function or provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency is request to answer as the router sees it, over the last minute. Of a function that several providers served, the one with the highest p99 is marked slowest.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>daffi::ui::HostedSession</name>
    <message>
        <source>The router cannot use TLS: %1 Fix the certificate or key in Router ▸ Listen settings, or clear both to listen without TLS.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The router cannot listen: %1. Choose another address or port in Router ▸ Listen settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 joined from %2 (%3), exposing %n function(s)</source>
        <translation type="vanished">
            <numerusform>%1 joined from %2 (%3), exposing %n function</numerusform>
            <numerusform>%1 joined from %2 (%3), exposing %n functions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 now exposes %n function(s)</source>
        <translation type="vanished">
            <numerusform>%1 now exposes %n function</numerusform>
            <numerusform>%1 now exposes %n functions</numerusform>
        </translation>
    </message>
    <message>
        <source>Recording to %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>daffi::ui::JoinDialog</name>
    <message>
        <source>Monitor token file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA of the monitor&apos;s certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client certificate&apos;s key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join a remote router or service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>host:port, tcp://, tls:// or unix:///path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional: http(s)://host:8222, daffi-router&apos;s --monitor-port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>if the monitor has --monitor-token-file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>https: the system&apos;s CAs unless given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>if the monitor has --monitor-tls-ca</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Monitor URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Token file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;CA certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client c&amp;ertificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client &amp;key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With the router&apos;s monitor the console shows every member&apos;s counters, all calls with their payloads, rates and latency. Without it, it sees who is a member and what they expose, and the calls it makes itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>daffi::ui::ListenDialog</name>
    <message>
        <source>PEM files (*.pem *.crt *.key);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Router listen settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>127.0.0.1 accepts local peers only; 0.0.0.0 accepts peers from the network.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any free port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional, e.g. /tmp/daffi.sock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional: serve TLS and wss:// only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Unix socket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS &amp;certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS &amp;key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS private key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Metrics port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members stay connected only if the address and port stay the same; changing them restarts the listener.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serve the monitor API (JSON, live feed, Prometheus /metrics) on 127.0.0.1 at this port; another console joins it with --monitor http://127.0.0.1:port</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>daffi::ui::MainWindow</name>
    <message>
        <source>daffi console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Traffic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Rates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T&amp;opology</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listen settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call composer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Router</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Listen settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Host the embedded router</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Join a remote router or service…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About daffi console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About daffi console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;daffi console %1&lt;/h3&gt;&lt;p&gt;Hosts or joins a daffi router and shows its members, calls and rates live; fires calls by hand.&lt;/p&gt;&lt;p&gt;Wire compatible with daffi 3.0.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Router listening on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · metrics at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>router :%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Router not listening (%1:%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Joined %1 as an observer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>daffi console — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n member</numerusform>
            <numerusform>%n members</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 messages/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F&amp;unctions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · monitor %1 live</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · connecting to the monitor %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · monitor %1 lost, reconnecting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · no monitor: membership only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>daffi captures (*.dcap);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open capture…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open capture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save shown calls…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save shown calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Record to file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record to file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;top recording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>capture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>● Recording to %1 · %2 records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · %1 dropped</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n call(s) saved from %1</source>
        <translation>
            <numerusform>%n call saved from %1</numerusform>
            <numerusform>%n calls saved from %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n call(s) saved from %1 (%2)</source>
        <translation>
            <numerusform>%n call saved from %1 (%2)</numerusform>
            <numerusform>%n calls saved from %1 (%2)</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot save the calls: %1. Choose another file or folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Saved %n call(s) to %1</source>
        <translation>
            <numerusform>Saved %n call to %1</numerusform>
            <numerusform>Saved %n calls to %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Recording needs the embedded router: choose Router ▸ Host the embedded router first (or record on the remote router with daffi-router --capture).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>daffi::ui::MembersModel</name>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transport</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected since</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Functions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calls in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calls out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bytes in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bytes out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In flight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last activity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (this console)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>left %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(caller only)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>daffi::ui::MembersPane</name>
    <message>
        <source>Show recently disconnected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter members by name, address or function</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%L1 of %Ln shown</source>
        <translation>
            <numerusform>%L1 of %Ln shown</numerusform>
            <numerusform>%L1 of %Ln shown</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>daffi::ui::MonitorAccess</name>
    <message>
        <source>&quot;%1&quot; is not a monitor address. Give the URL daffi-router prints as &quot;monitor at&quot;, e.g. http://127.0.0.1:8222 or https://host:8222.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the monitor token file %1: %2. Give the file the router reads with --monitor-token-file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The monitor token file %1 must hold one token on one line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The monitor&apos;s TLS settings are not usable: %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>daffi::ui::MonitorFeedClient</name>
    <message>
        <source>no message for %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no hello within %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 answered GET /api/v1/router, but not as a daffi monitor (%2) does. Give the address daffi-router prints as &quot;monitor at&quot; (its --monitor-port), not the router&apos;s own port.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The live feed from the monitor at %1 ended (%2). The console reconnects by itself and resumes where it stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The monitor at %1 answered, but its live feed could not be opened (%2); the console keeps trying.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a feed message that is not a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The router behind %1 restarted: it is a new instance, its counters and sequence numbers started again. The console follows it from its restart; what the old one did after the last batch is not known.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconnected to the monitor at %1; the feed resumes where it stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected to the monitor at %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The monitor at %1 is not connected; the payload can be fetched once it is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The monitor at %1 refused the console: %2 Give the console the router&apos;s token file (--monitor-token-file) or a client certificate its CA signed (--monitor-cert and --monitor-key), on the command line or in Router ▸ Join a remote router or service…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 does not look like a daffi monitor: GET %2 answered %3 %4. Give the address daffi-router prints as &quot;monitor at&quot; (its --monitor-port), not the router&apos;s own port.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing listens at %1 (connection refused). Start the router with --monitor-port, or correct the monitor address; the console keeps trying.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The host of %1 is not known (%2). Correct the monitor address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The monitor at %1 did not answer in time. Check the address and any firewall in between; the console keeps trying.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The TLS handshake with the monitor at %1 failed (%2). If its certificate comes from a CA of your own, give that CA with --monitor-ca; if the monitor requires a client certificate, give --monitor-cert and --monitor-key (also in Router ▸ Join a remote router or service…).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The monitor at %1 closed the connection without an HTTP answer (%2). If it serves TLS, use https://; check that the port is daffi-router&apos;s --monitor-port.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot reach the monitor at %1: %2. The console keeps trying.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>daffi::ui::MonitorMirror</name>
    <message>
        <source>The router&apos;s rings moved on before the feed could send %1 call(s), %2 answer(s) and %3 event(s) (while the console was away or behind); they are not listed, but the counters and rates include them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The router restarted after this call; its payload went with the old instance.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This router does not serve call payloads; start it with --monitor-payloads to see them here (payloads are the users&apos; data, so they are off beyond 127.0.0.1 by default).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The router did not keep this call&apos;s payload: frames over 64 KiB are counted, not kept.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>daffi::ui::RateStore</name>
    <message>
        <source>member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>function</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>flow</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>daffi::ui::RatesModel</name>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bytes/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peak</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 2 minutes</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>daffi::ui::RatesPane</name>
    <message>
        <source>Messages per second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bytes per second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Functions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flows and streams</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A flow is one caller sending one function to one receiver; a stream shows as a flow.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n minute</numerusform>
            <numerusform>%n minutes</numerusform>
        </translation>
    </message>
    <message>
        <source>Filter by name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all frames</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>daffi::ui::RemoteSession</name>
    <message>
        <source>joined %1 (a %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lost the connection to %1; reconnecting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>another node took this console&apos;s name on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 joined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was evicted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot join %1: %2 Check the address, or start the router there first; the console keeps retrying.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Joined %1 without its monitor, so the console sees only who is a member and what they expose, plus the calls it makes itself. To see every call, the counters, rates and latency, start that router with --monitor-port 8222 and join with --monitor http://%2:8222 (or in Router ▸ Join a remote router or service…).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>daffi::ui::Session</name>
    <message>
        <source>This session has no payloads to fetch.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>daffi::ui::TopologyGraph</name>
    <message>
        <source>router</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>+%1 more</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n more member(s) not drawn; see the tree</source>
        <translation type="vanished">
            <numerusform>%n more member not drawn; see the tree</numerusform>
            <numerusform>%n more members not drawn; see the tree</numerusform>
        </translation>
    </message>
    <message>
        <source>No members yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>p99 %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>+%Ln more</source>
        <translation>
            <numerusform>+%Ln more</numerusform>
            <numerusform>+%Ln more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln member(s)</source>
        <translation>
            <numerusform>%Ln member</numerusform>
            <numerusform>%Ln members</numerusform>
        </translation>
    </message>
    <message>
        <source>in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expand “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Collapse “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Collapse all groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln member(s) in groups: double-click one to expand it</source>
        <translation>
            <numerusform>%Ln member in groups: double-click one to expand it</numerusform>
            <numerusform>%Ln members in groups: double-click one to expand it</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>daffi::ui::TopologyIndex</name>
    <message>
        <source>callers (no functions)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n smaller group(s)</source>
        <translation>
            <numerusform>%n smaller group</numerusform>
            <numerusform>%n smaller groups</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>daffi::ui::TopologyPane</name>
    <message numerus="yes">
        <source>%n function(s)</source>
        <translation type="vanished">
            <numerusform>%n function</numerusform>
            <numerusform>%n functions</numerusform>
        </translation>
    </message>
    <message>
        <source>Colour spokes by p99 latency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Function set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name prefix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How the graph groups members when there are more than %1 of them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find a member (Enter: next match)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No member matches “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Green at 1 ms and below, red at 100 ms and above: each provider&apos;s highest p99 over the last minute, from the Functions tab (a group: its slowest member)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>daffi::ui::TopologyTreeModel</name>
    <message>
        <source>Member / function</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln member(s)</source>
        <translation>
            <numerusform>%Ln member</numerusform>
            <numerusform>%Ln members</numerusform>
        </translation>
    </message>
    <message>
        <source>Functions</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln function(s)</source>
        <translation>
            <numerusform>%Ln function</numerusform>
            <numerusform>%Ln functions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n function(s)</source>
        <translation>
            <numerusform>%n function</numerusform>
            <numerusform>%n functions</numerusform>
        </translation>
    </message>
    <message>
        <source>caller only</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>exposed by %Ln member(s)</source>
        <translation>
            <numerusform>exposed by %Ln member</numerusform>
            <numerusform>exposed by %Ln members</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>daffi::ui::TrafficModel</name>
    <message>
        <source>pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ok</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nowait</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rpc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rpc: the caller waits for the answer (rpc, cast, stream). nowait: it does not (rpc_nowait, cast_nowait, stream_nowait). A cast is one row per target.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Caller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receiver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Function</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Style</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serde</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>daffi::ui::TrafficPane</name>
    <message>
        <source>Problems only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop taking new rows so the table holds still (the router keeps counting)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the newest call in view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a call to see its payloads decoded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 calls shown (newest %2 kept)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · %1 passed by too fast to list (all are counted in Rates)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 → %2   %3   %4 · %5 · uuid %6</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, answered in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>── Request (%1) ──</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>── Error (%1) ──</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>── Reply (%1) ──</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(fetching it from the router&apos;s monitor…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send &amp;again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load this call into the composer: function, receiver, serde and arguments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the calls containing &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>filter: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>problems only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send again &amp;to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no other member exposes %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(the request&apos;s bytes were not kept: it cannot be sent again)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · the filter is not applied: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>daffi::ui::format</name>
    <message>
        <source>now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h ago</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
