package dev.authbroker.core.domain;

/** PENDING until its TXT record is seen; VERIFIED is served; SUSPENDED lost its record past the grace period. */
public enum DomainStatus {
    PENDING, VERIFIED, SUSPENDED
}
