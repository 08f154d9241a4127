#include "tlsconfig.h"

#include <QFile>
#include <QSslCertificate>
#include <QSslKey>

namespace daffi {

namespace {

Error tlsError(const QString &message)
{
    return Error{QStringLiteral("TlsConfiguration"), message};
}

Result<QByteArray> readPem(const QString &path, const QString &what)
{
    if (path.isEmpty())
        return tlsError(QStringLiteral("no %1 file given").arg(what));
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return tlsError(QStringLiteral("cannot read the %1 file %2: %3").arg(what, path, f.errorString()));
    return f.readAll();
}

Result<QList<QSslCertificate>> loadCertificates(const QString &path, const QString &what)
{
    auto pem = readPem(path, what);
    if (!pem)
        return pem.error();
    const QList<QSslCertificate> certs = QSslCertificate::fromData(*pem, QSsl::Pem);
    if (certs.isEmpty() || certs.first().isNull())
        return tlsError(QStringLiteral("the %1 file %2 holds no PEM certificate").arg(what, path));
    return certs;
}

Result<QSslKey> loadKey(const QString &path)
{
    auto pem = readPem(path, QStringLiteral("private key"));
    if (!pem)
        return pem.error();
    for (QSsl::KeyAlgorithm algorithm : {QSsl::Ec, QSsl::Rsa, QSsl::Dsa, QSsl::Dh}) {
        QSslKey key(*pem, algorithm, QSsl::Pem, QSsl::PrivateKey);
        if (!key.isNull())
            return key;
    }
    return tlsError(QStringLiteral("the private key file %1 holds no unencrypted PEM private key").arg(path));
}

std::optional<Error> setIdentity(QSslConfiguration &config, const QString &certPath, const QString &keyPath)
{
    auto certs = loadCertificates(certPath, QStringLiteral("certificate"));
    if (!certs)
        return certs.error();
    auto key = loadKey(keyPath);
    if (!key)
        return key.error();
    config.setLocalCertificateChain(*certs);
    config.setPrivateKey(*key);
    return std::nullopt;
}

} // namespace

Result<QSslConfiguration> serverTlsConfiguration(const TlsServerFiles &files)
{
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    if (auto err = setIdentity(config, files.certificate, files.privateKey))
        return *err;
    if (!files.clientCa.isEmpty()) {
        auto ca = loadCertificates(files.clientCa, QStringLiteral("client CA"));
        if (!ca)
            return ca.error();
        config.setCaCertificates(*ca);
        config.setPeerVerifyMode(QSslSocket::VerifyPeer);
    } else {
        config.setPeerVerifyMode(QSslSocket::VerifyNone);
    }
    return config;
}

Result<QSslConfiguration> clientTlsConfiguration(const TlsClientFiles &files)
{
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    if (!files.ca.isEmpty()) {
        auto ca = loadCertificates(files.ca, QStringLiteral("CA"));
        if (!ca)
            return ca.error();
        config.setCaCertificates(*ca);
        config.setPeerVerifyMode(QSslSocket::VerifyPeer);
    } else {
        config.setPeerVerifyMode(QSslSocket::VerifyNone);
    }
    if (!files.certificate.isEmpty() || !files.privateKey.isEmpty()) {
        if (auto err = setIdentity(config, files.certificate, files.privateKey))
            return *err;
    }
    return config;
}

} // namespace daffi
