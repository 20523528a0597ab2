package dev.authbroker.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The resolver against a scripted DNS server on 127.0.0.1 that also sends what an off-path attacker would. */
class UdpTxtResolverTest {

    private static final String NAME = "_authbroker-challenge.files.acme.test";

    /** A response to {@code query} carrying one TXT record; {@code question} replaces the question when not null. */
    private static byte[] response(byte[] query, String text, String question) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] head = Arrays.copyOf(query, 12);
        head[2] = (byte) 0x81;
        head[3] = (byte) 0x80;
        head[7] = 1; // ANCOUNT
        out.writeBytes(head);
        out.writeBytes(question == null ? Arrays.copyOfRange(query, 12, query.length)
                : Arrays.copyOfRange(UdpTxtResolver.query(0, question), 12, UdpTxtResolver.query(0, question).length));
        byte[] txt = text.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(new byte[] {(byte) 0xc0, 12, 0, 16, 0, 1, 0, 0, 0, 60, 0, (byte) (txt.length + 1), (byte) txt.length});
        out.writeBytes(txt);
        return out.toByteArray();
    }

    /** Serves one query: first what {@code forged} sends, then (when {@code genuine}) the real answer. */
    private static CompletableFuture<Void> serve(DatagramSocket server, boolean genuine) {
        return CompletableFuture.runAsync(() -> {
            try (DatagramSocket attacker = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                byte[] buffer = new byte[512];
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                server.receive(packet);
                byte[] query = Arrays.copyOf(buffer, packet.getLength());
                // off-path: right id and question, wrong source port
                byte[] spoofed = response(query, "authbroker-verification=evil", null);
                attacker.send(new DatagramPacket(spoofed, spoofed.length, packet.getSocketAddress()));
                // right source, right id, but another question
                byte[] otherQuestion = response(query, "authbroker-verification=evil", "_authbroker-challenge.evil.test");
                server.send(new DatagramPacket(otherQuestion, otherQuestion.length, packet.getSocketAddress()));
                if (genuine) {
                    byte[] real = response(query, "authbroker-verification=good", null);
                    server.send(new DatagramPacket(real, real.length, packet.getSocketAddress()));
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void answersFromAnotherSenderOrForAnotherQuestionAreIgnored() throws Exception {
        try (DatagramSocket server = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> served = serve(server, true);
            UdpTxtResolver resolver = new UdpTxtResolver(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), Duration.ofSeconds(5), 1);
            List<String> records = resolver.txt(NAME);
            served.join();
            assertThat(records).containsExactly("authbroker-verification=good");
        }
    }

    @Test
    void onlyForgedAnswersThenUnavailable() throws Exception {
        try (DatagramSocket server = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> served = serve(server, false);
            UdpTxtResolver resolver = new UdpTxtResolver(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), Duration.ofMillis(500), 1);
            assertThatThrownBy(() -> resolver.txt(NAME)).isInstanceOf(TxtResolver.DnsUnavailableException.class);
            served.join();
        }
    }

    @Test
    void theQuestionIsComparedWithoutRegardToCase() {
        byte[] query = UdpTxtResolver.query(4242, NAME);
        byte[] upper = response(UdpTxtResolver.query(4242, NAME.toUpperCase()), "x", null);
        assertThat(UdpTxtResolver.answers(query, upper, upper.length)).isTrue();
        byte[] notAResponse = response(query, "x", null);
        notAResponse[2] = 0x01;
        assertThat(UdpTxtResolver.answers(query, notAResponse, notAResponse.length)).isFalse();
    }
}
