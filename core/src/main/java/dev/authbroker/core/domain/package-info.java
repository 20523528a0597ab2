/** Host names and tenants' custom domains. */
package dev.authbroker.core.domain;
