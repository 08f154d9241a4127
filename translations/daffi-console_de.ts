<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>PayloadDecoder</name>
    <message>
        <source>(not kept: frames larger than 64 kB are counted but not retained)</source>
        <translation>(nicht aufbewahrt: Frames über 64 kB werden gezählt, aber nicht gespeichert)</translation>
    </message>
    <message>
        <source>(empty payload)</source>
        <translation>(leere Nutzdaten)</translation>
    </message>
    <message>
        <source>Not valid JSON (%1):
</source>
        <translation>Kein gültiges JSON (%1):
</translation>
    </message>
    <message>
        <source>Not valid msgpack (%1):
</source>
        <translation>Kein gültiges msgpack (%1):
</translation>
    </message>
    <message>
        <source>Pickle opcodes (listed, never executed):
</source>
        <translation>Pickle-Opcodes (nur aufgelistet, nie ausgeführt):
</translation>
    </message>
    <message>
        <source>Text:
</source>
        <translation>Text:
</translation>
    </message>
    <message>
        <source>Bytes (%1):
</source>
        <translation>Bytes (%1):
</translation>
    </message>
</context>
<context>
    <name>daffi::ui::CallHistory</name>
    <message>
        <source>Double-click to load this call into the composer</source>
        <translation>Doppelklick lädt diesen Aufruf in den Aufruf-Editor</translation>
    </message>
</context>
<context>
    <name>daffi::ui::CallRunner</name>
    <message>
        <source>ok from %1</source>
        <translation>ok von %1</translation>
    </message>
    <message>
        <source>%1 raised %2: %3</source>
        <translation>%1 meldet %2: %3</translation>
    </message>
    <message>
        <source>Not connected yet: the console's client has not joined the router. Check the status bar, fix the listen address if it shows a problem, and try again.</source>
        <translation>Noch nicht verbunden: Der Client der Konsole ist dem Router noch nicht beigetreten. Prüfen Sie die Statusleiste, korrigieren Sie bei einem Problem die Adresse und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Choose a function to call.</source>
        <translation>Wählen Sie eine Funktion aus.</translation>
    </message>
    <message>
        <source>The arguments must be a JSON array, e.g. [1, 2] or ["text"]%1</source>
        <translation>Die Argumente müssen ein JSON-Array sein, z. B. [1, 2] oder ["Text"]%1</translation>
    </message>
    <message>
        <source>The keyword arguments must be a JSON object, e.g. {"name": "value"}, or empty.</source>
        <translation>Die Schlüsselwort-Argumente müssen ein JSON-Objekt sein, z. B. {"name": "wert"}, oder leer bleiben.</translation>
    </message>
    <message>
        <source>Cannot encode the call as %1: %2</source>
        <translation>Der Aufruf lässt sich nicht als %1 kodieren: %2</translation>
    </message>
    <message>
        <source>%1 goes to one receiver; use cast to reach several.</source>
        <translation>%1 geht an genau einen Empfänger; für mehrere verwenden Sie cast.</translation>
    </message>
    <message>
        <source>sent to %1</source>
        <translation>gesendet an %1</translation>
    </message>
    <message>
        <source>(rpc_nowait: no answer expected)</source>
        <translation>(rpc_nowait: keine Antwort erwartet)</translation>
    </message>
    <message>
        <source>no member exposes this function</source>
        <translation>kein Mitglied bietet diese Funktion an</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>gesendet</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n target(s) answered</source>
        <translation><numerusform>%1 von %n Ziel antwortete</numerusform><numerusform>%1 von %n Zielen antworteten</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>sent to %n target(s)</source>
        <translation><numerusform>an %n Ziel gesendet</numerusform><numerusform>an %n Ziele gesendet</numerusform></translation>
    </message>
</context>
<context>
    <name>daffi::ui::ComposerPane</name>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>function name</source>
        <translation>Funktionsname</translation>
    </message>
    <message>
        <source>round-robin (cast: every member exposing it)</source>
        <translation>Round-Robin (cast: alle Anbieter)</translation>
    </message>
    <message>
        <source>Leave empty for round-robin (rpc) or every member exposing the function (cast). For cast, several names may be separated by commas.</source>
        <translation>Leer lassen für Round-Robin (rpc) bzw. alle Mitglieder, die die Funktion anbieten (cast). Für cast können mehrere Namen durch Kommas getrennt werden.</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keiner</translation>
    </message>
    <message>
        <source>[1, 2]</source>
        <translation>[1, 2]</translation>
    </message>
    <message>
        <source>{"name": "value"} (optional)</source>
        <translation>{"name": "wert"} (optional)</translation>
    </message>
    <message>
        <source>&amp;Function</source>
        <translation>&amp;Funktion</translation>
    </message>
    <message>
        <source>&amp;Receiver</source>
        <translation>&amp;Empfänger</translation>
    </message>
    <message>
        <source>Serde</source>
        <translation>Serde</translation>
    </message>
    <message>
        <source>St&amp;yle</source>
        <translation>A&amp;rt</translation>
    </message>
    <message>
        <source>&amp;Arguments</source>
        <translation>A&amp;rgumente</translation>
    </message>
    <message>
        <source>&amp;Keyword args</source>
        <translation>&amp;Schlüsselwörter</translation>
    </message>
    <message>
        <source>&amp;Timeout</source>
        <translation>&amp;Zeitlimit</translation>
    </message>
    <message>
        <source>Send the call (Ctrl+Return)</source>
        <translation>Aufruf senden (Strg+Eingabe)</translation>
    </message>
    <message>
        <source>Copy as Python</source>
        <translation>Als Python kopieren</translation>
    </message>
    <message>
        <source>Copy as JavaScript</source>
        <translation>Als JavaScript kopieren</translation>
    </message>
    <message>
        <source>The result or error appears here.</source>
        <translation>Hier erscheint das Ergebnis oder der Fehler.</translation>
    </message>
    <message>
        <source>Clear history</source>
        <translation>Verlauf leeren</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>Calling…</source>
        <translation>Rufe auf …</translation>
    </message>
    <message>
        <source>%1 round trip</source>
        <translation>%1 Umlaufzeit</translation>
    </message>
</context>
<context>
    <name>daffi::ui::ConsoleController</name>
    <message>
        <source>"%1" is not an address to join: %2. Use host:port, tcp://host:port, tls://host:port or unix:///path.</source>
        <translation>„%1“ ist keine Adresse zum Beitreten: %2. Verwenden Sie host:port, tcp://host:port, tls://host:port oder unix:///pfad.</translation>
    </message>
    <message>
        <source>it is empty</source>
        <translation>sie ist leer</translation>
    </message>
</context>
<context>
    <name>daffi::ui::EventsModel</name>
    <message numerus="yes">
        <source>%Ln member(s) joined in %1 s</source>
        <translation><numerusform>%Ln Mitglied ist in %1 s beigetreten</numerusform><numerusform>%Ln Mitglieder sind in %1 s beigetreten</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%Ln member(s) left in %1 s</source>
        <translation><numerusform>%Ln Mitglied hat sich in %1 s abgemeldet</numerusform><numerusform>%Ln Mitglieder haben sich in %1 s abgemeldet</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%Ln connection(s) closed or refused before joining in %1 s</source>
        <translation><numerusform>%Ln Verbindung in %1 s vor dem Beitritt geschlossen oder abgewiesen</numerusform><numerusform>%Ln Verbindungen in %1 s vor dem Beitritt geschlossen oder abgewiesen</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Expand to see each event. The oldest %Ln are no longer listed.</source>
        <translation><numerusform>Aufklappen, um jedes Ereignis zu sehen. Das älteste ist nicht mehr aufgeführt.</numerusform><numerusform>Aufklappen, um jedes Ereignis zu sehen. Die ältesten %Ln sind nicht mehr aufgeführt.</numerusform></translation>
    </message>
    <message>
        <source>Expand to see each event.</source>
        <translation>Aufklappen, um jedes Ereignis zu sehen.</translation>
    </message>
</context>
<context>
    <name>daffi::ui::HostedSession</name>
    <message numerus="yes">
        <source>%1 joined from %2 (%3), exposing %n function(s)</source>
        <translation><numerusform>%1 ist von %2 (%3) beigetreten und bietet %n Funktion an</numerusform><numerusform>%1 ist von %2 (%3) beigetreten und bietet %n Funktionen an</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%1 now exposes %n function(s)</source>
        <translation><numerusform>%1 bietet jetzt %n Funktion an</numerusform><numerusform>%1 bietet jetzt %n Funktionen an</numerusform></translation>
    </message>
    <message>
        <source>%1 left: %2</source>
        <translation>%1 hat das Netz verlassen: %2</translation>
    </message>
    <message>
        <source>connection from %1 closed before joining: %2</source>
        <translation>Verbindung von %1 vor dem Beitritt geschlossen: %2</translation>
    </message>
    <message>
        <source>refused %1: %2</source>
        <translation>%1 abgewiesen: %2</translation>
    </message>
    <message>
        <source>The router cannot use TLS: %1 Fix the certificate or key in Router ▸ Listen settings, or clear both to listen without TLS.</source>
        <translation>Der Router kann TLS nicht verwenden: %1 Korrigieren Sie Zertifikat oder Schlüssel unter Router ▸ Lausch-Einstellungen, oder leeren Sie beide, um ohne TLS zu lauschen.</translation>
    </message>
    <message>
        <source>The router cannot listen: %1. Choose another address or port in Router ▸ Listen settings.</source>
        <translation>Der Router kann nicht lauschen: %1. Wählen Sie unter Router ▸ Lausch-Einstellungen eine andere Adresse oder einen anderen Port.</translation>
    </message>
    <message>
        <source>%1 joined from %2 (%3) as a caller</source>
        <translation>%1 ist von %2 (%3) als Aufrufer beigetreten</translation>
    </message>
</context>
<context>
    <name>daffi::ui::ListenDialog</name>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen …</translation>
    </message>
    <message>
        <source>PEM files (*.pem *.crt *.key);;All files (*)</source>
        <translation>PEM-Dateien (*.pem *.crt *.key);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Router listen settings</source>
        <translation>Lausch-Einstellungen des Routers</translation>
    </message>
    <message>
        <source>127.0.0.1 accepts local peers only; 0.0.0.0 accepts peers from the network.</source>
        <translation>127.0.0.1 nimmt nur lokale Teilnehmer an; 0.0.0.0 auch Teilnehmer aus dem Netz.</translation>
    </message>
    <message>
        <source>any free port</source>
        <translation>beliebiger freier Port</translation>
    </message>
    <message>
        <source>optional, e.g. /tmp/daffi.sock</source>
        <translation>optional, z. B. /tmp/daffi.sock</translation>
    </message>
    <message>
        <source>optional: serve TLS and wss:// only</source>
        <translation>optional: nur TLS und wss:// anbieten</translation>
    </message>
    <message>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <source>Serve Prometheus metrics at http://address:port/metrics</source>
        <translation>Prometheus-Metriken unter http://adresse:port/metrics anbieten</translation>
    </message>
    <message>
        <source>&amp;Address</source>
        <translation>&amp;Adresse</translation>
    </message>
    <message>
        <source>&amp;Port</source>
        <translation>&amp;Port</translation>
    </message>
    <message>
        <source>&amp;Unix socket</source>
        <translation>&amp;Unix-Socket</translation>
    </message>
    <message>
        <source>TLS &amp;certificate</source>
        <translation>TLS-&amp;Zertifikat</translation>
    </message>
    <message>
        <source>TLS certificate</source>
        <translation>TLS-Zertifikat</translation>
    </message>
    <message>
        <source>TLS &amp;key</source>
        <translation>TLS-&amp;Schlüssel</translation>
    </message>
    <message>
        <source>TLS private key</source>
        <translation>Privater TLS-Schlüssel</translation>
    </message>
    <message>
        <source>&amp;Metrics port</source>
        <translation>&amp;Metrik-Port</translation>
    </message>
    <message>
        <source>Members stay connected only if the address and port stay the same; changing them restarts the listener.</source>
        <translation>Mitglieder bleiben nur verbunden, wenn Adresse und Port gleich bleiben; eine Änderung startet den Listener neu.</translation>
    </message>
    <message>
        <source>Listen</source>
        <translation>Lauschen</translation>
    </message>
</context>
<context>
    <name>daffi::ui::MainWindow</name>
    <message>
        <source>daffi console</source>
        <translation>daffi-Konsole</translation>
    </message>
    <message>
        <source>&amp;Members</source>
        <translation>&amp;Mitglieder</translation>
    </message>
    <message>
        <source>&amp;Traffic</source>
        <translation>&amp;Verkehr</translation>
    </message>
    <message>
        <source>&amp;Rates</source>
        <translation>&amp;Raten</translation>
    </message>
    <message>
        <source>T&amp;opology</source>
        <translation>T&amp;opologie</translation>
    </message>
    <message>
        <source>Listen settings…</source>
        <translation>Lausch-Einstellungen …</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Call composer</source>
        <translation>Aufruf-Editor</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Ereignisse</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Router</source>
        <translation>&amp;Router</translation>
    </message>
    <message>
        <source>&amp;Listen settings…</source>
        <translation>&amp;Lausch-Einstellungen …</translation>
    </message>
    <message>
        <source>&amp;Host the embedded router</source>
        <translation>Eingebetteten Router &amp;betreiben</translation>
    </message>
    <message>
        <source>&amp;Join a remote router or service…</source>
        <translation>Entferntem Router oder Dienst &amp;beitreten …</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About daffi console</source>
        <translation>&amp;Über die daffi-Konsole</translation>
    </message>
    <message>
        <source>About daffi console</source>
        <translation>Über die daffi-Konsole</translation>
    </message>
    <message>
        <source>&lt;h3&gt;daffi console %1&lt;/h3&gt;&lt;p&gt;Hosts or joins a daffi router and shows its members, calls and rates live; fires calls by hand.&lt;/p&gt;&lt;p&gt;Wire compatible with daffi 3.0.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;daffi-Konsole %1&lt;/h3&gt;&lt;p&gt;Betreibt einen daffi-Router oder tritt einem bei und zeigt Mitglieder, Aufrufe und Raten live; sendet Aufrufe von Hand.&lt;/p&gt;&lt;p&gt;Auf der Leitung kompatibel mit daffi 3.0.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Starte …</translation>
    </message>
    <message>
        <source>Router listening on %1</source>
        <translation>Router lauscht auf %1</translation>
    </message>
    <message>
        <source> · metrics at %1</source>
        <translation> · Metriken unter %1</translation>
    </message>
    <message>
        <source>router :%1</source>
        <translation>Router :%1</translation>
    </message>
    <message>
        <source>Router not listening (%1:%2)</source>
        <translation>Router lauscht nicht (%1:%2)</translation>
    </message>
    <message>
        <source>Joined %1 as an observer</source>
        <translation>%1 als Beobachter beigetreten</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Verbinde mit %1 …</translation>
    </message>
    <message>
        <source>daffi console — %1</source>
        <translation>daffi-Konsole — %1</translation>
    </message>
    <message numerus="yes">
        <source>%n member(s)</source>
        <translation><numerusform>%n Mitglied</numerusform><numerusform>%n Mitglieder</numerusform></translation>
    </message>
    <message>
        <source>%1 messages/s</source>
        <translation>%1 Nachrichten/s</translation>
    </message>
    <message>
        <source>Join a remote router or service</source>
        <translation>Entferntem Router oder Dienst beitreten</translation>
    </message>
    <message>
        <source>Address (host:port, tcp://, tls:// or unix:///path):</source>
        <translation>Adresse (host:port, tcp://, tls:// oder unix:///pfad):</translation>
    </message>
</context>
<context>
    <name>daffi::ui::MembersModel</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Transport</source>
        <translation>Transport</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Connected since</source>
        <translation>Verbunden seit</translation>
    </message>
    <message>
        <source>Functions</source>
        <translation>Funktionen</translation>
    </message>
    <message>
        <source>Calls in</source>
        <translation>Aufrufe ein</translation>
    </message>
    <message>
        <source>Calls out</source>
        <translation>Aufrufe aus</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Bytes in</source>
        <translation>Bytes ein</translation>
    </message>
    <message>
        <source>Bytes out</source>
        <translation>Bytes aus</translation>
    </message>
    <message>
        <source>In flight</source>
        <translation>Offen</translation>
    </message>
    <message>
        <source>Last activity</source>
        <translation>Zuletzt aktiv</translation>
    </message>
    <message>
        <source> (this console)</source>
        <translation> (diese Konsole)</translation>
    </message>
    <message>
        <source>left %1</source>
        <translation>gegangen %1</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>verbunden</translation>
    </message>
    <message>
        <source>(caller only)</source>
        <translation>(nur Aufrufer)</translation>
    </message>
</context>
<context>
    <name>daffi::ui::MembersPane</name>
    <message>
        <source>Show recently disconnected</source>
        <translation>Kürzlich getrennte zeigen</translation>
    </message>
    <message>
        <source>Filter members by name, address or function</source>
        <translation>Mitglieder nach Name, Adresse oder Funktion filtern</translation>
    </message>
    <message numerus="yes">
        <source>%L1 of %Ln shown</source>
        <translation><numerusform>%L1 von %Ln angezeigt</numerusform><numerusform>%L1 von %Ln angezeigt</numerusform></translation>
    </message>
</context>
<context>
    <name>daffi::ui::RateStore</name>
    <message>
        <source>member</source>
        <translation>Mitglied</translation>
    </message>
    <message>
        <source>function</source>
        <translation>Funktion</translation>
    </message>
    <message>
        <source>flow</source>
        <translation>Fluss</translation>
    </message>
</context>
<context>
    <name>daffi::ui::RatesModel</name>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Requests/s</source>
        <translation>Anfragen/s</translation>
    </message>
    <message>
        <source>Bytes/s</source>
        <translation>Bytes/s</translation>
    </message>
    <message>
        <source>Peak</source>
        <translation>Spitze</translation>
    </message>
    <message>
        <source>Last 2 minutes</source>
        <translation>Letzte 2 Minuten</translation>
    </message>
</context>
<context>
    <name>daffi::ui::RatesPane</name>
    <message>
        <source>Messages per second</source>
        <translation>Nachrichten pro Sekunde</translation>
    </message>
    <message>
        <source>Bytes per second</source>
        <translation>Bytes pro Sekunde</translation>
    </message>
    <message>
        <source>Functions</source>
        <translation>Funktionen</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Mitglieder</translation>
    </message>
    <message>
        <source>Flows and streams</source>
        <translation>Flüsse und Streams</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>A flow is one caller sending one function to one receiver; a stream shows as a flow.</source>
        <translation>Ein Fluss ist ein Aufrufer, der eine Funktion bei einem Empfänger aufruft; ein Stream erscheint als Fluss.</translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation><numerusform>%n Minute</numerusform><numerusform>%n Minuten</numerusform></translation>
    </message>
    <message>
        <source>Filter by name</source>
        <translation>Nach Name filtern</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Zeigen</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>all frames</source>
        <translation>alle Frames</translation>
    </message>
</context>
<context>
    <name>daffi::ui::RemoteSession</name>
    <message>
        <source>joined %1 (a %2)</source>
        <translation>%1 beigetreten (ein %2)</translation>
    </message>
    <message>
        <source>lost the connection to %1; reconnecting</source>
        <translation>Verbindung zu %1 verloren; verbinde neu</translation>
    </message>
    <message>
        <source>another node took this console's name on %1</source>
        <translation>ein anderer Knoten hat auf %1 den Namen dieser Konsole übernommen</translation>
    </message>
    <message>
        <source>%1 joined</source>
        <translation>%1 ist beigetreten</translation>
    </message>
    <message>
        <source>%1 was evicted</source>
        <translation>%1 wurde verdrängt</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>%1 ist gegangen</translation>
    </message>
    <message>
        <source>Cannot join %1: %2 Check the address, or start the router there first; the console keeps retrying.</source>
        <translation>Beitritt zu %1 nicht möglich: %2 Prüfen Sie die Adresse oder starten Sie dort zuerst den Router; die Konsole versucht es weiter.</translation>
    </message>
</context>
<context>
    <name>daffi::ui::TopologyGraph</name>
    <message>
        <source>router</source>
        <translation>Router</translation>
    </message>
    <message>
        <source>+%1 more</source>
        <translation>+%1 weitere</translation>
    </message>
    <message>
        <source>No members yet</source>
        <translation>Noch keine Mitglieder</translation>
    </message>
    <message numerus="yes">
        <source>+%Ln more</source>
        <translation><numerusform>+%Ln weiteres</numerusform><numerusform>+%Ln weitere</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%Ln member(s)</source>
        <translation><numerusform>%Ln Mitglied</numerusform><numerusform>%Ln Mitglieder</numerusform></translation>
    </message>
    <message>
        <source>in %1</source>
        <translation>in %1</translation>
    </message>
    <message>
        <source>Expand “%1”</source>
        <translation>„%1“ aufklappen</translation>
    </message>
    <message>
        <source>Collapse “%1”</source>
        <translation>„%1“ zuklappen</translation>
    </message>
    <message>
        <source>Collapse all groups</source>
        <translation>Alle Gruppen zuklappen</translation>
    </message>
    <message numerus="yes">
        <source>%Ln member(s) in groups: double-click one to expand it</source>
        <translation><numerusform>%Ln Mitglied in Gruppen: Doppelklick klappt eine auf</numerusform><numerusform>%Ln Mitglieder in Gruppen: Doppelklick klappt eine auf</numerusform></translation>
    </message>
</context>
<context>
    <name>daffi::ui::TopologyIndex</name>
    <message>
        <source>callers (no functions)</source>
        <translation>Aufrufer (ohne Funktionen)</translation>
    </message>
    <message numerus="yes">
        <source>%n smaller group(s)</source>
        <translation><numerusform>%n kleinere Gruppe</numerusform><numerusform>%n kleinere Gruppen</numerusform></translation>
    </message>
</context>
<context>
    <name>daffi::ui::TopologyPane</name>
    <message>
        <source>Function set</source>
        <translation>Funktionsmenge</translation>
    </message>
    <message>
        <source>Name prefix</source>
        <translation>Namenspräfix</translation>
    </message>
    <message>
        <source>How the graph groups members when there are more than %1 of them</source>
        <translation>Wie der Graph Mitglieder gruppiert, wenn es mehr als %1 sind</translation>
    </message>
    <message>
        <source>Find a member (Enter: next match)</source>
        <translation>Mitglied suchen (Eingabe: nächster Treffer)</translation>
    </message>
    <message>
        <source>Group by</source>
        <translation>Gruppieren nach</translation>
    </message>
    <message>
        <source>No member matches “%1”</source>
        <translation>Kein Mitglied passt zu „%1“</translation>
    </message>
</context>
<context>
    <name>daffi::ui::TopologyTreeModel</name>
    <message>
        <source>Member / function</source>
        <translation>Mitglied / Funktion</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Mitglieder</translation>
    </message>
    <message numerus="yes">
        <source>%Ln member(s)</source>
        <translation><numerusform>%Ln Mitglied</numerusform><numerusform>%Ln Mitglieder</numerusform></translation>
    </message>
    <message>
        <source>Functions</source>
        <translation>Funktionen</translation>
    </message>
    <message numerus="yes">
        <source>%Ln function(s)</source>
        <translation><numerusform>%Ln Funktion</numerusform><numerusform>%Ln Funktionen</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n function(s)</source>
        <translation><numerusform>%n Funktion</numerusform><numerusform>%n Funktionen</numerusform></translation>
    </message>
    <message>
        <source>caller only</source>
        <translation>nur Aufrufer</translation>
    </message>
    <message numerus="yes">
        <source>exposed by %Ln member(s)</source>
        <translation><numerusform>angeboten von %Ln Mitglied</numerusform><numerusform>angeboten von %Ln Mitgliedern</numerusform></translation>
    </message>
</context>
<context>
    <name>daffi::ui::TrafficModel</name>
    <message>
        <source>pending</source>
        <translation>offen</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>ok</translation>
    </message>
    <message>
        <source>error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>abgewiesen</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>gesendet</translation>
    </message>
    <message>
        <source>lost</source>
        <translation>verloren</translation>
    </message>
    <message>
        <source>nowait</source>
        <translation>nowait</translation>
    </message>
    <message>
        <source>rpc</source>
        <translation>rpc</translation>
    </message>
    <message>
        <source>rpc: the caller waits for the answer (rpc, cast, stream). nowait: it does not (rpc_nowait, cast_nowait, stream_nowait). A cast is one row per target.</source>
        <translation>rpc: Der Aufrufer wartet auf die Antwort (rpc, cast, stream). nowait: Er wartet nicht (rpc_nowait, cast_nowait, stream_nowait). Ein cast ist eine Zeile pro Ziel.</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Caller</source>
        <translation>Aufrufer</translation>
    </message>
    <message>
        <source>Receiver</source>
        <translation>Empfänger</translation>
    </message>
    <message>
        <source>Function</source>
        <translation>Funktion</translation>
    </message>
    <message>
        <source>Style</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Serde</source>
        <translation>Serde</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>Latenz</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>daffi::ui::TrafficPane</name>
    <message>
        <source>Problems only</source>
        <translation>Nur Probleme</translation>
    </message>
    <message>
        <source>Filter by caller, receiver, function or status</source>
        <translation>Nach Aufrufer, Empfänger, Funktion oder Status filtern</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>Stop taking new rows so the table holds still (the router keeps counting)</source>
        <translation>Keine neuen Zeilen aufnehmen, damit die Tabelle stillsteht (der Router zählt weiter)</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Follow</source>
        <translation>Folgen</translation>
    </message>
    <message>
        <source>Keep the newest call in view</source>
        <translation>Den neuesten Aufruf im Blick behalten</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <source>Select a call to see its payloads decoded.</source>
        <translation>Wählen Sie einen Aufruf, um seine Nutzdaten dekodiert zu sehen.</translation>
    </message>
    <message>
        <source>%1 calls shown (newest %2 kept)</source>
        <translation>%1 Aufrufe angezeigt (die neuesten %2 bleiben)</translation>
    </message>
    <message>
        <source> · %1 passed by too fast to list (all are counted in Rates)</source>
        <translation> · %1 zu schnell für die Liste (alle zählen unter Raten)</translation>
    </message>
    <message>
        <source> · paused</source>
        <translation> · angehalten</translation>
    </message>
    <message>
        <source>%1 → %2   %3   %4 · %5 · uuid %6</source>
        <translation>%1 → %2   %3   %4 · %5 · UUID %6</translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation>%1 um %2</translation>
    </message>
    <message>
        <source>, answered in %1</source>
        <translation>, beantwortet in %1</translation>
    </message>
    <message>
        <source>── Request (%1) ──</source>
        <translation>── Anfrage (%1) ──</translation>
    </message>
    <message>
        <source>── Error (%1) ──</source>
        <translation>── Fehler (%1) ──</translation>
    </message>
    <message>
        <source>── Reply (%1) ──</source>
        <translation>── Antwort (%1) ──</translation>
    </message>
</context>
<context>
    <name>daffi::ui::format</name>
    <message>
        <source>now</source>
        <translation>jetzt</translation>
    </message>
    <message>
        <source>%1 s ago</source>
        <translation>vor %1 s</translation>
    </message>
    <message>
        <source>%1 min ago</source>
        <translation>vor %1 min</translation>
    </message>
    <message>
        <source>%1 h ago</source>
        <translation>vor %1 h</translation>
    </message>
</context>
</TS>
