package dev.authbroker.core.domain;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal DNS client for TXT records over UDP (RFC 1035 §4, TXT RDATA §3.3.14): one question, recursion desired,
 * a random query id; an answer counts only from the server's address and port, with that id and exactly the question
 * asked; a timeout per try that stray datagrams do not extend. Small on purpose — the broker needs one record type
 * from one configured server (or the system's first nameserver), not a resolver library.
 */
public final class UdpTxtResolver implements TxtResolver {

    private static final int TYPE_TXT = 16;
    private static final int CLASS_IN = 1;
    private final InetSocketAddress server;
    private final Duration timeout;
    private final int tries;
    private final SecureRandom random = new SecureRandom();

    public UdpTxtResolver(InetSocketAddress server, Duration timeout, int tries) {
        this.server = server;
        this.timeout = timeout;
        this.tries = Math.max(1, tries);
    }

    /** {@code host:port}, or null/blank for the first nameserver of /etc/resolv.conf. */
    public static UdpTxtResolver forServer(String hostPort, Duration timeout) {
        if (hostPort == null || hostPort.isBlank()) {
            return new UdpTxtResolver(new InetSocketAddress(systemNameserver(), 53), timeout, 2);
        }
        int colon = hostPort.lastIndexOf(':');
        String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
        int port = colon < 0 ? 53 : Integer.parseInt(hostPort.substring(colon + 1));
        return new UdpTxtResolver(new InetSocketAddress(host, port), timeout, 2);
    }

    private static String systemNameserver() {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/resolv.conf"))) {
                String trimmed = line.trim();
                if (trimmed.startsWith("nameserver")) {
                    return trimmed.substring("nameserver".length()).trim();
                }
            }
        } catch (IOException ignored) {
            // fall through
        }
        return "127.0.0.1";
    }

    @Override
    public List<String> txt(String name) {
        int id = random.nextInt(0x10000);
        byte[] query = query(id, name);
        try (DatagramSocket socket = new DatagramSocket()) {
            for (int attempt = 0; attempt < tries; attempt++) {
                socket.send(new DatagramPacket(query, query.length, server));
                long deadline = System.nanoTime() + timeout.toNanos();
                byte[] buffer = new byte[4096];
                DatagramPacket answer = new DatagramPacket(buffer, buffer.length);
                try {
                    while (true) {
                        // stray or forged datagrams do not extend the wait
                        long left = (deadline - System.nanoTime()) / 1_000_000;
                        if (left <= 0) {
                            break;
                        }
                        socket.setSoTimeout((int) left);
                        socket.receive(answer);
                        if (fromServer(answer) && answers(query, buffer, answer.getLength())) {
                            return parse(buffer, answer.getLength());
                        }
                    }
                } catch (SocketTimeoutException e) {
                    // next try
                }
            }
        } catch (IOException e) {
            throw new DnsUnavailableException("DNS server " + server + " could not be queried");
        }
        throw new DnsUnavailableException("DNS server " + server + " did not answer");
    }

    private boolean fromServer(DatagramPacket packet) {
        return packet.getPort() == server.getPort() && packet.getAddress() != null
                && packet.getAddress().equals(server.getAddress());
    }

    /**
     * Whether {@code m} is a response to {@code query}: same id, the response bit set, and exactly the question asked
     * (name compared without regard to case). Anything else is ignored, as if it never arrived (RFC 5452 §9.1).
     */
    static boolean answers(byte[] query, byte[] m, int length) {
        if (length < query.length || u16(m, 0) != u16(query, 0) || (m[2] & 0x80) == 0 || u16(m, 4) != 1) {
            return false;
        }
        for (int i = 12; i < query.length; i++) {
            if (Character.toLowerCase((char) (m[i] & 0xff)) != Character.toLowerCase((char) (query[i] & 0xff))) {
                return false;
            }
        }
        return true;
    }

    static byte[] query(int id, String name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(id >>> 8);
        out.write(id);
        out.write(0x01); // RD
        out.write(0x00);
        out.writeBytes(new byte[] {0, 1, 0, 0, 0, 0, 0, 0}); // QDCOUNT 1
        for (String label : name.split("\\.")) {
            byte[] bytes = label.getBytes(StandardCharsets.US_ASCII);
            if (bytes.length == 0 || bytes.length > 63) {
                throw new IllegalArgumentException("invalid DNS name");
            }
            out.write(bytes.length);
            out.writeBytes(bytes);
        }
        out.write(0);
        out.writeBytes(new byte[] {0, TYPE_TXT, 0, CLASS_IN});
        return out.toByteArray();
    }

    static List<String> parse(byte[] m, int length) {
        int rcode = m[3] & 0x0f;
        if (rcode == 3) {
            return List.of(); // NXDOMAIN
        }
        if (rcode != 0) {
            throw new DnsUnavailableException("DNS server answered rcode " + rcode);
        }
        int questions = u16(m, 4);
        int answers = u16(m, 6);
        int p = 12;
        for (int i = 0; i < questions; i++) {
            p = skipName(m, p, length) + 4;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < answers && p < length; i++) {
            p = skipName(m, p, length);
            int type = u16(m, p);
            int rdLength = u16(m, p + 8);
            int rd = p + 10;
            if (rd + rdLength > length) {
                break;
            }
            if (type == TYPE_TXT) {
                StringBuilder text = new StringBuilder();
                for (int q = rd; q < rd + rdLength; ) {
                    int len = m[q] & 0xff;
                    text.append(new String(m, q + 1, Math.min(len, rd + rdLength - q - 1), StandardCharsets.UTF_8));
                    q += 1 + len;
                }
                out.add(text.toString());
            }
            p = rd + rdLength;
        }
        return out;
    }

    private static int skipName(byte[] m, int p, int length) {
        while (p < length) {
            int len = m[p] & 0xff;
            if (len == 0) {
                return p + 1;
            }
            if ((len & 0xc0) == 0xc0) {
                return p + 2; // compression pointer ends the name
            }
            p += 1 + len;
        }
        return p;
    }

    private static int u16(byte[] m, int p) {
        return ((m[p] & 0xff) << 8) | (m[p + 1] & 0xff);
    }
}
