package io.scission.grpc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Times messages over TCP on 127.0.0.1, for {@link KernelLinkIT}: run inside a network namespace whose loopback
 * the kernel shapes ({@code tc}), or in the test's own JVM after {@link LinkEmulator}'s delay. Each round sends
 * {@code bytes} from a client socket to a server socket, which answers one byte once it has read them all; a round's
 * time is from the first byte written to the answer read, so it holds the transfer and one round trip.
 */
final class KernelLinkProbe {

    private KernelLinkProbe() {
    }

    /**
     * Prints one line per round: the round's nanoseconds.
     *
     * @param args the message's bytes and the rounds
     * @throws IOException if the sockets fail
     */
    public static void main(String[] args) throws IOException {
        int bytes = Integer.parseInt(args[0]);
        int rounds = Integer.parseInt(args[1]);
        for (long nanos : rounds(bytes, rounds, null)) {
            System.out.println(nanos);
        }
    }

    /**
     * Runs rounds on 127.0.0.1.
     *
     * @param bytes the message's bytes
     * @param rounds how many
     * @param link when not null, each message is first delayed like this emulated link (as a worker does)
     * @return each round's nanoseconds
     * @throws IOException if the sockets fail
     */
    static long[] rounds(int bytes, int rounds, @Nullable LinkEmulator link) throws IOException {
        long[] out = new long[rounds];
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread echo = new Thread(() -> serve(server, bytes, rounds), "kernel-link-probe-server");
            echo.setDaemon(true);
            echo.start();
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                s.setTcpNoDelay(true);
                OutputStream o = s.getOutputStream();
                InputStream in = s.getInputStream();
                byte[] message = new byte[bytes];
                for (int r = 0; r < rounds; r++) {
                    long start = System.nanoTime();
                    if (link != null) {
                        try {
                            LinkEmulator.sleepUntil(start + link.send(bytes).totalNanos());
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new IOException("interrupted", e);
                        }
                    }
                    o.write(message);
                    o.flush();
                    if (in.read() < 0) {
                        throw new IOException("the probe's server closed the connection");
                    }
                    out[r] = System.nanoTime() - start;
                }
            }
        }
        return out;
    }

    private static void serve(ServerSocket server, int bytes, int rounds) {
        try (Socket c = server.accept()) {
            c.setTcpNoDelay(true);
            InputStream in = c.getInputStream();
            OutputStream o = c.getOutputStream();
            byte[] buf = new byte[1 << 16];
            for (int r = 0; r < rounds; r++) {
                int left = bytes;
                while (left > 0) {
                    int n = in.read(buf, 0, Math.min(buf.length, left));
                    if (n < 0) {
                        return;
                    }
                    left -= n;
                }
                o.write(1);
                o.flush();
            }
        } catch (IOException e) {
            System.err.println(String.format(Locale.ROOT, "probe server: %s", e));
        }
    }
}
