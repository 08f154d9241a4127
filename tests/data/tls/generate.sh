#!/usr/bin/env bash
# Regenerates the test PKI (100-year validity): a CA, a server certificate for 127.0.0.1 and
# localhost and a second one as its renewal (server2, for reload tests), a client certificate
# signed by the CA, and a rogue CA with its own client.
# These keys protect nothing; they exist only for the tests.
set -euo pipefail
cd "$(dirname "$0")"
days=36500
ext() { printf 'subjectAltName=%s\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=%s\n' "$1" "$2"; }
mkca() {
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days $days \
        -subj "/CN=$2" -keyout "$1.key" -out "$1.crt" 2>/dev/null
}
mkcert() { # name ca cn san usage
    openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj "/CN=$3" \
        -keyout "$1.key" -out "$1.csr" 2>/dev/null
    openssl x509 -req -in "$1.csr" -CA "$2.crt" -CAkey "$2.key" -CAcreateserial -days $days \
        -extfile <(ext "$4" "$5") -out "$1.crt" 2>/dev/null
    rm -f "$1.csr"
}
mkca ca "daffi-qt test CA"
mkca rogue-ca "rogue test CA"
mkcert server ca "127.0.0.1" "IP:127.0.0.1,DNS:localhost" serverAuth
mkcert server2 ca "127.0.0.1 renewed" "IP:127.0.0.1,DNS:localhost" serverAuth
mkcert client ca "daffi test client" "DNS:client" clientAuth
mkcert rogue-client rogue-ca "rogue client" "DNS:rogue" clientAuth
rm -f ./*.srl
