#include "joindialog.h"

#include "listendialog.h"

#include <ui/common/filefield.h>

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace daffi::ui {

JoinDialog::JoinDialog(const RemoteOptions &options, QWidget *parent)
    : QDialog(parent),
      m_url(new QLineEdit(options.url.isEmpty() ? QStringLiteral("tcp://127.0.0.1:6000") : options.url)),
      m_monitor(new QLineEdit(options.monitor.url)),
      m_token(new FileField(options.monitor.tokenFile, tr("Monitor token file"), tr("All files (*)"))),
      m_ca(new FileField(options.monitor.caFile, tr("CA of the monitor's certificate"), ListenDialog::pemFiles())),
      m_certificate(new FileField(options.monitor.certificateFile, tr("Client certificate"), ListenDialog::pemFiles())),
      m_key(new FileField(options.monitor.keyFile, tr("Client certificate's key"), ListenDialog::pemFiles()))
{
    setWindowTitle(tr("Join a remote router or service"));
    m_url->setToolTip(tr("host:port, tcp://, tls:// or unix:///path"));
    m_monitor->setPlaceholderText(tr("optional: http(s)://host:8222, daffi-router's --monitor-port"));
    m_token->setPlaceholderText(tr("if the monitor has --monitor-token-file"));
    m_ca->setPlaceholderText(tr("https: the system's CAs unless given"));
    m_certificate->setPlaceholderText(tr("if the monitor has --monitor-tls-ca"));

    auto *form = new QFormLayout;
    form->addRow(tr("&Address"), m_url);
    form->addRow(tr("&Monitor URL"), m_monitor);
    form->addRow(tr("&Token file"), m_token);
    form->addRow(tr("&CA certificate"), m_ca);
    form->addRow(tr("Client c&ertificate"), m_certificate);
    form->addRow(tr("Client &key"), m_key);
    auto *note = new QLabel(tr("With the router's monitor the console shows every member's counters, all calls with "
                               "their payloads, rates and latency. Without it, it sees who is a member and what they "
                               "expose, and the calls it makes itself."));
    note->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Join"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(buttons);
    resize(560, sizeHint().height());
}

RemoteOptions JoinDialog::options() const
{
    RemoteOptions o;
    o.url = m_url->text().trimmed();
    o.monitor.url = m_monitor->text().trimmed();
    o.monitor.tokenFile = m_token->path();
    o.monitor.caFile = m_ca->path();
    o.monitor.certificateFile = m_certificate->path();
    o.monitor.keyFile = m_key->path();
    return o;
}

} // namespace daffi::ui
