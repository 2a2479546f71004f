package io.rootscope.backend.bench;

import io.rootscope.backend.testing.RawHttp;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Clients that each keep one upload open and drip its body, one byte per {@code interval}: when the server cuts one off
 * (or refuses it), it connects again at its next byte, so {@code connections} slow bodies are in flight all along.
 */
final class SlowBodyClients implements AutoCloseable {

    private final int port;
    private final String path;
    private final String contentType;
    private final Socket[] sockets;
    private final ScheduledExecutorService drippers = Executors.newScheduledThreadPool(8, runnable -> {
        Thread thread = new Thread(runnable, "slow-body");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong connects = new AtomicLong();

    SlowBodyClients(int port, String path, String contentType, int connections, Duration interval) {
        this.port = port;
        this.path = path;
        this.contentType = contentType;
        this.sockets = new Socket[connections];
        for (int i = 0; i < connections; i++) {
            int slot = i;
            // Spread over the interval, as independent clients would be.
            drippers.scheduleAtFixedRate(() -> drip(slot), interval.toMillis() * i / connections, interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Connections opened so far; beyond the first of each slot, each one is a slow body the server ended. */
    long connects() {
        return connects.get();
    }

    private void drip(int slot) {
        try {
            if (sockets[slot] == null) {
                Socket socket = RawHttp.connect(port, Duration.ofSeconds(5));
                connects.incrementAndGet();
                sockets[slot] = socket;
                socket.getOutputStream().write(RawHttp.head("POST", path, port, contentType, 1 << 20).getBytes(StandardCharsets.US_ASCII));
            }
            OutputStream out = sockets[slot].getOutputStream();
            out.write('[');
            out.flush();
            if (sockets[slot].getInputStream().available() > 0) {
                // The server answered (408, 503): this upload is over.
                reset(slot);
            }
        } catch (IOException ended) {
            reset(slot);
        }
    }

    private void reset(int slot) {
        try {
            if (sockets[slot] != null) {
                sockets[slot].close();
            }
        } catch (IOException ignored) {
            // closing anyway
        }
        sockets[slot] = null;
    }

    @Override
    public void close() throws InterruptedException {
        drippers.shutdownNow();
        drippers.awaitTermination(5, TimeUnit.SECONDS);
        List<Integer> slots = new ArrayList<>();
        for (int i = 0; i < sockets.length; i++) {
            slots.add(i);
        }
        slots.forEach(this::reset);
    }
}
