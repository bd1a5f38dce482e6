package io.vigil.health.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP server on 127.0.0.1 that hangs its clients, in one of two ways: {@link #silent()} accepts
 * connections and never answers (an HTTP request waits for a response forever), {@link #saturated()}
 * has a full accept queue, so the kernel drops new connection attempts and a connect waits forever.
 */
public final class HangingServer implements AutoCloseable {
    private final ServerSocket listener;
    private final List<Socket> held = new CopyOnWriteArrayList<>();

    private HangingServer(ServerSocket listener) {
        this.listener = listener;
    }

    /**
     * A server that accepts connections and never reads or writes.
     *
     * @return the running server
     */
    public static HangingServer silent() {
        HangingServer server = new HangingServer(listen(50));
        Thread.ofVirtual().name("hanging-server").start(server::acceptForever);
        return server;
    }

    /**
     * A server that never accepts and whose accept queue is full: connects to it time out.
     *
     * @return the server
     */
    public static HangingServer saturated() {
        HangingServer server = new HangingServer(listen(1));
        server.fillAcceptQueue();
        return server;
    }

    /**
     * The port it listens on.
     *
     * @return port
     */
    public int port() {
        return listener.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : held) {
            socket.close();
        }
    }

    private static ServerSocket listen(int backlog) {
        try {
            return new ServerSocket(0, backlog, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing to do
        }
    }

    private void acceptForever() {
        try {
            while (!listener.isClosed()) {
                held.add(listener.accept());
            }
        } catch (IOException e) {
            // closed: done
        }
    }

    /** Connects until a connect times out: from then on the queue is full and new connects hang. */
    private void fillAcceptQueue() {
        for (int i = 0; i < 64; i++) {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port()), 200);
                held.add(socket);
            } catch (SocketTimeoutException e) {
                closeQuietly(socket);
                return;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("the accept queue of port " + port() + " never filled");
    }
}
