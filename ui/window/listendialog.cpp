#include "listendialog.h"

#include <ui/common/filefield.h>

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

namespace daffi::ui {

QString ListenDialog::pemFiles()
{
    return tr("PEM files (*.pem *.crt *.key);;All files (*)");
}

ListenDialog::ListenDialog(const HostOptions &options, QWidget *parent)
    : QDialog(parent), m_base(options), m_host(new QLineEdit(options.host)), m_port(new QSpinBox),
      m_unix(new QLineEdit(options.unixPath)), m_cert(new FileField(options.tlsCertificate, tr("TLS certificate"), pemFiles())),
      m_key(new FileField(options.tlsKey, tr("TLS private key"), pemFiles())), m_metrics(new QSpinBox)
{
    setWindowTitle(tr("Router listen settings"));
    m_host->setToolTip(tr("127.0.0.1 accepts local peers only; 0.0.0.0 accepts peers from the network."));
    m_port->setRange(0, 65535);
    m_port->setValue(options.port);
    m_port->setSpecialValueText(tr("any free port"));
    m_unix->setPlaceholderText(tr("optional, e.g. /tmp/daffi.sock"));
    m_cert->setPlaceholderText(tr("optional: serve TLS and wss:// only"));
    m_metrics->setRange(0, 65535);
    m_metrics->setValue(options.metricsPort);
    m_metrics->setSpecialValueText(tr("off"));
    m_metrics->setToolTip(tr("Serve the monitor API (JSON, live feed, Prometheus /metrics) on 127.0.0.1 at this port; "
                             "another console joins it with --monitor http://127.0.0.1:port"));

    auto *form = new QFormLayout;
    form->addRow(tr("&Address"), m_host);
    form->addRow(tr("&Port"), m_port);
    form->addRow(tr("&Unix socket"), m_unix);
    form->addRow(tr("TLS &certificate"), m_cert);
    form->addRow(tr("TLS &key"), m_key);
    form->addRow(tr("&Metrics port"), m_metrics);
    auto *note = new QLabel(tr("Members stay connected only if the address and port stay the same; changing them "
                               "restarts the listener."));
    note->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Listen"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(buttons);
}

HostOptions ListenDialog::options() const
{
    HostOptions o = m_base;
    o.host = m_host->text().trimmed();
    o.port = quint16(m_port->value());
    o.unixPath = m_unix->text().trimmed();
    o.tlsCertificate = m_cert->path();
    o.tlsKey = m_key->path();
    o.metricsPort = quint16(m_metrics->value());
    return o;
}

} // namespace daffi::ui
