#include "ui/lesson/prediction_box.h"

#include <QButtonGroup>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>
#include <cmath>

#include "core/analysis/other_cpu.h"
#include "core/analysis/run_measures.h"

namespace interleave::ui {
namespace {

QString number(double v) {
    if (std::fabs(v - std::round(v)) < 1e-9 && std::fabs(v) < 1e15)
        return QString::number(static_cast<qint64>(std::llround(v)));
    return QString::number(v, 'g', 3);
}

}  // namespace

PredictionBox::PredictionBox(QWidget* parent) : QGroupBox(tr("Predict, then run"), parent) {
    auto* layout = new QVBoxLayout(this);
    m_ask = new QLabel(this);
    m_ask->setWordWrap(true);
    layout->addWidget(m_ask);
    m_choiceArea = new QWidget(this);
    m_choiceLayout = new QGridLayout(m_choiceArea);
    m_choiceLayout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_choiceArea);
    m_choices = new QButtonGroup(this);
    m_number = new QDoubleSpinBox(this);
    m_number->setRange(-1, 1e12);  // -1 reads "your guess": no prediction yet
    m_number->setDecimals(2);
    m_number->setSpecialValueText(tr("your guess"));
    layout->addWidget(m_number);
    m_settingsText = new QLabel(this);
    m_settingsText->setWordWrap(true);
    layout->addWidget(m_settingsText);
    m_settings = new QPushButton(this);
    layout->addWidget(m_settings);
    m_reveal = new QLabel(this);
    m_reveal->setWordWrap(true);
    m_reveal->setTextFormat(Qt::RichText);
    layout->addWidget(m_reveal);
    m_next = new QPushButton(tr("Another question"), this);
    layout->addWidget(m_next);
    connect(m_next, &QPushButton::clicked, this, &PredictionBox::nextQuestion);
    connect(m_settings, &QPushButton::clicked, this, [this] {
        const auto* q = question();
        if (!q) return;
        QStringList values;
        for (const auto& [name, value] : q->set)
            values << QString::fromStdString(name + "=" + value);
        emit settingsWanted(values);
    });
    showQuestion();
}

void PredictionBox::setQuestions(std::vector<QuizQuestion> questions) {
    m_questions = std::move(questions);
    m_index = 0;
    m_locked.reset();
    m_running = false;
    m_reveal->clear();
    showQuestion();
}

const QuizQuestion* PredictionBox::question() const {
    return m_index < m_questions.size() ? &m_questions[m_index] : nullptr;
}

void PredictionBox::nextQuestion() {
    if (m_questions.empty()) return;
    m_index = (m_index + 1) % m_questions.size();
    m_reveal->clear();
    m_locked.reset();
    showQuestion();
}

void PredictionBox::showQuestion() {
    const auto* q = question();
    setVisible(q != nullptr);
    for (auto* b : m_choices->buttons())
        m_choices->removeButton(b);
    while (auto* item = m_choiceLayout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    if (!q) return;
    m_ask->setText(QString::fromStdString(q->ask));
    // A radio button does not wrap its text: the choice's words are a wrapped label beside an
    // empty one, so a long choice at large text never widens the lesson's column.
    for (std::size_t i = 0; i < q->choices.size(); ++i) {
        auto* b = new QRadioButton(m_choiceArea);
        auto* text = new QLabel(QString::fromStdString(q->choices[i].text), m_choiceArea);
        text->setWordWrap(true);
        text->setBuddy(b);
        b->setAccessibleName(text->text());
        m_choices->addButton(b, static_cast<int>(i));
        const int row = static_cast<int>(i);
        m_choiceLayout->addWidget(b, row, 0, Qt::AlignTop);
        m_choiceLayout->addWidget(text, row, 1);
    }
    m_choiceLayout->setColumnStretch(1, 1);
    m_choiceArea->setVisible(!q->isNumber());
    m_number->setVisible(q->isNumber());
    // Counts are whole; speedups and times are not.
    m_number->setDecimals(q->unit == "x" || q->unit == "µs" ? 2 : 0);
    m_number->setValue(m_number->minimum());
    m_number->setSuffix(q->unit.empty() ? QString()
                                        : QStringLiteral(" ") + QString::fromStdString(q->unit));
    QStringList values;
    for (const auto& [name, value] : q->set)
        values << QString::fromStdString(name + " = " + value);
    m_settings->setVisible(!values.isEmpty());
    m_settings->setText(tr("Set its parameters"));
    m_settings->setToolTip(
        tr("Set every parameter to its default, then %1").arg(values.join(QStringLiteral(", "))));
    m_settingsText->setVisible(!values.isEmpty());
    m_settingsText->setText(
        tr("About: %1; the others at their defaults").arg(values.join(QStringLiteral(", "))));
    m_next->setVisible(m_questions.size() > 1);
    m_choiceArea->setEnabled(true);
    m_number->setEnabled(true);
}

void PredictionBox::predictChoice(int index) {
    if (auto* b = m_choices->button(index)) b->setChecked(true);
}

void PredictionBox::predictNumber(double value) {
    m_number->setValue(value);
}

void PredictionBox::runStarted() {
    const auto* q = question();
    m_running = q != nullptr;
    m_locked.reset();
    if (!q) return;
    if (q->isNumber() && m_number->value() != m_number->minimum())
        m_locked = Prediction{-1, m_number->value()};
    else if (!q->isNumber() && m_choices->checkedId() >= 0)
        m_locked = Prediction{m_choices->checkedId(), 0};
    m_choiceArea->setEnabled(false);
    m_number->setEnabled(false);
    m_reveal->setText(m_locked ? tr("Your prediction is locked in. Watch the run.")
                               : tr("No prediction made: this run will not reveal the answer. "
                                    "Choose one, then run again."));
}

void PredictionBox::runEnded(const EventStore& store, RunForQuestion run,
                             const std::vector<std::pair<std::string, std::string>>& defaults) {
    const auto* q = question();
    if (!q || !m_running) return;
    m_running = false;
    m_choiceArea->setEnabled(true);
    m_number->setEnabled(true);
    run.predicted = m_locked.has_value();
    if (const auto why = whyRunCannotJudge(*q, run, defaults); !why.empty()) {
        m_reveal->setText(tr("This run cannot answer the question: %1.")
                              .arg(QString::fromStdString(why).toHtmlEscaped()));
        return;
    }
    std::string error;
    const auto observed = measureRun(store, q->measure, error);
    if (!observed) {
        m_reveal->setText(tr("This run cannot answer it: %1.").arg(QString::fromStdString(error)));
        return;
    }
    // Times taken on a busy machine say more about the other programs than about the question:
    // nothing is judged on them, neither the prediction nor the lesson.
    if (const auto other = otherProgramsCpu(store); other && other->unreliable()) {
        m_reveal->setText(tr("This run cannot answer it: %1")
                              .arg(QString::fromStdString(otherCpuText(*other)).toHtmlEscaped()));
        return;
    }
    const auto r = reveal(*q, m_locked.value_or(Prediction{}), *observed);
    const auto unit =
        q->unit.empty() ? QString() : QStringLiteral(" ") + QString::fromStdString(q->unit);
    QString html;
    QString showed;
    if (q->isNumber()) {
        showed = number(*observed) + unit;
    } else {
        showed = r.observedChoice >= 0
                     ? QString::fromStdString(
                           q->choices[static_cast<std::size_t>(r.observedChoice)].text)
                     : tr("none of the choices");
        showed += tr(" (measured: %1)").arg(number(*observed));
    }
    if (m_locked) {
        const auto predicted =
            q->isNumber() ? number(m_locked->number) + unit
                          : QString::fromStdString(
                                q->choices[static_cast<std::size_t>(m_locked->choice)].text);
        html += tr("You predicted: <b>%1</b><br>").arg(predicted.toHtmlEscaped());
    }
    html += tr("This run showed: <b>%1</b>").arg(showed.toHtmlEscaped());
    if (m_locked)
        html += r.predictionMatchesRun ? tr(" — ✔ as you said") : tr(" — ✘ not what you said");
    if (!q->isNumber() && !r.runMatchesAnswer)
        html +=
            tr("<br>The lesson expects <b>%1</b>; run it again: one run can differ.")
                .arg(QString::fromStdString(q->choices[static_cast<std::size_t>(q->answer)].text)
                         .toHtmlEscaped());
    html += tr("<br><i>Why:</i> %1").arg(QString::fromStdString(q->why).toHtmlEscaped());
    m_reveal->setText(html);
}

QString PredictionBox::revealText() const {
    return m_reveal->text();
}

}  // namespace interleave::ui
