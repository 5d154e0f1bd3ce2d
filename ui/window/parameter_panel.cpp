#include "ui/window/parameter_panel.h"

#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include "ui/base/palette.h"

namespace interleave::ui {

ParameterPanel::ParameterPanel(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    m_form = new QFormLayout;
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    // A narrow panel (large text on a projector) puts each field under its name, not off the edge.
    m_form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    layout->addLayout(m_form);
    m_general = new QLabel(this);
    m_general->setWordWrap(true);
    m_general->setStyleSheet(Palette::warningStyle(false));
    m_general->hide();
    layout->addWidget(m_general);
    m_readOnlyNote = new QLabel(
        tr("The values this run was recorded with. Press Run to run it again with them, or "
           "choose a scenario to change them."),
        this);
    m_readOnlyNote->setWordWrap(true);
    m_readOnlyNote->hide();
    layout->addWidget(m_readOnlyNote);
    m_reset = new QPushButton(tr("Reset to defaults"), this);
    connect(m_reset, &QPushButton::clicked, this, &ParameterPanel::resetToDefaults);
    layout->addWidget(m_reset);
    layout->addStretch(1);
}

void ParameterPanel::setReadOnly(bool readOnly) {
    m_readOnly = readOnly;
    for (const auto& [name, f] : m_fields) {
        if (auto* spin = qobject_cast<QSpinBox*>(f.editor)) {
            // Read-only rather than disabled: greyed-out text reads poorly on a projector.
            spin->setReadOnly(readOnly);
            spin->setButtonSymbols(readOnly ? QAbstractSpinBox::NoButtons
                                            : QAbstractSpinBox::UpDownArrows);
        }
        if (auto* combo = qobject_cast<QComboBox*>(f.editor)) combo->setEnabled(!readOnly);
    }
    m_reset->setEnabled(!readOnly);
    m_readOnlyNote->setVisible(readOnly);
}

void ParameterPanel::setScenario(const Scenario* scenario) {
    m_scenario = scenario;
    m_readOnly = false;
    m_reset->setEnabled(true);
    m_readOnlyNote->hide();
    while (m_form->rowCount() > 0)
        m_form->removeRow(0);
    m_fields.clear();
    m_general->hide();
    if (!scenario) return;
    for (const auto& spec : scenario->params) {
        auto* box = new QWidget(this);
        auto* v = new QVBoxLayout(box);
        v->setContentsMargins(0, 0, 0, 0);
        v->setSpacing(1);
        QWidget* editor = nullptr;
        if (spec.type == ParamType::Int) {
            auto* spin = new QSpinBox(box);
            spin->setRange(static_cast<int>(spec.min), static_cast<int>(spec.max));
            spin->setValue(static_cast<int>(spec.defaultInt));
            if (!spec.unit.empty())
                spin->setSuffix(QStringLiteral(" ") + QString::fromStdString(spec.unit));
            spin->setToolTip(tr("%1\nAllowed: %2")
                                 .arg(QString::fromStdString(spec.help),
                                      QString::fromStdString(spec.rangeText())));
            connect(spin, &QSpinBox::valueChanged, this, &ParameterPanel::changed);
            editor = spin;
        } else {
            auto* combo = new QComboBox(box);
            for (const auto& c : spec.choices)
                combo->addItem(QString::fromStdString(c));
            combo->setToolTip(QString::fromStdString(spec.help));
            connect(combo, &QComboBox::currentIndexChanged, this, &ParameterPanel::changed);
            editor = combo;
        }
        editor->setObjectName(QString::fromStdString(spec.name));
        v->addWidget(editor);
        auto* hint = new QLabel(QString::fromStdString(spec.help), box);
        hint->setWordWrap(true);
        // Smaller than the field by a ratio the window keeps when it sets the text size
        // (larger text, presenter mode, Ctrl+0), so the help does not grow to the field's size.
        hint->setProperty(kFontRatioProperty, 0.85);
        hint->installEventFilter(this);
        QFont small = hint->font();
        small.setPointSizeF(small.pointSizeF() * 0.85);
        hint->setFont(small);
        v->addWidget(hint);
        auto* error = new QLabel(box);
        error->setWordWrap(true);
        error->setStyleSheet(Palette::warningStyle(false));
        error->hide();
        v->addWidget(error);
        m_form->addRow(QString::fromStdString(spec.name), box);
        m_fields[QString::fromStdString(spec.name)] = Field{&spec, editor, error};
    }
}

bool ParameterPanel::eventFilter(QObject* watched, QEvent* event) {
    // A help's wrapped lines, whole: the form gives each row the height of its hint at another
    // width (before the scroll bar came, or the text size changed) and cut the last lines off
    // at 1280x720; held at the height its text needs at the width it got.
    if (event->type() == QEvent::Resize)
        if (auto* label = qobject_cast<QLabel*>(watched)) {
            const int needed = label->heightForWidth(label->width());
            if (needed > 0 && label->minimumHeight() != needed) label->setMinimumHeight(needed);
        }
    return QWidget::eventFilter(watched, event);
}

void ParameterPanel::showError(const QString& name, const QString& message) {
    const auto it = m_fields.find(name);
    if (it == m_fields.end()) {
        m_general->setText(message);
        m_general->show();
        return;
    }
    it->second.error->setText(message);
    it->second.error->show();
}

bool ParameterPanel::apply(const QStringList& assignments) {
    bool ok = true;
    for (const auto& a : assignments) {
        const auto eq = a.indexOf(QLatin1Char('='));
        const QString name = eq > 0 ? a.left(eq) : a;
        const QString value = eq > 0 ? a.mid(eq + 1) : QString();
        const auto it = m_fields.find(name);
        if (eq <= 0 || it == m_fields.end()) {
            const auto check = resolveParams(
                m_scenario ? m_scenario->params : std::vector<ParamSpec>{}, {a.toStdString()});
            showError(name, QString::fromStdString(check.error));
            ok = false;
            continue;
        }
        if (auto err = validateParam(*it->second.spec, value.toStdString())) {
            showError(name, QString::fromStdString(*err) + tr(" — the default is used."));
            ok = false;
            continue;
        }
        if (auto* spin = qobject_cast<QSpinBox*>(it->second.editor)) spin->setValue(value.toInt());
        if (auto* combo = qobject_cast<QComboBox*>(it->second.editor)) combo->setCurrentText(value);
    }
    return ok;
}

QStringList ParameterPanel::assignments() const {
    QStringList out;
    for (const auto& [name, f] : m_fields) {
        if (auto* spin = qobject_cast<QSpinBox*>(f.editor))
            out << name + QLatin1Char('=') + QString::number(spin->value());
        if (auto* combo = qobject_cast<QComboBox*>(f.editor))
            out << name + QLatin1Char('=') + combo->currentText();
    }
    return out;
}

void ParameterPanel::resetToDefaults() {
    for (const auto& [name, f] : m_fields) {
        if (auto* spin = qobject_cast<QSpinBox*>(f.editor))
            spin->setValue(static_cast<int>(f.spec->defaultInt));
        if (auto* combo = qobject_cast<QComboBox*>(f.editor)) combo->setCurrentIndex(0);
        f.error->hide();
    }
    m_general->hide();
}

}  // namespace interleave::ui
