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
        <source>Not connected yet: the console&apos;s client has not joined the router. Check the status bar, fix the listen address if it shows a problem, and try again.</source>
        <translation>Noch nicht verbunden: Der Client der Konsole ist dem Router noch nicht beigetreten. Prüfen Sie die Statusleiste, korrigieren Sie bei einem Problem die Adresse und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Choose a function to call.</source>
        <translation>Wählen Sie eine Funktion aus.</translation>
    </message>
    <message>
        <source>The arguments must be a JSON array, e.g. [1, 2] or [&quot;text&quot;]%1</source>
        <translation>Die Argumente müssen ein JSON-Array sein, z. B. [1, 2] oder [&quot;Text&quot;]%1</translation>
    </message>
    <message>
        <source>The keyword arguments must be a JSON object, e.g. {&quot;name&quot;: &quot;value&quot;}, or empty.</source>
        <translation>Die Schlüsselwort-Argumente müssen ein JSON-Objekt sein, z. B. {&quot;name&quot;: &quot;wert&quot;}, oder leer bleiben.</translation>
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
        <translation>
            <numerusform>%1 von %n Ziel antwortete</numerusform>
            <numerusform>%1 von %n Zielen antworteten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>sent to %n target(s)</source>
        <translation>
            <numerusform>an %n Ziel gesendet</numerusform>
            <numerusform>an %n Ziele gesendet</numerusform>
        </translation>
    </message>
    <message>
        <source>A capture file is open: there is no router to send to. Host the embedded router or join one (Router menu); the composed call stays here.</source>
        <translation>Eine Mitschnittdatei ist geöffnet: Es gibt keinen Router, an den gesendet werden kann. Betreiben Sie den eingebetteten Router oder treten Sie einem bei (Menü Router); der verfasste Aufruf bleibt hier.</translation>
    </message>
</context>
<context>
    <name>daffi::ui::CaptureSession</name>
    <message>
        <source>%1 joined from %2 (%3) as a caller</source>
        <translation>%1 ist von %2 (%3) als Aufrufer beigetreten</translation>
    </message>
    <message numerus="yes">
        <source>%1 joined from %2 (%3), exposing %n function(s)</source>
        <translation>
            <numerusform>%1 ist von %2 (%3) beigetreten und bietet %n Funktion an</numerusform>
            <numerusform>%1 ist von %2 (%3) beigetreten und bietet %n Funktionen an</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 now exposes %n function(s)</source>
        <translation>
            <numerusform>%1 bietet jetzt %n Funktion an</numerusform>
            <numerusform>%1 bietet jetzt %n Funktionen an</numerusform>
        </translation>
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
    <message numerus="yes">
        <source>Opened %1: %n call(s)</source>
        <translation>
            <numerusform>%1 geöffnet: %n Aufruf</numerusform>
            <numerusform>%1 geöffnet: %n Aufrufe</numerusform>
        </translation>
    </message>
    <message>
        <source> from %1 to %2</source>
        <translation> von %1 bis %2</translation>
    </message>
    <message>
        <source>, recorded by %1 %2 on %3</source>
        <translation>, aufgezeichnet von %1 %2 auf %3</translation>
    </message>
    <message numerus="yes">
        <source>The recorder dropped %n record(s) because writing could not keep up; the file says when.</source>
        <translation>
            <numerusform>Der Mitschnitt hat %n Eintrag verworfen, weil das Schreiben nicht mithielt; die Datei sagt, wann.</numerusform>
            <numerusform>Der Mitschnitt hat %n Einträge verworfen, weil das Schreiben nicht mithielt; die Datei sagt, wann.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot open the capture: %1</source>
        <translation>Der Mitschnitt lässt sich nicht öffnen: %1</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>%1 wird gelesen…</translation>
    </message>
    <message numerus="yes">
        <source>Capture %1: %n call(s)</source>
        <translation>
            <numerusform>Mitschnitt %1: %n Aufruf</numerusform>
            <numerusform>Mitschnitt %1: %n Aufrufe</numerusform>
        </translation>
    </message>
    <message>
        <source>, %1 to %2</source>
        <translation>, %1 bis %2</translation>
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
        <source>{&quot;name&quot;: &quot;value&quot;} (optional)</source>
        <translation>{&quot;name&quot;: &quot;wert&quot;} (optional)</translation>
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
    <message>
        <source>Edit as a new call</source>
        <translation>Als neuen Aufruf bearbeiten</translation>
    </message>
    <message>
        <source>Forget the recorded bytes and write the arguments as JSON</source>
        <translation>Die aufgezeichneten Bytes verwerfen und die Argumente als JSON schreiben</translation>
    </message>
    <message>
        <source>Recorded %1 payload (%2): it is sent again byte for byte; the arguments below are shown, not edited.</source>
        <translation>Aufgezeichnete %1-Nutzlast (%2): Sie wird Byte für Byte erneut gesendet; die Argumente unten werden angezeigt, nicht bearbeitet.</translation>
    </message>
    <message>
        <source>Loaded call %1 (%2 → %3): press Send to call it again.</source>
        <translation>Aufruf %1 geladen (%2 → %3): Senden ruft ihn erneut auf.</translation>
    </message>
</context>
<context>
    <name>daffi::ui::ConnectHint</name>
    <message>
        <source>A worker in Python (pip install daffi):</source>
        <translation>Ein Worker in Python (pip install daffi):</translation>
    </message>
    <message>
        <source>Then call it from Python:</source>
        <translation>Dann aus Python aufrufen:</translation>
    </message>
    <message>
        <source>Or from a browser page with daffi.js:</source>
        <translation>Oder aus einer Browserseite mit daffi.js:</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>The router is listening on %1 and nothing has joined it yet. Start a worker and it appears here; these programs connect to this router as they are.</source>
        <translation>Der Router lauscht auf %1, und noch hat sich niemand verbunden. Starten Sie einen Worker, dann erscheint er hier; diese Programme verbinden sich unverändert mit diesem Router.</translation>
    </message>
</context>
<context>
    <name>daffi::ui::ConsoleController</name>
    <message>
        <source>&quot;%1&quot; is not an address to join: %2. Use host:port, tcp://host:port, tls://host:port or unix:///path.</source>
        <translation>„%1“ ist keine Adresse zum Beitreten: %2. Verwenden Sie host:port, tcp://host:port, tls://host:port oder unix:///pfad.</translation>
    </message>
    <message>
        <source>it is empty</source>
        <translation>sie ist leer</translation>
    </message>
</context>
<context>
    <name>daffi::ui::EventText</name>
    <message>
        <source>%1 joined from %2 (%3) as a caller</source>
        <translation>%1 ist von %2 (%3) als Aufrufer beigetreten</translation>
    </message>
    <message numerus="yes">
        <source>%1 joined from %2 (%3), exposing %n function(s)</source>
        <translation>
            <numerusform>%1 ist von %2 (%3) beigetreten und bietet %n Funktion an</numerusform>
            <numerusform>%1 ist von %2 (%3) beigetreten und bietet %n Funktionen an</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 now exposes %n function(s)</source>
        <translation>
            <numerusform>%1 bietet jetzt %n Funktion an</numerusform>
            <numerusform>%1 bietet jetzt %n Funktionen an</numerusform>
        </translation>
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
    <message numerus="yes">
        <source>%n membership event(s) passed too fast to list; the Members pane shows the present.</source>
        <translation>
            <numerusform>%n Mitgliedschafts-Ereignis kam zu schnell, um es aufzulisten; der Reiter Mitglieder zeigt den aktuellen Stand.</numerusform>
            <numerusform>%n Mitgliedschafts-Ereignisse kamen zu schnell, um sie aufzulisten; der Reiter Mitglieder zeigt den aktuellen Stand.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>daffi::ui::EventsModel</name>
    <message numerus="yes">
        <source>%Ln member(s) joined in %1 s</source>
        <translation>
            <numerusform>%Ln Mitglied ist in %1 s beigetreten</numerusform>
            <numerusform>%Ln Mitglieder sind in %1 s beigetreten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln member(s) left in %1 s</source>
        <translation>
            <numerusform>%Ln Mitglied hat sich in %1 s abgemeldet</numerusform>
            <numerusform>%Ln Mitglieder haben sich in %1 s abgemeldet</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln connection(s) closed or refused before joining in %1 s</source>
        <translation>
            <numerusform>%Ln Verbindung in %1 s vor dem Beitritt geschlossen oder abgewiesen</numerusform>
            <numerusform>%Ln Verbindungen in %1 s vor dem Beitritt geschlossen oder abgewiesen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Expand to see each event. The oldest %Ln are no longer listed.</source>
        <translation>
            <numerusform>Aufklappen, um jedes Ereignis zu sehen. Das älteste ist nicht mehr aufgeführt.</numerusform>
            <numerusform>Aufklappen, um jedes Ereignis zu sehen. Die ältesten %Ln sind nicht mehr aufgeführt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Expand to see each event.</source>
        <translation>Aufklappen, um jedes Ereignis zu sehen.</translation>
    </message>
</context>
<context>
    <name>daffi::ui::FileField</name>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen …</translation>
    </message>
</context>
<context>
    <name>daffi::ui::FilterEdit</name>
    <message>
        <source>Filter: a word, or an expression such as function == &quot;add&quot; and latency &gt; 5ms</source>
        <translation>Filter: ein Wort oder ein Ausdruck wie function == &quot;add&quot; and latency &gt; 5ms</translation>
    </message>
    <message>
        <source>Rows whose caller, receiver, function or status contain this text</source>
        <translation>Zeilen, deren Aufrufer, Empfänger, Funktion oder Status diesen Text enthalten</translation>
    </message>
    <message>
        <source>A filter expression: only the calls it matches are shown</source>
        <translation>Ein Filterausdruck: Nur die Aufrufe, auf die er zutrifft, werden angezeigt</translation>
    </message>
    <message>
        <source>Fields: %1. Join comparisons with and, or, not and parentheses.</source>
        <translation>Felder: %1. Vergleiche verbinden mit and, or, not und Klammern.</translation>
    </message>
</context>
<context>
    <name>daffi::ui::FunctionsModel</name>
    <message>
        <source>%1: no answers</source>
        <translation>%1: keine Antworten</translation>
    </message>
    <message>
        <source>%1: %2 answers, p50 %3, p90 %4, p99 %5, max %6</source>
        <translation>%1: %2 Antworten, p50 %3, p90 %4, p99 %5, max. %6</translation>
    </message>
    <message>
        <source>last minute</source>
        <translation>letzte Minute</translation>
    </message>
    <message>
        <source>last 15 minutes</source>
        <translation>letzte 15 Minuten</translation>
    </message>
    <message>
        <source>Request forwarded to answer forwarded, as the router sees it, over the last minute (a percentile is the top of its histogram bucket: at most 6.25 % above the true value)</source>
        <translation>Vom weitergeleiteten Aufruf bis zur weitergeleiteten Antwort, wie der Router sie sieht, über die letzte Minute (ein Perzentil ist die Obergrenze seines Histogramm-Fachs: höchstens 6,25 % über dem wahren Wert)</translation>
    </message>
    <message>
        <source>Function / provider</source>
        <translation>Funktion / Anbieter</translation>
    </message>
    <message>
        <source>Providers</source>
        <translation>Anbieter</translation>
    </message>
    <message>
        <source>Calls/s</source>
        <translation>Aufrufe/s</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>Aufrufe</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Timeouts</source>
        <translation>Zeitüberschreitungen</translation>
    </message>
    <message>
        <source>In flight</source>
        <translation>Offen</translation>
    </message>
    <message>
        <source>p50 (1 min)</source>
        <translation>p50 (1 min)</translation>
    </message>
    <message>
        <source>p99 (1 min)</source>
        <translation>p99 (1 min)</translation>
    </message>
    <message>
        <source>%1 (slowest)</source>
        <translation>%1 (langsamster)</translation>
    </message>
    <message>
        <source>%1 (gone)</source>
        <translation>%1 (weg)</translation>
    </message>
    <message>
        <source>The slowest of the providers of %1 in the last minute (highest p99)</source>
        <translation>Der langsamste Anbieter von %1 in der letzten Minute (höchstes p99)</translation>
    </message>
</context>
<context>
    <name>daffi::ui::FunctionsPane</name>
    <message>
        <source>Filter by function or provider</source>
        <translation>Nach Funktion oder Anbieter filtern</translation>
    </message>
    <message>
        <source>Latency is request to answer as the router sees it, over the last minute. Of a function that several providers served, the one with the highest p99 is marked slowest.</source>
        <translation>Die Latenz reicht vom Aufruf bis zur Antwort, wie der Router sie sieht, über die letzte Minute. Bei einer Funktion mit mehreren Anbietern ist der mit dem höchsten p99 als langsamster markiert.</translation>
    </message>
</context>
<context>
    <name>daffi::ui::HostedSession</name>
    <message>
        <source>The router cannot use TLS: %1 Fix the certificate or key in Router ▸ Listen settings, or clear both to listen without TLS.</source>
        <translation>Der Router kann TLS nicht verwenden: %1 Korrigieren Sie Zertifikat oder Schlüssel unter Router ▸ Lausch-Einstellungen, oder leeren Sie beide, um ohne TLS zu lauschen.</translation>
    </message>
    <message>
        <source>The router cannot listen: %1. Choose another address or port in Router ▸ Listen settings.</source>
        <translation>Der Router kann nicht lauschen: %1. Wählen Sie unter Router ▸ Lausch-Einstellungen eine andere Adresse oder einen anderen Port.</translation>
    </message>
    <message numerus="yes">
        <source>%1 joined from %2 (%3), exposing %n function(s)</source>
        <translation type="vanished">
            <numerusform>%1 ist von %2 (%3) beigetreten und bietet %n Funktion an</numerusform>
            <numerusform>%1 ist von %2 (%3) beigetreten und bietet %n Funktionen an</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 now exposes %n function(s)</source>
        <translation type="vanished">
            <numerusform>%1 bietet jetzt %n Funktion an</numerusform>
            <numerusform>%1 bietet jetzt %n Funktionen an</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 left: %2</source>
        <translation type="vanished">%1 hat das Netz verlassen: %2</translation>
    </message>
    <message>
        <source>connection from %1 closed before joining: %2</source>
        <translation type="vanished">Verbindung von %1 vor dem Beitritt geschlossen: %2</translation>
    </message>
    <message>
        <source>refused %1: %2</source>
        <translation type="vanished">%1 abgewiesen: %2</translation>
    </message>
    <message>
        <source>%1 joined from %2 (%3) as a caller</source>
        <translation type="vanished">%1 ist von %2 (%3) als Aufrufer beigetreten</translation>
    </message>
    <message>
        <source>Recording to %1</source>
        <translation>Aufzeichnung nach %1</translation>
    </message>
</context>
<context>
    <name>daffi::ui::JoinDialog</name>
    <message>
        <source>Monitor token file</source>
        <translation>Token-Datei des Monitors</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
    <message>
        <source>CA of the monitor&apos;s certificate</source>
        <translation>CA des Monitor-Zertifikats</translation>
    </message>
    <message>
        <source>Client certificate</source>
        <translation>Client-Zertifikat</translation>
    </message>
    <message>
        <source>Client certificate&apos;s key</source>
        <translation>Schlüssel des Client-Zertifikats</translation>
    </message>
    <message>
        <source>Join a remote router or service</source>
        <translation>Entferntem Router oder Dienst beitreten</translation>
    </message>
    <message>
        <source>host:port, tcp://, tls:// or unix:///path</source>
        <translation>host:port, tcp://, tls:// oder unix:///pfad</translation>
    </message>
    <message>
        <source>optional: http(s)://host:8222, daffi-router&apos;s --monitor-port</source>
        <translation>optional: http(s)://host:8222, der --monitor-port von daffi-router</translation>
    </message>
    <message>
        <source>if the monitor has --monitor-token-file</source>
        <translation>wenn der Monitor --monitor-token-file hat</translation>
    </message>
    <message>
        <source>https: the system&apos;s CAs unless given</source>
        <translation>https: sonst die CAs des Systems</translation>
    </message>
    <message>
        <source>if the monitor has --monitor-tls-ca</source>
        <translation>wenn der Monitor --monitor-tls-ca hat</translation>
    </message>
    <message>
        <source>&amp;Address</source>
        <translation>&amp;Adresse</translation>
    </message>
    <message>
        <source>&amp;Monitor URL</source>
        <translation>&amp;Monitor-URL</translation>
    </message>
    <message>
        <source>&amp;Token file</source>
        <translation>&amp;Token-Datei</translation>
    </message>
    <message>
        <source>&amp;CA certificate</source>
        <translation>&amp;CA-Zertifikat</translation>
    </message>
    <message>
        <source>Client c&amp;ertificate</source>
        <translation>Client-Z&amp;ertifikat</translation>
    </message>
    <message>
        <source>Client &amp;key</source>
        <translation>Client-&amp;Schlüssel</translation>
    </message>
    <message>
        <source>With the router&apos;s monitor the console shows every member&apos;s counters, all calls with their payloads, rates and latency. Without it, it sees who is a member and what they expose, and the calls it makes itself.</source>
        <translation>Mit dem Monitor des Routers zeigt die Konsole die Zähler jedes Mitglieds, alle Aufrufe mit ihren Nutzdaten, Raten und Latenzen. Ohne ihn sieht sie, wer Mitglied ist und was es anbietet, und die Aufrufe, die sie selbst macht.</translation>
    </message>
    <message>
        <source>Join</source>
        <translation>Beitreten</translation>
    </message>
</context>
<context>
    <name>daffi::ui::ListenDialog</name>
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
    <message>
        <source>Serve the monitor API (JSON, live feed, Prometheus /metrics) on 127.0.0.1 at this port; another console joins it with --monitor http://127.0.0.1:port</source>
        <translation>Die Monitor-API (JSON, Live-Feed, Prometheus /metrics) auf 127.0.0.1 an diesem Port anbieten; eine andere Konsole tritt ihr mit --monitor http://127.0.0.1:port bei</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="vanished">Durchsuchen …</translation>
    </message>
    <message>
        <source>Serve Prometheus metrics at http://address:port/metrics</source>
        <translation type="vanished">Prometheus-Metriken unter http://adresse:port/metrics anbieten</translation>
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
        <translation>
            <numerusform>%n Mitglied</numerusform>
            <numerusform>%n Mitglieder</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 messages/s</source>
        <translation>%1 Nachrichten/s</translation>
    </message>
    <message>
        <source>F&amp;unctions</source>
        <translation>F&amp;unktionen</translation>
    </message>
    <message>
        <source>Join settings…</source>
        <translation>Beitritts-Einstellungen …</translation>
    </message>
    <message>
        <source> · monitor %1 live</source>
        <translation> · Monitor %1 verbunden</translation>
    </message>
    <message>
        <source> · connecting to the monitor %1…</source>
        <translation> · verbinde mit dem Monitor %1 …</translation>
    </message>
    <message>
        <source> · monitor %1 lost, reconnecting</source>
        <translation> · Monitor %1 verloren, verbinde neu</translation>
    </message>
    <message>
        <source> · no monitor: membership only</source>
        <translation> · kein Monitor: nur Mitgliedschaft</translation>
    </message>
    <message>
        <source>Join a remote router or service</source>
        <translation type="vanished">Entferntem Router oder Dienst beitreten</translation>
    </message>
    <message>
        <source>Address (host:port, tcp://, tls:// or unix:///path):</source>
        <translation type="vanished">Adresse (host:port, tcp://, tls:// oder unix:///pfad):</translation>
    </message>
    <message>
        <source>daffi captures (*.dcap);;All files (*)</source>
        <translation>daffi-Mitschnitte (*.dcap);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>&amp;Open capture…</source>
        <translation>Mitschnitt ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Open capture</source>
        <translation>Mitschnitt öffnen</translation>
    </message>
    <message>
        <source>&amp;Save shown calls…</source>
        <translation>Angezeigte Aufrufe &amp;speichern…</translation>
    </message>
    <message>
        <source>Save shown calls</source>
        <translation>Angezeigte Aufrufe speichern</translation>
    </message>
    <message>
        <source>&amp;Record to file…</source>
        <translation>In Datei &amp;aufzeichnen…</translation>
    </message>
    <message>
        <source>Record to file</source>
        <translation>In Datei aufzeichnen</translation>
    </message>
    <message>
        <source>S&amp;top recording</source>
        <translation>Aufzeichnung &amp;beenden</translation>
    </message>
    <message>
        <source>capture</source>
        <translation>Mitschnitt</translation>
    </message>
    <message>
        <source>● Recording to %1 · %2 records</source>
        <translation>● Aufzeichnung nach %1 · %2 Einträge</translation>
    </message>
    <message>
        <source> · %1 dropped</source>
        <translation> · %1 verworfen</translation>
    </message>
    <message numerus="yes">
        <source>%n call(s) saved from %1</source>
        <translation>
            <numerusform>%n Aufruf aus %1 gespeichert</numerusform>
            <numerusform>%n Aufrufe aus %1 gespeichert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n call(s) saved from %1 (%2)</source>
        <translation>
            <numerusform>%n Aufruf aus %1 gespeichert (%2)</numerusform>
            <numerusform>%n Aufrufe aus %1 gespeichert (%2)</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot save the calls: %1. Choose another file or folder.</source>
        <translation>Die Aufrufe lassen sich nicht speichern: %1. Wählen Sie eine andere Datei oder einen anderen Ordner.</translation>
    </message>
    <message numerus="yes">
        <source>Saved %n call(s) to %1</source>
        <translation>
            <numerusform>%n Aufruf in %1 gespeichert</numerusform>
            <numerusform>%n Aufrufe in %1 gespeichert</numerusform>
        </translation>
    </message>
    <message>
        <source>Recording needs the embedded router: choose Router ▸ Host the embedded router first (or record on the remote router with daffi-router --capture).</source>
        <translation>Die Aufzeichnung braucht den eingebetteten Router: Wählen Sie zuerst Router ▸ Eingebetteten Router betreiben (oder zeichnen Sie auf dem entfernten Router mit daffi-router --capture auf).</translation>
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
        <source>Filter members by any column</source>
        <translation type="vanished">Mitglieder nach beliebiger Spalte filtern</translation>
    </message>
    <message>
        <source>Filter members by name, address or function</source>
        <translation>Mitglieder nach Name, Adresse oder Funktion filtern</translation>
    </message>
    <message numerus="yes">
        <source>%L1 of %Ln shown</source>
        <translation>
            <numerusform>%L1 von %Ln angezeigt</numerusform>
            <numerusform>%L1 von %Ln angezeigt</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>daffi::ui::MonitorAccess</name>
    <message>
        <source>&quot;%1&quot; is not a monitor address. Give the URL daffi-router prints as &quot;monitor at&quot;, e.g. http://127.0.0.1:8222 or https://host:8222.</source>
        <translation>„%1“ ist keine Monitor-Adresse. Geben Sie die URL an, die daffi-router als „monitor at“ ausgibt, z. B. http://127.0.0.1:8222 oder https://host:8222.</translation>
    </message>
    <message>
        <source>Cannot read the monitor token file %1: %2. Give the file the router reads with --monitor-token-file.</source>
        <translation>Die Token-Datei des Monitors %1 ist nicht lesbar: %2. Geben Sie die Datei an, die der Router mit --monitor-token-file liest.</translation>
    </message>
    <message>
        <source>The monitor token file %1 must hold one token on one line.</source>
        <translation>Die Token-Datei des Monitors %1 muss genau ein Token in einer Zeile enthalten.</translation>
    </message>
    <message>
        <source>The monitor&apos;s TLS settings are not usable: %1.</source>
        <translation>Die TLS-Einstellungen für den Monitor sind nicht verwendbar: %1.</translation>
    </message>
</context>
<context>
    <name>daffi::ui::MonitorFeedClient</name>
    <message>
        <source>no message for %1 s</source>
        <translation>%1 s lang keine Nachricht</translation>
    </message>
    <message>
        <source>no hello within %1 s</source>
        <translation>kein Hello innerhalb von %1 s</translation>
    </message>
    <message>
        <source>%1 answered GET /api/v1/router, but not as a daffi monitor (%2) does. Give the address daffi-router prints as &quot;monitor at&quot; (its --monitor-port), not the router&apos;s own port.</source>
        <translation>%1 hat auf GET /api/v1/router geantwortet, aber nicht wie ein daffi-Monitor (%2). Geben Sie die Adresse an, die daffi-router als „monitor at“ ausgibt (sein --monitor-port), nicht den Port des Routers selbst.</translation>
    </message>
    <message>
        <source>The live feed from the monitor at %1 ended (%2). The console reconnects by itself and resumes where it stopped.</source>
        <translation>Der Live-Feed des Monitors unter %1 ist abgebrochen (%2). Die Konsole verbindet sich selbst neu und macht dort weiter, wo sie aufgehört hat.</translation>
    </message>
    <message>
        <source>The monitor at %1 answered, but its live feed could not be opened (%2); the console keeps trying.</source>
        <translation>Der Monitor unter %1 hat geantwortet, aber sein Live-Feed ließ sich nicht öffnen (%2); die Konsole versucht es weiter.</translation>
    </message>
    <message>
        <source>a feed message that is not a JSON object</source>
        <translation>eine Feed-Nachricht, die kein JSON-Objekt ist</translation>
    </message>
    <message>
        <source>The router behind %1 restarted: it is a new instance, its counters and sequence numbers started again. The console follows it from its restart; what the old one did after the last batch is not known.</source>
        <translation>Der Router hinter %1 wurde neu gestartet: Er ist eine neue Instanz, seine Zähler und Sequenznummern beginnen von vorn. Die Konsole folgt ihm ab dem Neustart; was die alte Instanz nach dem letzten Paket tat, ist nicht bekannt.</translation>
    </message>
    <message>
        <source>Reconnected to the monitor at %1; the feed resumes where it stopped.</source>
        <translation>Wieder mit dem Monitor unter %1 verbunden; der Feed macht dort weiter, wo er aufgehört hat.</translation>
    </message>
    <message>
        <source>Connected to the monitor at %1.</source>
        <translation>Mit dem Monitor unter %1 verbunden.</translation>
    </message>
    <message>
        <source>The monitor at %1 is not connected; the payload can be fetched once it is.</source>
        <translation>Der Monitor unter %1 ist nicht verbunden; die Nutzdaten lassen sich abrufen, sobald er es ist.</translation>
    </message>
    <message>
        <source>The monitor at %1 refused the console: %2 Give the console the router&apos;s token file (--monitor-token-file) or a client certificate its CA signed (--monitor-cert and --monitor-key), on the command line or in Router ▸ Join a remote router or service…</source>
        <translation>Der Monitor unter %1 hat die Konsole abgewiesen: %2 Geben Sie der Konsole die Token-Datei des Routers (--monitor-token-file) oder ein von seiner CA signiertes Client-Zertifikat (--monitor-cert und --monitor-key), auf der Kommandozeile oder unter Router ▸ Entferntem Router oder Dienst beitreten …</translation>
    </message>
    <message>
        <source>%1 does not look like a daffi monitor: GET %2 answered %3 %4. Give the address daffi-router prints as &quot;monitor at&quot; (its --monitor-port), not the router&apos;s own port.</source>
        <translation>%1 sieht nicht wie ein daffi-Monitor aus: GET %2 ergab %3 %4. Geben Sie die Adresse an, die daffi-router als „monitor at“ ausgibt (sein --monitor-port), nicht den Port des Routers selbst.</translation>
    </message>
    <message>
        <source>Nothing listens at %1 (connection refused). Start the router with --monitor-port, or correct the monitor address; the console keeps trying.</source>
        <translation>Unter %1 lauscht nichts (Verbindung abgelehnt). Starten Sie den Router mit --monitor-port oder korrigieren Sie die Monitor-Adresse; die Konsole versucht es weiter.</translation>
    </message>
    <message>
        <source>The host of %1 is not known (%2). Correct the monitor address.</source>
        <translation>Der Rechner von %1 ist unbekannt (%2). Korrigieren Sie die Monitor-Adresse.</translation>
    </message>
    <message>
        <source>The monitor at %1 did not answer in time. Check the address and any firewall in between; the console keeps trying.</source>
        <translation>Der Monitor unter %1 hat nicht rechtzeitig geantwortet. Prüfen Sie die Adresse und etwaige Firewalls dazwischen; die Konsole versucht es weiter.</translation>
    </message>
    <message>
        <source>The TLS handshake with the monitor at %1 failed (%2). If its certificate comes from a CA of your own, give that CA with --monitor-ca; if the monitor requires a client certificate, give --monitor-cert and --monitor-key (also in Router ▸ Join a remote router or service…).</source>
        <translation>Der TLS-Handshake mit dem Monitor unter %1 ist fehlgeschlagen (%2). Stammt sein Zertifikat von einer eigenen CA, geben Sie diese mit --monitor-ca an; verlangt der Monitor ein Client-Zertifikat, geben Sie --monitor-cert und --monitor-key an (auch unter Router ▸ Entferntem Router oder Dienst beitreten …).</translation>
    </message>
    <message>
        <source>The monitor at %1 closed the connection without an HTTP answer (%2). If it serves TLS, use https://; check that the port is daffi-router&apos;s --monitor-port.</source>
        <translation>Der Monitor unter %1 hat die Verbindung ohne HTTP-Antwort geschlossen (%2). Spricht er TLS, verwenden Sie https://; prüfen Sie, dass der Port der --monitor-port von daffi-router ist.</translation>
    </message>
    <message>
        <source>Cannot reach the monitor at %1: %2. The console keeps trying.</source>
        <translation>Der Monitor unter %1 ist nicht erreichbar: %2. Die Konsole versucht es weiter.</translation>
    </message>
</context>
<context>
    <name>daffi::ui::MonitorMirror</name>
    <message>
        <source>The router&apos;s rings moved on before the feed could send %1 call(s), %2 answer(s) and %3 event(s) (while the console was away or behind); they are not listed, but the counters and rates include them.</source>
        <translation>Die Ringe des Routers sind weitergelaufen, bevor der Feed %1 Aufruf(e), %2 Antwort(en) und %3 Ereignis(se) senden konnte (während die Konsole weg oder im Rückstand war); sie fehlen in der Liste, sind aber in Zählern und Raten enthalten.</translation>
    </message>
    <message>
        <source>The router restarted after this call; its payload went with the old instance.</source>
        <translation>Der Router wurde nach diesem Aufruf neu gestartet; seine Nutzdaten sind mit der alten Instanz verschwunden.</translation>
    </message>
    <message>
        <source>This router does not serve call payloads; start it with --monitor-payloads to see them here (payloads are the users&apos; data, so they are off beyond 127.0.0.1 by default).</source>
        <translation>Dieser Router gibt keine Nutzdaten heraus; starten Sie ihn mit --monitor-payloads, um sie hier zu sehen (Nutzdaten sind Daten der Anwender, daher sind sie außerhalb von 127.0.0.1 standardmäßig aus).</translation>
    </message>
    <message>
        <source>The router did not keep this call&apos;s payload: frames over 64 KiB are counted, not kept.</source>
        <translation>Der Router hat die Nutzdaten dieses Aufrufs nicht aufbewahrt: Frames über 64 KiB werden gezählt, nicht gespeichert.</translation>
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
        <translation>
            <numerusform>%n Minute</numerusform>
            <numerusform>%n Minuten</numerusform>
        </translation>
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
        <source>another node took this console&apos;s name on %1</source>
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
    <message>
        <source>Joined %1 without its monitor, so the console sees only who is a member and what they expose, plus the calls it makes itself. To see every call, the counters, rates and latency, start that router with --monitor-port 8222 and join with --monitor http://%2:8222 (or in Router ▸ Join a remote router or service…).</source>
        <translation>%1 ohne seinen Monitor beigetreten: Die Konsole sieht nur, wer Mitglied ist und was es anbietet, dazu ihre eigenen Aufrufe. Um jeden Aufruf, die Zähler, Raten und Latenzen zu sehen, starten Sie diesen Router mit --monitor-port 8222 und treten Sie mit --monitor http://%2:8222 bei (oder unter Router ▸ Entferntem Router oder Dienst beitreten …).</translation>
    </message>
</context>
<context>
    <name>daffi::ui::Session</name>
    <message>
        <source>This session has no payloads to fetch.</source>
        <translation>Diese Sitzung hat keine Nutzdaten abzurufen.</translation>
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
    <message numerus="yes">
        <source>%n more member(s) not drawn; see the tree</source>
        <translation type="vanished">
            <numerusform>%n weiteres Mitglied nicht gezeichnet; siehe Baum</numerusform>
            <numerusform>%n weitere Mitglieder nicht gezeichnet; siehe Baum</numerusform>
        </translation>
    </message>
    <message>
        <source>No members yet</source>
        <translation>Noch keine Mitglieder</translation>
    </message>
    <message>
        <source>p99 %1</source>
        <translation>p99 %1</translation>
    </message>
    <message numerus="yes">
        <source>+%Ln more</source>
        <translation>
            <numerusform>+%Ln weiteres</numerusform>
            <numerusform>+%Ln weitere</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln member(s)</source>
        <translation>
            <numerusform>%Ln Mitglied</numerusform>
            <numerusform>%Ln Mitglieder</numerusform>
        </translation>
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
        <translation>
            <numerusform>%Ln Mitglied in Gruppen: Doppelklick klappt eine auf</numerusform>
            <numerusform>%Ln Mitglieder in Gruppen: Doppelklick klappt eine auf</numerusform>
        </translation>
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
        <translation>
            <numerusform>%n kleinere Gruppe</numerusform>
            <numerusform>%n kleinere Gruppen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>daffi::ui::TopologyPane</name>
    <message>
        <source>Member / function</source>
        <translation type="vanished">Mitglied / Funktion</translation>
    </message>
    <message>
        <source>Exposed by</source>
        <translation type="vanished">Angeboten von</translation>
    </message>
    <message>
        <source>Members</source>
        <translation type="vanished">Mitglieder</translation>
    </message>
    <message>
        <source>Functions</source>
        <translation type="vanished">Funktionen</translation>
    </message>
    <message numerus="yes">
        <source>%n function(s)</source>
        <translation type="vanished">
            <numerusform>%n Funktion</numerusform>
            <numerusform>%n Funktionen</numerusform>
        </translation>
    </message>
    <message>
        <source>caller only</source>
        <translation type="vanished">nur Aufrufer</translation>
    </message>
    <message>
        <source>Colour spokes by p99 latency</source>
        <translation>Speichen nach p99-Latenz färben</translation>
    </message>
    <message>
        <source>Green at 1 ms and below, red at 100 ms and above: each provider&apos;s highest p99 over the last minute, from the Functions tab</source>
        <translation type="vanished">Grün bis 1 ms, rot ab 100 ms: das höchste p99 jedes Anbieters über die letzte Minute, aus dem Reiter Funktionen</translation>
    </message>
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
    <message>
        <source>Green at 1 ms and below, red at 100 ms and above: each provider&apos;s highest p99 over the last minute, from the Functions tab (a group: its slowest member)</source>
        <translation>Grün bis 1 ms, rot ab 100 ms: das höchste p99 jedes Anbieters über die letzte Minute, aus dem Reiter Funktionen (eine Gruppe: ihr langsamstes Mitglied)</translation>
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
        <translation>
            <numerusform>%Ln Mitglied</numerusform>
            <numerusform>%Ln Mitglieder</numerusform>
        </translation>
    </message>
    <message>
        <source>Functions</source>
        <translation>Funktionen</translation>
    </message>
    <message numerus="yes">
        <source>%Ln function(s)</source>
        <translation>
            <numerusform>%Ln Funktion</numerusform>
            <numerusform>%Ln Funktionen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n function(s)</source>
        <translation>
            <numerusform>%n Funktion</numerusform>
            <numerusform>%n Funktionen</numerusform>
        </translation>
    </message>
    <message>
        <source>caller only</source>
        <translation>nur Aufrufer</translation>
    </message>
    <message numerus="yes">
        <source>exposed by %Ln member(s)</source>
        <translation>
            <numerusform>angeboten von %Ln Mitglied</numerusform>
            <numerusform>angeboten von %Ln Mitgliedern</numerusform>
        </translation>
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
        <translation type="vanished">Nach Aufrufer, Empfänger, Funktion oder Status filtern</translation>
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
    <message>
        <source>(fetching it from the router&apos;s monitor…)</source>
        <translation>(wird vom Monitor des Routers abgerufen …)</translation>
    </message>
    <message>
        <source>Send &amp;again</source>
        <translation>&amp;Erneut senden</translation>
    </message>
    <message>
        <source>Load this call into the composer: function, receiver, serde and arguments</source>
        <translation>Diesen Aufruf in den Editor laden: Funktion, Empfänger, Serde und Argumente</translation>
    </message>
    <message>
        <source>the calls containing &quot;%1&quot;</source>
        <translation>die Aufrufe, die „%1“ enthalten</translation>
    </message>
    <message>
        <source>filter: %1</source>
        <translation>Filter: %1</translation>
    </message>
    <message>
        <source>problems only</source>
        <translation>nur Probleme</translation>
    </message>
    <message>
        <source>Send again &amp;to</source>
        <translation>Erneut senden &amp;an</translation>
    </message>
    <message>
        <source>(no other member exposes %1)</source>
        <translation>(kein anderes Mitglied bietet %1 an)</translation>
    </message>
    <message>
        <source>(the request&apos;s bytes were not kept: it cannot be sent again)</source>
        <translation>(die Bytes der Anfrage wurden nicht behalten: Er kann nicht erneut gesendet werden)</translation>
    </message>
    <message>
        <source> · the filter is not applied: %1</source>
        <translation> · der Filter wird nicht angewendet: %1</translation>
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
