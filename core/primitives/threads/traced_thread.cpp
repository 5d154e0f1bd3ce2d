#include "core/primitives/threads/traced_thread.h"

#include "core/primitives/runtime.h"

namespace interleave {

TracedThread::TracedThread(std::string name, std::function<void()> body) {
    const auto* ch = Runtime::channel();
    m_actor = ch ? ch->claimActor() : kNoActor;
    const auto parent = Runtime::currentActor();
    Runtime::emit(EventKind::ThreadCreate, kNoObject,
                  m_actor == kNoActor ? std::int64_t{-1} : std::int64_t{m_actor});
    Runtime::threadStarted();
    m_thread =
        std::thread([actor = m_actor, parent, name = std::move(name), body = std::move(body)] {
            Runtime::adoptActor(actor, name, parent, ActorRole::Thread);
            body();
            Runtime::sampleCpu(true);
            Runtime::actorExit(0);
            Runtime::detachThread();
            // Counted here, not by whoever joins: a detached thread has nobody to count it.
            Runtime::threadEnded();
        });
}

TracedThread::~TracedThread() {
    if (m_thread.joinable()) m_thread.join();
}

void TracedThread::join() {
    Runtime::checkpoint(EventKind::JoinRequest, kNoObject, m_actor);
    Runtime::emit(EventKind::JoinRequest, kNoObject, m_actor);
    m_thread.join();
    Runtime::emitOrdered(EventKind::Joined, kNoObject, m_actor);
}

void TracedThread::detach() {
    m_thread.detach();
}

}  // namespace interleave
