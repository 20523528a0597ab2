/** The audit trail: who changed what, and when, without secret values. */
package dev.authbroker.core.audit;
