package dev.httpcourse.stage03;

import dev.httpcourse.stage02.EventLoop;
import java.lang.System.Logger.Level;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;

/**
 * The compared alternative to {@code SO_REUSEPORT}: one thread blocks in {@code accept} on the only
 * listening socket and hands each connection to the next worker, round-robin. Every connection costs
 * a hand-off through the worker's task queue, and, when the worker is asleep in {@code select}, a
 * wake-up; in exchange the acceptor could pick the least busy worker, which the kernel's hash cannot.
 */
final class HandOffAcceptor {
    private static final System.Logger LOG = System.getLogger(HandOffAcceptor.class.getName());
    /** After a failed accept (EMFILE, most often), how long to wait: it would fail again at once. */
    private static final long ACCEPT_RETRY_MILLIS = 50;

    private final ServerSocketChannel listener;
    private final List<EventLoop> workers;
    private final Thread thread;
    private volatile boolean stopping;

    HandOffAcceptor(ServerSocketChannel listener, List<EventLoop> workers) {
        this.listener = listener;
        this.workers = workers;
        this.thread = Thread.ofPlatform().name("acceptor").unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    // tag::s03-handoff[]
    private void run() {
        // tag::step-2-handoff[]
        int next = 0;
        while (!stopping) {
            SocketChannel channel;
            try {
                channel = listener.accept(); // blocking: this thread has nothing else to do
            } catch (ClosedChannelException e) {
                return; // stop() closed the listener
            } catch (IOException e) {
                if (!stopping) {
                    LOG.log(Level.WARNING, "accept failed: {0}", e.getMessage());
                    pause();
                }
                continue;
            }
            workers.get(next).adopt(channel); // queued for the worker's thread, which registers it
            next = (next + 1) % workers.size();
        }
        // end::step-2-handoff[]
    }
    // end::s03-handoff[]

    /** Closes the listening socket, which ends the blocked accept, and waits for the thread. */
    void stop() {
        stopping = true;
        try {
            listener.close();
            thread.join();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "closing the listener failed: {0}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(ACCEPT_RETRY_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
