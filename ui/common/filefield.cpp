#include "filefield.h"

#include <QFileDialog>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>

namespace daffi::ui {

FileField::FileField(const QString &path, const QString &title, const QString &filter, QWidget *parent)
    : QWidget(parent), m_edit(new QLineEdit(path))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *browse = new QPushButton(tr("Browse…"));
    layout->addWidget(m_edit, 1);
    layout->addWidget(browse);
    connect(browse, &QPushButton::clicked, this, [this, title, filter] {
        const QString file = QFileDialog::getOpenFileName(this, title, m_edit->text(), filter);
        if (!file.isEmpty())
            m_edit->setText(file);
    });
}

QString FileField::path() const
{
    return m_edit->text().trimmed();
}

void FileField::setPlaceholderText(const QString &text)
{
    m_edit->setPlaceholderText(text);
}

} // namespace daffi::ui
