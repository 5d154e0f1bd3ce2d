#include "app/all_orders_cli.h"

#include <algorithm>
#include <cstdio>
#include <string>

#include "core/supervise/order_explorer.h"

namespace interleave {
namespace {

std::string orderText(const std::vector<ScheduledActor>& steps) {
    std::string out;
    for (const auto& s : steps) {
        if (s.name == "main") continue;  // not a choice: see OrderExplorer
        out += (out.empty() ? "" : ", ") + scheduledActorText(s);
    }
    return out;
}

}  // namespace

int allOrdersCommand(const RunArgs& args, const RunPlan& plan, RunOptions options,
                     const std::function<bool()>& stop) {
    std::string params;
    for (const auto& a : plan.assignments)
        params += (params.empty() ? "" : ", ") + a;
    if (!args.quiet)
        std::fprintf(stderr,
                     "interleave-lab: every order of %s's steps%s, each run on real threads; "
                     "at most %zu orders\n",
                     plan.scenario->name.c_str(),
                     params.empty() ? "" : (" (" + params + ")").c_str(), args.maxOrders);
    OrderExplorer explorer(std::move(options), args.maxOrders);
    std::size_t shown = 0;
    bool told = false;
    const auto result = explorer.explore(
        [&](std::size_t done, std::size_t known, double atMost) {
            if (!args.quiet && !told) {
                told = true;
                std::fprintf(stderr,
                             "interleave-lab: at most %.0f orders (the ways to interleave the "
                             "first order's steps; fewer when a thread is made to wait)\n",
                             atMost);
            }
            // A line per tenth of what is known so far, not one per run.
            if (args.quiet || done * 10 < (shown + 1) * known) return;
            shown = done * 10 / std::max<std::size_t>(known, 1);
            std::fprintf(stderr, "interleave-lab: %zu orders run, %zu known so far\n", done, known);
        },
        stop);
    std::printf("%-24s %8s  %s\n", "outcome", "orders", "one of them (the workers' steps)");
    for (const auto& [outcome, count] : result.outcomes) {
        const auto example = std::find_if(result.orders.begin(), result.orders.end(),
                                          [&](const auto& o) { return o.outcome == outcome; });
        std::printf("%-24s %8zu  %s\n", outcome.c_str(), count, orderText(example->steps).c_str());
    }
    std::printf("%zu orders in %.1f s%s\n", result.orders.size(), result.seconds,
                result.complete ? ", every one"
                : stop()        ? ", stopped: more exist"
                : result.error.empty()
                    ? (", cut at " + std::to_string(args.maxOrders) + ": more exist").c_str()
                    : "");
    if (!result.error.empty()) {
        std::fprintf(stderr, "interleave-lab: a run could not be scheduled: %s\n",
                     result.error.c_str());
        return 1;
    }
    return 0;
}

}  // namespace interleave
