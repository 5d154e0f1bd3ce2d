// The process tree's cost follows its rows, not rows times changes: with
// QHeaderView::ResizeToContents every change of a row (its CPU time, a fade) measured the text
// of every row again, which with fork-tree's 217 threads was most of the window's CPU. The
// columns are now fitted once, a little after the changes.

#include <gtest/gtest.h>

#include <QApplication>
#include <QStyledItemDelegate>
#include <string>
#include <vector>

#include "core/channel/event_store.h"
#include "ui/timeline/timeline_model.h"
#include "ui/views/process_tree_model.h"
#include "ui/views/process_tree_view.h"
#include "wait_for.h"

using namespace interleave;
using namespace interleave::ui;
using interleave::test::waitFor;

namespace {

// Counts the text measurements the view asks for.
class CountingDelegate : public QStyledItemDelegate {
  public:
    using QStyledItemDelegate::QStyledItemDelegate;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override {
        ++measured;
        return QStyledItemDelegate::sizeHint(option, index);
    }
    mutable long measured = 0;
};

// A process with `threads` threads, each reporting its CPU time once, one after the other; the
// cursor then walks over the reports, one change of one row at a time. Returns the
// measurements the view made until its columns were fitted after the last change.
long measurementsFor(std::uint32_t threads) {
    EventStore store(1024);
    std::vector<ActorInfo> actors{
        ActorInfo{0, 100, 1, 100, "main", ActorRole::ProcessMain, kNoActor, 0}};
    for (std::uint32_t a = 1; a <= threads; ++a)
        actors.push_back(ActorInfo{a, 100, 1, 100 + static_cast<int>(a),
                                   "thread " + std::to_string(a), ActorRole::Thread, 0, 0});
    store.setActors(actors);
    for (std::uint32_t a = 0; a <= threads; ++a)
        store.appendRow(Row{1 + a, a, EventKind::ActorStart, kNoObject, 0, a == 0 ? 1 : 0});
    for (std::uint32_t a = 1; a <= threads; ++a)
        store.appendRow(Row{1'000 + a, a, EventKind::CpuTime, kNoObject, 1'000'000 * a, 0});
    store.publish();
    TimelineModel timeline;
    timeline.reset(&store);
    ProcessTreeModel tree(&timeline);
    tree.sync();
    ProcessTreeView view(&tree);
    auto* counter = new CountingDelegate(&view);
    view.setItemDelegate(counter);
    view.resize(500, 400);
    view.expandAll();
    view.show();
    tree.setCursorTime(900);
    QApplication::processEvents();
    counter->measured = 0;
    for (std::uint32_t a = 1; a <= threads; ++a) {
        tree.setCursorTime(1'000 + a);  // thread a's CPU time shows
        QApplication::processEvents();
    }
    const long duringChanges = counter->measured;
    // The fit a little after the last change measures each row once.
    waitFor([&] { return counter->measured >= duringChanges + threads; }, 2'000);
    return counter->measured;
}

}  // namespace

TEST(ProcessTreeView, MeasuringTheRowsGrowsWithTheRowsNotWithRowsTimesChanges) {
    const long small = measurementsFor(100);
    const long large = measurementsFor(200);
    // One change per row. Measured at each fit, the rows cost a few measurements each however
    // the fits fall (a slow machine fits more than once while they change: 808 for 200 under
    // ASan); measured at each change, they cost one per row per change, tens of thousands
    // (52,938 for 100 and 207,050 for 200 with ResizeToContents).
    EXPECT_LT(small, 20 * 100) << small << " measurements for 100 threads, " << large << " for 200";
    EXPECT_LT(large, 20 * 200) << "a few fits of 200 rows, not one per change";
}
