/** Meta's Data Deletion requests: what was asked, when, and what the broker removed. */
package dev.authbroker.core.deletion;
