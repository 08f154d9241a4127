<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>PayloadDecoder</name>
    <message>
        <source>(not kept: frames larger than 64 kB are counted but not retained)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>(empty payload)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Not valid JSON (%1):
</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Not valid msgpack (%1):
</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Pickle opcodes (listed, never executed):
</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Text:
</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Bytes (%1):
</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>daffi::ui::CallHistory</name>
    <message>
        <source>Double-click to load this call into the composer</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>daffi::ui::CallRunner</name>
    <message>
        <source>ok from %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 raised %2: %3</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Not connected yet: the console's client has not joined the router. Check the status bar, fix the listen address if it shows a problem, and try again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Choose a function to call.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The arguments must be a JSON array, e.g. [1, 2] or ["text"]%1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The keyword arguments must be a JSON object, e.g. {"name": "value"}, or empty.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cannot encode the call as %1: %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 goes to one receiver; use cast to reach several.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>sent to %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>(rpc_nowait: no answer expected)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>no member exposes this function</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>sent</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%1 of %n target(s) answered</source>
        <translation><numerusform>%1 of %n target answered</numerusform><numerusform>%1 of %n targets answered</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>sent to %n target(s)</source>
        <translation><numerusform>sent to %n target</numerusform><numerusform>sent to %n targets</numerusform></translation>
    </message>
</context>
<context>
    <name>daffi::ui::ComposerPane</name>
    <message>
        <source>Send</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>function name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>round-robin (cast: every member exposing it)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Leave empty for round-robin (rpc) or every member exposing the function (cast). For cast, several names may be separated by commas.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>[1, 2]</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{"name": "value"} (optional)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Function</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Receiver</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Serde</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>St&amp;yle</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Arguments</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Keyword args</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Timeout</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Send the call (Ctrl+Return)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Copy as Python</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Copy as JavaScript</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The result or error appears here.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Clear history</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>History</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Calling…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 round trip</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>daffi::ui::ConsoleController</name>
    <message>
        <source>"%1" is not an address to join: %2. Use host:port, tcp://host:port, tls://host:port or unix:///path.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>it is empty</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>daffi::ui::EventsModel</name>
    <message numerus="yes">
        <source>%Ln member(s) joined in %1 s</source>
        <translation><numerusform>%Ln member joined in %1 s</numerusform><numerusform>%Ln members joined in %1 s</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%Ln member(s) left in %1 s</source>
        <translation><numerusform>%Ln member left in %1 s</numerusform><numerusform>%Ln members left in %1 s</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%Ln connection(s) closed or refused before joining in %1 s</source>
        <translation><numerusform>%Ln connection closed or refused before joining in %1 s</numerusform><numerusform>%Ln connections closed or refused before joining in %1 s</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Expand to see each event. The oldest %Ln are no longer listed.</source>
        <translation><numerusform>Expand to see each event. The oldest is no longer listed.</numerusform><numerusform>Expand to see each event. The oldest %Ln are no longer listed.</numerusform></translation>
    </message>
    <message>
        <source>Expand to see each event.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>daffi::ui::HostedSession</name>
    <message numerus="yes">
        <source>%1 joined from %2 (%3), exposing %n function(s)</source>
        <translation><numerusform>%1 joined from %2 (%3), exposing %n function</numerusform><numerusform>%1 joined from %2 (%3), exposing %n functions</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%1 now exposes %n function(s)</source>
        <translation><numerusform>%1 now exposes %n function</numerusform><numerusform>%1 now exposes %n functions</numerusform></translation>
    </message>
    <message>
        <source>%1 left: %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>connection from %1 closed before joining: %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>refused %1: %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The router cannot use TLS: %1 Fix the certificate or key in Router ▸ Listen settings, or clear both to listen without TLS.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The router cannot listen: %1. Choose another address or port in Router ▸ Listen settings.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 joined from %2 (%3) as a caller</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>daffi::ui::ListenDialog</name>
    <message>
        <source>Browse…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>PEM files (*.pem *.crt *.key);;All files (*)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Router listen settings</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>127.0.0.1 accepts local peers only; 0.0.0.0 accepts peers from the network.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>any free port</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>optional, e.g. /tmp/daffi.sock</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>optional: serve TLS and wss:// only</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>off</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Serve Prometheus metrics at http://address:port/metrics</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Address</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Port</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Unix socket</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>TLS &amp;certificate</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>TLS certificate</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>TLS &amp;key</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>TLS private key</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Metrics port</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Members stay connected only if the address and port stay the same; changing them restarts the listener.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Listen</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>daffi::ui::MainWindow</name>
    <message>
        <source>daffi console</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Members</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Traffic</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Rates</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>T&amp;opology</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Listen settings…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Dismiss</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Call composer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Events</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Router</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Listen settings…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Host the embedded router</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Join a remote router or service…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;About daffi console</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>About daffi console</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&lt;h3&gt;daffi console %1&lt;/h3&gt;&lt;p&gt;Hosts or joins a daffi router and shows its members, calls and rates live; fires calls by hand.&lt;/p&gt;&lt;p&gt;Wire compatible with daffi 3.0.&lt;/p&gt;</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Starting…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Router listening on %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source> · metrics at %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>router :%1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Router not listening (%1:%2)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Joined %1 as an observer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>daffi console — %1</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n member(s)</source>
        <translation><numerusform>%n member</numerusform><numerusform>%n members</numerusform></translation>
    </message>
    <message>
        <source>%1 messages/s</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Join a remote router or service</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Address (host:port, tcp://, tls:// or unix:///path):</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>daffi::ui::MembersModel</name>
    <message>
        <source>Name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Transport</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Connected since</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Functions</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Calls in</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Calls out</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Errors</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Bytes in</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Bytes out</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>In flight</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Last activity</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source> (this console)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>left %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>connected</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>(caller only)</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>daffi::ui::MembersPane</name>
    <message>
        <source>Show recently disconnected</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Filter members by name, address or function</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%L1 of %Ln shown</source>
        <translation><numerusform>%L1 of %Ln shown</numerusform><numerusform>%L1 of %Ln shown</numerusform></translation>
    </message>
</context>
<context>
    <name>daffi::ui::RateStore</name>
    <message>
        <source>member</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>function</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>flow</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>daffi::ui::RatesModel</name>
    <message>
        <source>Kind</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Requests/s</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Bytes/s</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Peak</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Last 2 minutes</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>daffi::ui::RatesPane</name>
    <message>
        <source>Messages per second</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Bytes per second</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Functions</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Members</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Flows and streams</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>All</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>A flow is one caller sending one function to one receiver; a stream shows as a flow.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation><numerusform>%n minute</numerusform><numerusform>%n minutes</numerusform></translation>
    </message>
    <message>
        <source>Filter by name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Show</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>History</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>all frames</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>daffi::ui::RemoteSession</name>
    <message>
        <source>joined %1 (a %2)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>lost the connection to %1; reconnecting</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>another node took this console's name on %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 joined</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 was evicted</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 left</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cannot join %1: %2 Check the address, or start the router there first; the console keeps retrying.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>daffi::ui::TopologyGraph</name>
    <message>
        <source>router</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>+%1 more</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No members yet</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>+%Ln more</source>
        <translation><numerusform>+%Ln more</numerusform><numerusform>+%Ln more</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%Ln member(s)</source>
        <translation><numerusform>%Ln member</numerusform><numerusform>%Ln members</numerusform></translation>
    </message>
    <message>
        <source>in %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Expand “%1”</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Collapse “%1”</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Collapse all groups</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%Ln member(s) in groups: double-click one to expand it</source>
        <translation><numerusform>%Ln member in groups: double-click one to expand it</numerusform><numerusform>%Ln members in groups: double-click one to expand it</numerusform></translation>
    </message>
</context>
<context>
    <name>daffi::ui::TopologyIndex</name>
    <message>
        <source>callers (no functions)</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n smaller group(s)</source>
        <translation><numerusform>%n smaller group</numerusform><numerusform>%n smaller groups</numerusform></translation>
    </message>
</context>
<context>
    <name>daffi::ui::TopologyPane</name>
    <message>
        <source>Function set</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Name prefix</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>How the graph groups members when there are more than %1 of them</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Find a member (Enter: next match)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Group by</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No member matches “%1”</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>daffi::ui::TopologyTreeModel</name>
    <message>
        <source>Member / function</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Members</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%Ln member(s)</source>
        <translation><numerusform>%Ln member</numerusform><numerusform>%Ln members</numerusform></translation>
    </message>
    <message>
        <source>Functions</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%Ln function(s)</source>
        <translation><numerusform>%Ln function</numerusform><numerusform>%Ln functions</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n function(s)</source>
        <translation><numerusform>%n function</numerusform><numerusform>%n functions</numerusform></translation>
    </message>
    <message>
        <source>caller only</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>exposed by %Ln member(s)</source>
        <translation><numerusform>exposed by %Ln member</numerusform><numerusform>exposed by %Ln members</numerusform></translation>
    </message>
</context>
<context>
    <name>daffi::ui::TrafficModel</name>
    <message>
        <source>pending</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>ok</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>error</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>refused</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>sent</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>lost</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>nowait</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>rpc</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>rpc: the caller waits for the answer (rpc, cast, stream). nowait: it does not (rpc_nowait, cast_nowait, stream_nowait). A cast is one row per target.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Caller</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Receiver</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Function</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Style</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Serde</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Latency</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>daffi::ui::TrafficPane</name>
    <message>
        <source>Problems only</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Filter by caller, receiver, function or status</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Stop taking new rows so the table holds still (the router keeps counting)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Follow</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Keep the newest call in view</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Select a call to see its payloads decoded.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 calls shown (newest %2 kept)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source> · %1 passed by too fast to list (all are counted in Rates)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source> · paused</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 → %2   %3   %4 · %5 · uuid %6</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 at %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>, answered in %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>── Request (%1) ──</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>── Error (%1) ──</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>── Reply (%1) ──</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>daffi::ui::format</name>
    <message>
        <source>now</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 s ago</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 min ago</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 h ago</source>
        <translation type="unfinished" />
    </message>
</context>
</TS>
