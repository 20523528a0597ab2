/** {@code /api/admin/*}: the operator's and tenants' administration API (JSON, bearer tokens). */
package dev.authbroker.web.admin;
