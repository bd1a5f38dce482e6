package io.vigil.gateway.http1;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.sameInstance;

/** The pool against a plain loopback listener: reuse, bounds, ageing, stale connections, and closing. */
class ConnectionPoolTest {
    private ServerSocket listener;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();

    @BeforeEach
    void listen() throws IOException {
        listener = new ServerSocket(0);
        Thread.ofVirtual().start(() -> {
            try {
                while (true) {
                    accepted.add(listener.accept());
                }
            } catch (IOException e) {
                // closed
            }
        });
    }

    @AfterEach
    void close() throws IOException {
        listener.close();
        for (Socket socket : accepted) {
            socket.close();
        }
    }

    @Test
    void aReleasedConnectionIsReusedMostRecentFirst() throws IOException {
        ConnectionPool pool = pool(4, TimeUnit.SECONDS.toNanos(30));
        Http1Connection first = pool.borrow(1_000, true);
        Http1Connection second = pool.borrow(1_000, true);
        assertThat(first.reused(), is(false));

        pool.release(first);
        pool.release(second);
        assertThat(pool.idle(), is(2));
        Http1Connection again = pool.borrow(1_000, true);

        assertThat(again, is(sameInstance(second)));
        assertThat(again.reused(), is(true));
        assertThat(pool.idle(), is(1));
    }

    @Test
    void idleConnectionsAreBoundedAndAgeOut() throws Exception {
        ConnectionPool pool = pool(1, TimeUnit.MILLISECONDS.toNanos(50));
        Http1Connection first = pool.borrow(1_000, true);
        Http1Connection second = pool.borrow(1_000, true);
        pool.release(first);
        pool.release(second);
        assertThat("one idle connection at most", pool.idle(), is(1));
        assertThat("the other is closed", second.isClosed() || first.isClosed(), is(true));

        TimeUnit.MILLISECONDS.sleep(100);
        Http1Connection fresh = pool.borrow(1_000, true);
        assertThat("an aged connection is not reused", fresh.reused(), is(false));
        assertThat(pool.idle(), is(0));
    }

    @Test
    void aConnectionTheUpstreamClosedIsNotLentToARequestThatCannotBeRepeated() throws Exception {
        ConnectionPool pool = pool(4, TimeUnit.SECONDS.toNanos(30));
        Http1Connection connection = pool.borrow(1_000, true);
        pool.release(connection);
        awaitAccepted(1);
        accepted.get(0).close();
        TimeUnit.MILLISECONDS.sleep(100);

        Http1Connection lent = pool.borrow(1_000, false);

        assertThat(lent, is(not(sameInstance(connection))));
        assertThat(connection.isClosed(), is(true));
    }

    @Test
    void discardClosesAndAClosedPoolKeepsNothing() throws IOException {
        ConnectionPool pool = pool(4, TimeUnit.SECONDS.toNanos(30));
        Http1Connection broken = pool.borrow(1_000, true);
        Http1Connection kept = pool.borrow(1_000, true);
        Http1Connection inUse = pool.borrow(1_000, true);
        pool.discard(broken);
        pool.release(kept);

        pool.close();
        assertThat(broken.isClosed(), is(true));
        assertThat("idle connections close with the pool", kept.isClosed(), is(true));
        assertThat(pool.idle(), is(0));
        pool.release(inUse);
        assertThat("a connection in use closes when it comes back", inUse.isClosed(), is(true));
        assertThat(pool.idle(), is(0));
    }

    private ConnectionPool pool(int maxIdle, long idleTimeoutNanos) {
        return new ConnectionPool("127.0.0.1", listener.getLocalPort(), maxIdle, idleTimeoutNanos);
    }

    private void awaitAccepted(int count) throws InterruptedException {
        for (int i = 0; i < 200 && accepted.size() < count; i++) {
            TimeUnit.MILLISECONDS.sleep(10);
        }
        assertThat(accepted.size(), is(count));
    }
}
