#include "ui/views/process_tree_view.h"

#include <QHeaderView>
#include <QPainter>
#include <QStyledItemDelegate>
#include <QTimer>

#include "ui/base/palette.h"
#include "ui/views/process_tree_model.h"

namespace interleave::ui {
namespace {

class FadeDelegate : public QStyledItemDelegate {
  public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter* p, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override {
        const double appear = index.data(ProcessTreeModel::AppearRole).toDouble();
        const double end = index.data(ProcessTreeModel::EndRole).toDouble();
        if (appear > 0 || end > 0) {
            // Fork: a yellow glow that fades; exit: a vermillion one.
            QColor c = appear > 0 ? Palette::arrival() : Palette::departure();
            c.setAlphaF(0.75 * std::max(appear, end));
            p->fillRect(option.rect, c);
        }
        QStyledItemDelegate::paint(p, option, index);
    }
};

}  // namespace

ProcessTreeView::ProcessTreeView(ProcessTreeModel* model, QWidget* parent)
    : QTreeView(parent), m_fit(new QTimer(this)) {
    setModel(model);
    setItemDelegate(new FadeDelegate(this));
    setUniformRowHeights(true);
    setAlternatingRowColors(true);
    setSelectionMode(QAbstractItemView::NoSelection);
    header()->setStretchLastSection(true);
    // Not QHeaderView::ResizeToContents: that measures every row again at each change of a
    // row (a state, a fade), which with fork-tree's 217 threads was most of the window's CPU.
    // The columns are fitted instead a little after rows or their texts change, once.
    m_fit->setSingleShot(true);
    m_fit->setInterval(200);
    connect(m_fit, &QTimer::timeout, this, [this] {
        resizeColumnToContents(ProcessTreeModel::Name);
        resizeColumnToContents(ProcessTreeModel::Cpu);
    });
    const auto fit = [this] {
        if (!m_fit->isActive()) m_fit->start();
    };
    connect(model, &QAbstractItemModel::rowsInserted, this, fit);
    connect(model, &QAbstractItemModel::rowsMoved, this, fit);
    connect(model, &QAbstractItemModel::modelReset, this, fit);
    connect(model, &QAbstractItemModel::dataChanged, this, fit);
    // New nodes open up so threads and children are visible as they appear.
    connect(model, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex& parent, int, int) {
                expandRecursively(parent.isValid() ? parent : QModelIndex());
                expandAll();
            });
    // An orphan moved under its new parent stays open too.
    connect(model, &QAbstractItemModel::rowsMoved, this, [this] { expandAll(); });
    // Rows that start at the cursor (their look changes then) show, unfolding.
    connect(model, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex& from, const QModelIndex& to) {
                if (!m_unfolding) return;
                for (int row = from.row(); row <= to.row(); ++row)
                    hideIfUnstarted(row, from.parent());
            });
    const auto again = [this] {
        if (m_unfolding) hideUnstarted({});
    };
    connect(model, &QAbstractItemModel::rowsInserted, this, again);
    connect(model, &QAbstractItemModel::rowsMoved, this, again);
    connect(model, &QAbstractItemModel::modelReset, this, again);
}

void ProcessTreeView::setUnfolding(bool on) {
    if (on == m_unfolding) return;
    m_unfolding = on;
    hideUnstarted({});
}

void ProcessTreeView::hideIfUnstarted(int row, const QModelIndex& parent) {
    const bool hide =
        m_unfolding && !model()->index(row, 0, parent).data(ProcessTreeModel::StartedRole).toBool();
    if (isRowHidden(row, parent) != hide) setRowHidden(row, parent, hide);
}

void ProcessTreeView::hideUnstarted(const QModelIndex& parent) {
    for (int row = 0, n = model()->rowCount(parent); row < n; ++row) {
        hideIfUnstarted(row, parent);
        hideUnstarted(model()->index(row, 0, parent));
    }
}

}  // namespace interleave::ui
