#include "listendialog.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

namespace daffi::ui {

namespace {

QWidget *withBrowse(QLineEdit *edit, QWidget *parent, const QString &title)
{
    auto *row = new QWidget;
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *browse = new QPushButton(ListenDialog::tr("Browse…"));
    layout->addWidget(edit, 1);
    layout->addWidget(browse);
    QObject::connect(browse, &QPushButton::clicked, parent, [edit, parent, title] {
        const QString file = QFileDialog::getOpenFileName(parent, title, edit->text(),
                                                          ListenDialog::tr("PEM files (*.pem *.crt *.key);;All files (*)"));
        if (!file.isEmpty())
            edit->setText(file);
    });
    return row;
}

} // namespace

ListenDialog::ListenDialog(const HostOptions &options, QWidget *parent)
    : QDialog(parent), m_base(options), m_host(new QLineEdit(options.host)), m_port(new QSpinBox),
      m_unix(new QLineEdit(options.unixPath)), m_cert(new QLineEdit(options.tlsCertificate)),
      m_key(new QLineEdit(options.tlsKey)), m_metrics(new QSpinBox)
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
    m_metrics->setToolTip(tr("Serve Prometheus metrics at http://address:port/metrics"));

    auto *form = new QFormLayout;
    form->addRow(tr("&Address"), m_host);
    form->addRow(tr("&Port"), m_port);
    form->addRow(tr("&Unix socket"), m_unix);
    form->addRow(tr("TLS &certificate"), withBrowse(m_cert, this, tr("TLS certificate")));
    form->addRow(tr("TLS &key"), withBrowse(m_key, this, tr("TLS private key")));
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
    o.tlsCertificate = m_cert->text().trimmed();
    o.tlsKey = m_key->text().trimmed();
    o.metricsPort = quint16(m_metrics->value());
    return o;
}

} // namespace daffi::ui
