package dev.authbroker.it.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A DNS server for tests, answering real UDP queries on 127.0.0.1 (RFC 1035 §4): TXT records from a map the tests
 * change, NXDOMAIN for anything else. The broker queries it exactly as it would query a production resolver.
 */
public final class TestDns implements AutoCloseable {

    private static TestDns instance;

    private final DatagramSocket socket;
    private final Map<String, List<String>> txt = new ConcurrentHashMap<>();
    private final AtomicInteger queries = new AtomicInteger();
    private final Map<String, AtomicInteger> queriesByName = new ConcurrentHashMap<>();
    private final Thread thread;

    private TestDns(int port) throws SocketException {
        socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", port));
        thread = new Thread(this::serve, "test-dns");
        thread.setDaemon(true);
        thread.start();
    }

    static synchronized void start() {
        if (instance == null) {
            try {
                instance = new TestDns(Integer.getInteger("it.dns.port"));
            } catch (SocketException e) {
                throw new IllegalStateException("cannot start the test DNS server", e);
            }
        }
    }

    static synchronized void stop() {
        if (instance != null) {
            instance.close();
            instance = null;
        }
    }

    public static synchronized TestDns get() {
        start();
        return instance;
    }

    public void setTxt(String name, String... values) {
        txt.put(name.toLowerCase(Locale.ROOT), List.of(values));
    }

    public void removeTxt(String name) {
        txt.remove(name.toLowerCase(Locale.ROOT));
    }

    public int queries() {
        return queries.get();
    }

    /** How many questions named {@code name} arrived, any type. */
    public int queries(String name) {
        AtomicInteger count = queriesByName.get(name.toLowerCase(Locale.ROOT));
        return count == null ? 0 : count.get();
    }

    private void serve() {
        byte[] buffer = new byte[512];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
                queries.incrementAndGet();
                byte[] answer = answer(buffer, packet.getLength());
                socket.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
            } catch (IOException | RuntimeException e) {
                // closed, or a malformed query: ignore it like a real server would
            }
        }
    }

    private byte[] answer(byte[] q, int length) {
        int p = 12;
        StringBuilder name = new StringBuilder();
        while (p < length && q[p] != 0) {
            int len = q[p] & 0xff;
            if (name.length() > 0) {
                name.append('.');
            }
            name.append(new String(q, p + 1, len, StandardCharsets.US_ASCII));
            p += 1 + len;
        }
        queriesByName.computeIfAbsent(name.toString().toLowerCase(Locale.ROOT), n -> new AtomicInteger()).incrementAndGet();
        int questionEnd = p + 5;
        int type = ((q[p + 1] & 0xff) << 8) | (q[p + 2] & 0xff);
        List<String> values = type == 16 ? txt.get(name.toString().toLowerCase(Locale.ROOT)) : null;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(q[0]);
        out.write(q[1]);
        out.write(0x81); // response, recursion desired
        out.write(values == null ? 0x83 : 0x80); // recursion available; NXDOMAIN when unknown
        out.writeBytes(new byte[] {0, 1, 0, (byte) (values == null ? 0 : values.size()), 0, 0, 0, 0});
        out.write(q, 12, questionEnd - 12);
        if (values != null) {
            for (String value : values) {
                byte[] text = value.getBytes(StandardCharsets.UTF_8);
                out.writeBytes(new byte[] {(byte) 0xc0, 12, 0, 16, 0, 1, 0, 0, 0, 0});
                out.write((text.length + 1) >>> 8);
                out.write(text.length + 1);
                out.write(text.length);
                out.writeBytes(text);
            }
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        socket.close();
    }
}
