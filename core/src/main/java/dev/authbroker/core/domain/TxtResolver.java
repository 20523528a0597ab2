package dev.authbroker.core.domain;

import java.util.List;

/** Reads DNS TXT records. An edge the broker does not own: tests answer it with a real DNS responder. */
public interface TxtResolver {

    /**
     * The TXT strings of {@code name}; empty when it has none or does not exist.
     *
     * @throws DnsUnavailableException when the DNS server did not answer in time
     */
    List<String> txt(String name);

    /** The DNS server did not answer. */
    class DnsUnavailableException extends RuntimeException {
        public DnsUnavailableException(String message) {
            super(message, null, false, false);
        }
    }
}
