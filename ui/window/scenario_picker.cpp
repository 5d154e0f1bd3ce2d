#include "ui/window/scenario_picker.h"

#include <QHeaderView>
#include <QLabel>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "core/scenarios/scenario.h"

namespace interleave::ui {

ScenarioPicker::ScenarioPicker(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_tree = new QTreeWidget(this);
    m_tree->setHeaderHidden(true);
    m_tree->setRootIsDecorated(false);
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    layout->addWidget(m_tree, 1);
    layout->addWidget(m_summary);

    const std::pair<const char*, QString> groups[] = {{"threads", tr("Threads")},
                                                      {"processes", tr("Processes")},
                                                      {"measurements", tr("Measurements")}};
    for (const auto& [key, title] : groups) {
        auto* group = new QTreeWidgetItem(m_tree, {title});
        // Enabled (its title reads as a heading, not greyed out) but neither selectable nor
        // current for long: see currentItemChanged below.
        group->setFlags(Qt::ItemIsEnabled);
        QFont bold = group->font(0);
        bold.setBold(true);
        group->setFont(0, bold);
        for (const auto& s : allScenarios()) {
            if (s.group != key) continue;
            auto* item = new QTreeWidgetItem(group, {QString::fromStdString(s.name)});
            item->setToolTip(0, QString::fromStdString(s.summary));
            item->setData(0, Qt::UserRole, QString::fromStdString(s.name));
        }
        if (group->childCount() == 0) delete group;
    }
    m_tree->expandAll();
    connect(m_tree, &QTreeWidget::currentItemChanged, this,
            [this](QTreeWidgetItem* item, QTreeWidgetItem* previous) {
                if (!item) return;
                if (item->data(0, Qt::UserRole).isNull()) {
                    // A group's title is not a scenario: the keys or a click that land on it move
                    // on to the scenario next to it in the direction they came from, so Run always
                    // has one.
                    QTreeWidgetItem* next = m_tree->itemBelow(item);
                    if (previous && m_tree->indexOfTopLevelItem(item) > 0 &&
                        m_tree->visualItemRect(previous).top() > m_tree->visualItemRect(item).top())
                        next = m_tree->itemAbove(item);
                    if (next && !next->data(0, Qt::UserRole).isNull())
                        QMetaObject::invokeMethod(
                            this, [this, next] { m_tree->setCurrentItem(next); },
                            Qt::QueuedConnection);
                    return;
                }
                const auto name = item->data(0, Qt::UserRole).toString();
                m_current = name;
                if (const auto* s = findScenario(name.toStdString()))
                    m_summary->setText(QString::fromStdString(s->summary));
                emit scenarioChosen(name);
            });
}

void ScenarioPicker::select(const QString& name) {
    for (auto* item : m_tree->findItems(name, Qt::MatchExactly | Qt::MatchRecursive)) {
        if (item->data(0, Qt::UserRole).toString() == name) {
            m_tree->setCurrentItem(item);
            return;
        }
    }
}

QString ScenarioPicker::current() const {
    return m_current;
}

}  // namespace interleave::ui
