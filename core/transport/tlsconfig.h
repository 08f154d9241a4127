#pragma once

#include <core/protocol/result.h>

#include <QSslConfiguration>
#include <QString>

namespace daffi {

// PEM files for a TLS server (PROTOCOL.md §10), plus the mutual-TLS extension: with a client CA,
// every client must present a certificate that CA signed.
struct TlsServerFiles
{
    QString certificate;
    QString privateKey;
    QString clientCa;   // empty: clients are not asked for a certificate
};

// TLS client options: verify the server against `ca` when given (chain only, like the
// reference: no hostname check unless `verifyHostName`); present a certificate for mutual TLS.
struct TlsClientFiles
{
    QString ca;
    QString certificate;
    QString privateKey;
    bool verifyHostName = false;
};

// Loads and checks the files, with a sentence naming the file and what is wrong with it.
// (The reference silently serves plaintext when a path is empty; we refuse to start instead.)
Result<QSslConfiguration> serverTlsConfiguration(const TlsServerFiles &files);
Result<QSslConfiguration> clientTlsConfiguration(const TlsClientFiles &files);

} // namespace daffi
